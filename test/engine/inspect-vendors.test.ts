import { describe, expect, it } from 'vitest';
import {
  decodeEntry,
  decomposePasid,
  decomposeRequester,
  stepDecision,
  type DecodedField,
} from '../../src/engine/inspect/decode.ts';
import { wordsToHex } from '../../src/engine/hex.ts';
import {
  ARM_LPAE_S1,
  cdL1Words,
  cdWords,
  steAbortWords,
  steBypassWords,
  steS1Words,
  strtabL1Words,
} from '../../src/engine/smmu/layout.ts';
import { dteWords, gcr3EntryWords } from '../../src/engine/amd/layout.ts';
import { AMD_V2 as X86_64_PTE } from '../../src/engine/amd/layout.ts';
import { dmaResultOf, parseScenarioValue, runScenario } from '../../src/engine/index.ts';
import smmuScenario from '../../src/scenarios/three-wqs-smmuv3.json';
import amdScenario from '../../src/scenarios/three-wqs-amd.json';

const fields = (list: DecodedField[]) => Object.fromEntries(list.map((f) => [f.name, f.value]));
const hexOf = (w: ArrayLike<number>) => wordsToHex(w, 0, w.length);

describe('SMMUv3 decoders (against smmu/layout.ts encoders)', () => {
  it('decodes an L1 stream-table descriptor', () => {
    const f = fields(decodeEntry('ste-l1', hexOf(strtabL1Words(0x3ffff8000)), undefined, 'smmuv3'));
    expect(f).toMatchObject({ SPAN: 9, L2Ptr: '0x3ffff8000' });
  });
  it('decodes a stage-1 STE: config, CD pointer, CDMax, S1DSS', () => {
    const list = decodeEntry('ste', hexOf(steS1Words(0x3ffffc000, 2, 20)), undefined, 'smmuv3');
    expect(fields(list)).toMatchObject({
      V: 1,
      Config: 0b101,
      S1Fmt: 2,
      S1ContextPtr: '0x3ffffc000',
      S1CDMax: 20,
      S1DSS: 2,
    });
    expect(list.find((x) => x.name === 'Config')?.meaning).toBe('stage 1 only');
    expect(list.find((x) => x.name === 'S1DSS')?.meaning).toContain('CD 0');
  });
  it('names bypass and abort STEs', () => {
    expect(decodeEntry('ste', hexOf(steBypassWords())).find((x) => x.name === 'Config')?.meaning).toContain('bypass');
    expect(decodeEntry('ste', hexOf(steAbortWords())).find((x) => x.name === 'Config')?.meaning).toContain('abort');
  });
  it('decodes an L1 CD descriptor and a CD', () => {
    expect(fields(decodeEntry('cd-l1', hexOf(cdL1Words(0x3fffe0000))))).toMatchObject({ V: 1, L2Ptr: '0x3fffe0000' });
    const cd = decodeEntry('cd', hexOf(cdWords(0x3ffffe000, 7, 48)), undefined, 'smmuv3');
    expect(fields(cd)).toMatchObject({ V: 1, T0SZ: 16, TG0: 0, EPD1: 1, ASID: 7, TTB0: '0x3ffffe000' });
    expect(cd.find((x) => x.name === 'T0SZ')?.meaning).toContain('48 bits');
  });
  it('decodes Arm LPAE descriptors on smmuv3 (table, read-only page, block)', () => {
    const table = ARM_LPAE_S1.table(0x3ffff7000, 4);
    expect(fields(decodeEntry('pl4', hexOf(table), undefined, 'smmuv3'))).toMatchObject({
      Valid: 1,
      Type: 1,
      OA: '0x3ffff7000',
    });
    const page = decodeEntry('pl1', hexOf(ARM_LPAE_S1.leaf(0x10001000, true, false, 1)), undefined, 'smmuv3');
    expect(fields(page)).toMatchObject({ Valid: 1, 'AP[2]': 1, 'AP[1]': 1, AF: 1, SH: 3, nG: 1, OA: '0x10001000' });
    expect(page.find((x) => x.name === 'AP[2]')?.meaning).toBe('read-only');
    const block = decodeEntry('pl2', hexOf(ARM_LPAE_S1.leaf(0x40000000, true, true, 2)), undefined, 'smmuv3');
    expect(fields(block)).toMatchObject({ Type: 0, 'AP[2]': 0 });
    expect(block.find((x) => x.name === 'OA')?.meaning).toContain('block: 2MiB');
  });
  it('splits StreamID and SubstreamID as the walk indexes them', () => {
    expect(decomposeRequester('smmuv3', 0x6a08).fields.map((f) => [f.id, f.bits, f.value])).toEqual([
      ['ste-l1', '15:8', '0x6a'],
      ['ste', '7:0', '0x8'],
    ]);
    expect(decomposePasid('smmuv3', 0x805).fields.map((f) => [f.id, f.bits, f.value])).toEqual([
      ['cd-l1', '19:10', 2],
      ['cd', '9:0', 5],
    ]);
    // A linear CD table (≤ 1,024 CDs): the walk reads the CD alone, so the strip has the one index.
    const linear = decomposePasid('smmuv3', 0x205, new Set(['ste-l1', 'ste', 'cd', 'pl4']));
    expect(linear.fields.map((f) => [f.id, f.bits, f.value])).toEqual([['cd', '9:0', 0x205]]);
    expect(linear.title).toBe('SubstreamID 517');
  });
  it('decodes every read of a real SMMUv3 walk and the indices match the strips', () => {
    const parsed = parseScenarioValue(smmuScenario);
    if (!parsed.ok) throw new Error(parsed.message);
    const run = runScenario(parsed.value);
    const walk = run.lines.map(dmaResultOf).find((r) => r?.outcome === 'translated')!.walk;
    expect(walk.map((s) => s.structure).slice(0, 4)).toEqual(['ste-l1', 'ste', 'cd-l1', 'cd']);
    for (const s of walk) expect(decodeEntry(s.structure, s.entry, undefined, 'smmuv3')[0]?.name).not.toBe('raw');
    expect(stepDecision('ste', walk[1]!.entry, false, { outcome: 'translated' }, undefined, 'smmuv3').text).toContain(
      'stage 1 only → CD table at',
    );
    const strips = decomposeRequester('smmuv3', 0x6a08).fields;
    expect(Number(strips[0]!.value)).toBe(walk[0]!.index);
    expect(Number(strips[1]!.value)).toBe(walk[1]!.index);
  });
});

