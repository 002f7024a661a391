/** Scenario validation: the first bad field in document order, named by its JSON path. */
import { describe, expect, it } from 'vitest';
import { parseScenarioText, parseScenarioValue, parseStep } from '../../src/engine/index.ts';

const file = (steps: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'pasid-atlas/scenario@1', ...extra, steps });

function message(text: string): string {
  const r = parseScenarioText(text);
  return r.ok ? 'ok' : r.message;
}

describe('parseScenarioText', () => {
  it('accepts a minimal scenario and fills platform defaults', () => {
    const r = parseScenarioText(file([]));
    expect(r.ok && r.value.platform).toEqual({
      iommu: 'vtd',
      addressWidth: 48,
      hostMemory: 16 * 2 ** 30,
      caches: 'iotlb',
      pageTable: 'v2',
    });
  });

  it.each([
    ['not JSON', '{', /^not valid JSON/],
    ['an array', '[]', /^\(file\): expected a JSON object/],
    ['a wrong format', JSON.stringify({ format: 'x', steps: [] }), /^format: expected "pasid-atlas\/scenario@1"/],
    ['missing steps', JSON.stringify({ format: 'pasid-atlas/scenario@1' }), /^steps: required field is missing/],
    ['an unknown top-level field', file([], { extra: 1 }), /^extra: unknown field$/],
    [
      'a bad address width',
      file([], { platform: { addressWidth: 50 } }),
      /^platform\.addressWidth: expected 39, 48 or 57/,
    ],
    ['an unknown op', file([{ op: 'frob' }]), /^steps\[0\]\.op: unknown op "frob"/],
    ['a step that is not an object', file([3]), /^steps\[0\]: expected a step object/],
    [
      'a non-hex iova',
      file([{ op: 'dma', device: 'a', iova: '4096', access: 'read' }]),
      /^steps\[0\]\.iova: expected a hex string/,
    ],
    [
      'a number as iova',
      file([{ op: 'dma', device: 'a', iova: 4096, access: 'read' }]),
      /^steps\[0\]\.iova: expected a hex string/,
    ],
    [
      'a missing field',
      file([{ op: 'map', domain: 'd', iova: '0x0', pa: '0x0', prot: 'r' }]),
      /^steps\[0\]\.size: required field is missing/,
    ],
    ['an extra field', file([{ op: 'detach', device: 'a', wq: 1 }]), /^steps\[0\]\.wq: unknown field/],
    [
      'a wrong type',
      file([{ op: 'addDevice', id: 'a', bdf: '0000:00:01.0', kind: 'pdev', pasid: 'yes' }]),
      /^steps\[0\]\.pasid: expected true or false/,
    ],
    [
      'a bad expect key',
      file([{ op: 'detach', device: 'a', expect: { faults: 'x' } }]),
      /^steps\[0\]\.expect\.faults: unknown field/,
    ],
    [
      'a bad fault name',
      file([{ op: 'detach', device: 'a', expect: { fault: 'oops' } }]),
      /^steps\[0\]\.expect\.fault: expected a fault name/,
    ],
    ['a tiny host memory', file([], { platform: { hostMemory: '4KiB' } }), /^platform\.hostMemory: must be/],
  ])('rejects %s', (_n, text, re) => {
    expect(message(text)).toMatch(re);
  });

  it('reports the first bad field in document order, not schema order', () => {
    // iova comes before device in the document, and steps[1] after steps[0].
    const text =
      '{"format":"pasid-atlas/scenario@1","steps":[{"op":"dma","iova":"zz","device":5,"access":"read"},{"op":"dma","device":1}]}';
    expect(message(text)).toMatch(/^steps\[0\]\.iova:/);
    const text2 = '{"steps":[{"op":"nope"}],"format":"wrong"}';
    expect(message(text2)).toMatch(/^steps\[0\]\.op:/);
  });
});

