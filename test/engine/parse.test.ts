/** Scenario validation: the first bad field in document order, named by its JSON path. */
import { describe, expect, it } from 'vitest';
import { parseScenarioText, parseStep } from '../../src/engine/index.ts';

const file = (steps: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'pasid-atlas/scenario@1', ...extra, steps });

function message(text: string): string {
  const r = parseScenarioText(text);
  return r.ok ? 'ok' : r.message;
}

describe('parseScenarioText', () => {
  it('accepts a minimal scenario and fills platform defaults', () => {
    const r = parseScenarioText(file([]));
    expect(r.ok && r.value.platform).toEqual({ iommu: 'vtd', addressWidth: 48, hostMemory: 16 * 2 ** 30, caches: 'iotlb', pageTable: 'v2' });
  });

  it.each([
    ['not JSON', '{', /^not valid JSON/],
    ['an array', '[]', /^\(file\): expected a JSON object/],
    ['a wrong format', JSON.stringify({ format: 'x', steps: [] }), /^format: expected "pasid-atlas\/scenario@1"/],
    ['missing steps', JSON.stringify({ format: 'pasid-atlas/scenario@1' }), /^steps: required field is missing/],
    ['an unknown top-level field', file([], { extra: 1 }), /^extra: unknown field$/],
    ['a bad address width', file([], { platform: { addressWidth: 50 } }), /^platform\.addressWidth: expected 39, 48 or 57/],
    ['an unknown op', file([{ op: 'frob' }]), /^steps\[0\]\.op: unknown op "frob"/],
    ['a step that is not an object', file([3]), /^steps\[0\]: expected a step object/],
    ['a non-hex iova', file([{ op: 'dma', device: 'a', iova: '4096', access: 'read' }]), /^steps\[0\]\.iova: expected a hex string/],
    ['a number as iova', file([{ op: 'dma', device: 'a', iova: 4096, access: 'read' }]), /^steps\[0\]\.iova: expected a hex string/],
    ['a missing field', file([{ op: 'map', domain: 'd', iova: '0x0', pa: '0x0', prot: 'r' }]), /^steps\[0\]\.size: required field is missing/],
    ['an extra field', file([{ op: 'detach', device: 'a', wq: 1 }]), /^steps\[0\]\.wq: unknown field/],
    ['a wrong type', file([{ op: 'addDevice', id: 'a', bdf: '0000:00:01.0', kind: 'pdev', pasid: 'yes' }]), /^steps\[0\]\.pasid: expected true or false/],
    ['a bad expect key', file([{ op: 'detach', device: 'a', expect: { faults: 'x' } }]), /^steps\[0\]\.expect\.faults: unknown field/],
    ['a bad fault name', file([{ op: 'detach', device: 'a', expect: { fault: 'oops' } }]), /^steps\[0\]\.expect\.fault: expected a fault name/],
    ['a tiny host memory', file([], { platform: { hostMemory: '4KiB' } }), /^platform\.hostMemory: must be/],
  ])('rejects %s', (_n, text, re) => {
    expect(message(text)).toMatch(re);
  });

  it('reports the first bad field in document order, not schema order', () => {
    // iova comes before device in the document, and steps[1] after steps[0].
    const text = '{"format":"pasid-atlas/scenario@1","steps":[{"op":"dma","iova":"zz","device":5,"access":"read"},{"op":"dma","device":1}]}';
    expect(message(text)).toMatch(/^steps\[0\]\.iova:/);
    const text2 = '{"steps":[{"op":"nope"}],"format":"wrong"}';
    expect(message(text2)).toMatch(/^steps\[0\]\.op:/);
  });
});

describe('parseStep', () => {
  it('validates one command for the UI', () => {
    expect(parseStep({ op: 'detach', device: 'nic0' })).toEqual({ ok: true, step: { op: 'detach', device: 'nic0' } });
    expect(parseStep({ op: 'map', domain: 'd', iova: 'x', pa: '0x0', size: 1, prot: 'r' })).toEqual({ ok: false, message: 'iova: expected a hex string (0x followed by 1 to 16 hex digits)' });
  });
});