describe('AMD-Vi decoders (against amd/layout.ts encoders)', () => {
  it('decodes a DTE: V, TV, GIoV, GV, GLX, GCR3 root, IR/IW, DomainID', () => {
    const list = decodeEntry('dte', hexOf(dteWords(0x3ffed1234000, 1, 0x2a, true)), undefined, 'amd-vi');
    expect(fields(list)).toMatchObject({
      V: 1,
      TV: 1,
      GIoV: 1,
      GV: 1,
      GLX: 1,
      'GCR3 root': '0x3ffed1234000',
      IR: 1,
      IW: 1,
      DomainID: 0x2a,
    });
    expect(fields(decodeEntry('dte', hexOf(dteWords(0x1000, 0, 3, false))))).toMatchObject({
      GIoV: 0,
      GLX: 0,
      'GCR3 root': '0x1000',
    });
  });
  it('decodes GCR3 entries and x86-64 entries on amd-vi', () => {
    expect(fields(decodeEntry('gcr3-l1', hexOf(gcr3EntryWords(0x3fff5000))))).toMatchObject({
      V: 1,
      Table: '0x3fff5000',
    });
    expect(fields(decodeEntry('gcr3', hexOf(gcr3EntryWords(0x3fff6000))))).toMatchObject({ V: 1, GCR3: '0x3fff6000' });
    const leaf = decodeEntry('pl2', hexOf(X86_64_PTE.leaf(0x40000000, true, false, 2)), undefined, 'amd-vi');
    expect(fields(leaf)).toMatchObject({ P: 1, 'R/W': 0, PS: 1, ADDR: '0x40000000' });
  });
  it('splits DeviceID and PASID [17:9]/[8:0]', () => {
    expect(decomposeRequester('amd-vi', 0x6a08).fields.map((f) => [f.id, f.value])).toEqual([['dte', '0x6a08']]);
    expect(decomposePasid('amd-vi', 0x205).fields.map((f) => [f.id, f.bits, f.value])).toEqual([
      ['gcr3-l1', '17:9', 1],
      ['gcr3', '8:0', 5],
    ]);
    // The levels a walk read: three with GLX = 2 (PASID[19:18] first), one with GLX = 0.
    const three = decomposePasid('amd-vi', 0xc0205, new Set(['dte', 'gcr3-l2', 'gcr3-l1', 'gcr3']));
    expect(three.fields.map((f) => [f.id, f.bits, f.value])).toEqual([
      ['gcr3-l2', '19:18', 3],
      ['gcr3-l1', '17:9', 1],
      ['gcr3', '8:0', 5],
    ]);
    expect(decomposePasid('amd-vi', 0x105, new Set(['dte', 'gcr3'])).fields.map((f) => f.id)).toEqual(['gcr3']);
    // A fault at the top level still draws the levels below it.
    expect(decomposePasid('amd-vi', 0x205, new Set(['dte', 'gcr3-l1'])).fields.map((f) => f.id)).toEqual([
      'gcr3-l1',
      'gcr3',
    ]);
  });
  it('decodes every read of a real AMD-Vi walk', () => {
    const parsed = parseScenarioValue(amdScenario);
    if (!parsed.ok) throw new Error(parsed.message);
    const run = runScenario(parsed.value);
    const walk = run.lines.map(dmaResultOf).find((r) => r?.outcome === 'translated')!.walk;
    expect(walk[0]?.structure).toBe('dte');
    for (const s of walk) expect(decodeEntry(s.structure, s.entry, undefined, 'amd-vi')[0]?.name).not.toBe('raw');
    expect(fields(decodeEntry('dte', walk[0]!.entry))).toMatchObject({ V: 1, GV: 1 });
  });
});