describe("bad input gets one sentence in the project's words (issue 9)", () => {
  const deepValue = () => {
    let v: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 10_000; i++) v = { a: v };
    return v;
  };

  it('accepts and drops a leading byte-order mark', () => {
    const r = parseScenarioText('\uFEFF' + file([{ op: 'detach', device: 'a' }]));
    expect(r.ok && r.value.scenario.steps).toEqual([{ op: 'detach', device: 'a' }]);
  });

  it('refuses 10,000 levels inside expect.result, from text and from a value (Import), naming where', () => {
    const text =
      '{"format":"pasid-atlas/scenario@1","steps":[{"op":"detach","device":"a","expect":{"result":' +
      '{"a":'.repeat(10_000) +
      '1' +
      '}'.repeat(10_000) +
      '}}]}';
    expect(message(text)).toBe(
      'steps[0].expect.result.a…: nests objects and arrays more than 64 levels deep, the most a scenario may use',
    );
    const value = {
      format: 'pasid-atlas/scenario@1',
      steps: [{ op: 'detach', device: 'a', expect: { result: deepValue() } }],
    };
    const r = parseScenarioValue(value);
    expect(r.ok ? 'ok' : r.message).toBe(
      'steps[0].expect.result.a…: nests objects and arrays more than 64 levels deep, the most a scenario may use',
    );
    const step = parseStep({ op: 'detach', device: 'a', expect: { result: deepValue() } });
    expect(step.ok).toBe(false);
  });

  it('refuses a duplicate key, naming the key and its path', () => {
    expect(message('{"format":"pasid-atlas/scenario@1","steps":[{"op":"detach","device":"a","device":"b"}]}')).toBe(
      'steps[0].device: the key "device" appears twice in one object; JSON would keep only the last, so write each field once',
    );
  });

  it('refuses byte counts above 2^53 as JSON numbers, saying to write them as strings', () => {
    const text =
      '{"format":"pasid-atlas/scenario@1","steps":[{"op":"map","domain":"d","iova":"0x0","pa":"0x0","size":18014398509481985,"prot":"r"}]}';
    expect(message(text)).toBe(
      'steps[0].size: 18014398509481985 is too large for a JSON number to hold exactly (above 2^53 - 1); write the byte count as a string: "18014398509481985" or "0x40000000000001"',
    );
    expect(
      message('{"format":"pasid-atlas/scenario@1","platform":{"hostMemory":1152921504606846976},"steps":[]}'),
    ).toMatch(/^platform\.hostMemory: 1152921504606846976 is too large .*"0x1000000000000000"$/);
    expect(message(file([{ op: 'useWq', device: 'a', wq: 2 ** 60 }]))).toBe(
      'steps[0].wq: 1152921504606847000 is too large for a JSON number to hold exactly (above 2^53 - 1)',
    );
    // A value from the UI (no text) is named by the double it holds.
    const r = parseScenarioValue({
      format: 'pasid-atlas/scenario@1',
      steps: [{ op: 'useWq', device: 'a', wq: 2 ** 60 }],
    });
    expect(r.ok ? 'ok' : r.message).toBe(
      'steps[0].wq: about 1152921504606846976 is too large for a JSON number to hold exactly (above 2^53 - 1)',
    );
  });

  it.each([
    [
      file([{ op: 'map', domain: 'd', iova: '0x0', pa: '0x0', size: -4096, prot: 'r' }]),
      'steps[0].size: expected a size (a byte count, or a string such as "4KiB", "2MiB", "1GiB" or "0x1000")',
    ],
    [
      file([], { platform: { hostMemory: '1PiB' } }),
      'platform.hostMemory: expected a size (a byte count, or a string such as "4KiB", "2MiB", "1GiB" or "0x1000")',
    ],
    [
      file([{ op: 'dma', device: 'a', iova: '0x0', access: 'read', pasid: 2 ** 21 }]),
      'steps[0].pasid: expected a PASID, a whole number from 0 to 1048575',
    ],
    [
      file([{ op: 'dma', device: 'a', iova: '0x0', access: 'read', pasid: 1.5 }]),
      'steps[0].pasid: expected a PASID, a whole number from 0 to 1048575',
    ],
    [file([{ op: 'detach', device: 'a', expect: 5 }]), 'steps[0].expect: expected an object'],
    [file([], { platform: 5 }), 'platform: expected an object'],
    [
      '{"format":"pasid-atlas/scenario@1","steps":[1,]}',
      'not valid JSON at line 1, column 47: expected a value, found "]"',
    ],
  ])('words %s without zod or regex text', (text, want) => {
    const got = message(text);
    expect(got).toBe(want);
    expect(got).not.toMatch(/Too big|Too small|Invalid input|Invalid string|must match pattern|<=|>=|JSON at position/);
  });
});

describe('parseStep', () => {
  it('validates one command for the UI', () => {
    expect(parseStep({ op: 'detach', device: 'nic0' })).toEqual({ ok: true, step: { op: 'detach', device: 'nic0' } });
    expect(parseStep({ op: 'map', domain: 'd', iova: 'x', pa: '0x0', size: 1, prot: 'r' })).toEqual({
      ok: false,
      message: 'iova: expected a hex string',
    });
  });
});