describe('VT-d decoding is unchanged without a platform', () => {
  it('pl levels stay second-stage', () => {
    expect(fields(decodeEntry('pl1', '0x10001003'))).toMatchObject({ R: 1, W: 1, ADDR: '0x10001000' });
    expect(decomposeRequester('vtd', 0x6a08).fields.map((f) => f.id)).toEqual(['root', 'context']);
    expect(decomposeRequester('vtd', 0x6a0a).fields.map((f) => [f.label, f.value])).toEqual([
      ['bus', '0x6a'],
      ['devfn (dev 1, fn 2)', '0xa'],
    ]);
    expect(decomposePasid('vtd', 0x4c1).fields.map((f) => [f.id, f.bits, f.value])).toEqual([
      ['pasid-dir', '19:6', 0x13],
      ['pasid-table', '5:0', 1],
    ]);
  });
});

describe('vendor table dumps (read from memory)', () => {
  const stateOf = (value: unknown) => {
    const parsed = parseScenarioValue(value);
    if (!parsed.ok) throw new Error(parsed.message);
    return runScenario(parsed.value).state;
  };
  it('SMMUv3: ste-l1 → STE, then each valid CD with its ASID', async () => {
    const { dumpVendorTables } = await import('../../src/engine/inspect/vendorTables.ts');
    const state = stateOf(smmuScenario);
    const dsa = dumpVendorTables(state).find((d) => d.device === 'dsa0')!;
    expect(dsa.path.map((r) => [r.structure, r.present])).toEqual([
      ['ste-l1', true],
      ['ste', true],
    ]);
    expect(dsa.path[1]!.decoded.find((f) => f.name === 'Config')?.meaning).toBe('stage 1 only');
    expect(dsa.level1.map((r) => r.structure)).toContain('cd-l1');
    expect(dsa.pasids.map((p) => p.pasid)).toContain(0);
    for (const p of dsa.pasids) expect(p.entry.decoded.find((f) => f.name === 'ASID')?.value).toBe(p.tag);
  });
  it('AMD-Vi: the DTE, then each valid GCR3 entry tagged with the DomainID', async () => {
    const { dumpVendorTables } = await import('../../src/engine/inspect/vendorTables.ts');
    const state = stateOf(amdScenario);
    const dsa = dumpVendorTables(state).find((d) => d.device === 'dsa0')!;
    expect(dsa.path.map((r) => r.structure)).toEqual(['dte']);
    expect(dsa.pasids.length).toBeGreaterThan(0);
    const domId = dsa.path[0]!.decoded.find((f) => f.name === 'DomainID')?.value;
    for (const p of dsa.pasids) expect(p.tag).toBe(domId);
  });
});

describe('AMD-Vi v1 entries', () => {
  it('decode PR, NextLevel, address, IR/IW and the DTE Mode/root', async () => {
    const { AMD_V1, dteV1Words } = await import('../../src/engine/amd/layout.ts');
    const { decodeEntry } = await import('../../src/engine/inspect/decode.ts');
    const hex2 = (w: readonly number[]) =>
      '0x' +
      [...w]
        .reverse()
        .map((x) => (x >>> 0).toString(16).padStart(8, '0'))
        .join('')
        .replace(/^0+/, '');
    const named = (f: { name: string; value: unknown }[]) => Object.fromEntries(f.map((x) => [x.name, x.value]));
    expect(named(decodeEntry('pl4', hex2(AMD_V1.table(0x3ffdfe000, 4)), undefined, 'amd-vi-v1'))).toMatchObject({
      PR: 1,
      NextLevel: 3,
      ADDR: '0x3ffdfe000',
    });
    expect(
      named(decodeEntry('pl2', hex2(AMD_V1.leaf(0x600000, true, false, 2)), undefined, 'amd-vi-v1')),
    ).toMatchObject({ PR: 1, NextLevel: 0, IR: 1, IW: 0 });
    expect(named(decodeEntry('dte', hex2(dteV1Words(0x3ffdff000, 4, 7)), undefined, 'amd-vi-v1'))).toMatchObject({
      Mode: 4,
      'Host root': '0x3ffdff000',
      DomainID: 7,
    });
  });
});
