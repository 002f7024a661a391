import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeEntry,
  decomposeAddress,
  decomposeRid,
  stepDecision,
  type DecodedField,
} from '../../src/engine/inspect/decode.ts';
import { dumpIotlb, dumpPageTable, dumpRootAndContext, domainAttachments } from '../../src/engine/inspect/tables.ts';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';

function fields(list: DecodedField[]): Record<string, string | number> {
  return Object.fromEntries(list.map((f) => [f.name, f.value]));
}
function field(list: DecodedField[], name: string): DecodedField {
  const f = list.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
}

function threeWqs() {
  const text = readFileSync(new URL('../../src/scenarios/three-wqs.json', import.meta.url), 'utf8');
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error('scenario does not parse');
  return runScenario(parsed.value);
}

describe('decodeEntry', () => {
  it('decodes a scalable-mode root entry', () => {
    const f = decodeEntry('root', '0x3ffffd001');
    expect(fields(f)).toMatchObject({ LP: 1, LCTP: '0x3ffffd000', UP: 0, UCTP: '0x0' });
    expect(field(f, 'UCTP').bits).toBe('127:76');
  });

  it('decodes a scalable-mode context entry', () => {
    const f = decodeEntry('context', '0x3fffc0e09');
    expect(fields(f)).toMatchObject({
      P: 1,
      FPD: 0,
      DTE: 0,
      PASIDE: 1,
      PRE: 0,
      PDTS: 7,
      PASIDDIRPTR: '0x3fffc0000',
      RID_PASID: 0,
    });
    expect(field(f, 'PDTS')).toMatchObject({ bits: '11:9', meaning: expect.stringContaining('16384 entries') });
    expect(field(f, 'RID_PASID').bits).toBe('83:64');
  });

  it('decodes a PASID directory entry', () => {
    expect(fields(decodeEntry('pasid-dir', '0x3ffffc001'))).toMatchObject({ P: 1, FPD: 0, PTPTR: '0x3ffffc000' });
  });

  it('decodes a second-stage-only PASID-table entry', () => {
    const f = decodeEntry('pasid-table', '0x80000200000003ffffe089');
    expect(fields(f)).toMatchObject({
      P: 1,
      AW: 2,
      PGTT: 2,
      DID: 2,
      PWSNP: 1,
      PGSNP: 0,
      SSPTPTR: '0x3ffffe000',
      SRE: 0,
      FSPTPTR: '0x0',
    });
    expect(field(f, 'AW').meaning).toContain('48-bit');
    expect(field(f, 'PGTT').meaning).toBe('second-stage only');
    expect(field(f, 'DID').bits).toBe('79:64');
    expect(field(f, 'PWSNP').bits).toBe('87');
    expect(field(f, 'FSPTPTR').bits).toBe('191:140');
  });

  it('decodes a 1GiB second-stage leaf and a table pointer', () => {
    const leaf = decodeEntry('pl3', '0x40000083');
    expect(fields(leaf)).toMatchObject({ R: 1, W: 1, PS: 1, ADDR: '0x40000000' });
    expect(field(leaf, 'ADDR').meaning).toContain('leaf: 1GiB page');
    const ptr = decodeEntry('pl4', '0x3ffffb003');
    expect(fields(ptr)).toMatchObject({ R: 1, W: 1, PS: 0, ADDR: '0x3ffffb000' });
    expect(field(ptr, 'ADDR').meaning).toContain('next table (level 3)');
    expect(field(decodeEntry('pl1', '0x0'), 'ADDR').meaning).toContain('not present');
    expect(decodeEntry('pl1', '0x10001003').map((x) => x.name)).not.toContain('PS');
  });
});

describe('decomposeAddress', () => {
  it('splits a 48-bit address and a PASID', () => {
    const f = decomposeAddress('0x7f12_3456_789a'.replace(/_/g, ''), 65, 4);
    expect(f.map((x) => [x.id, x.bits, x.value])).toEqual([
      ['pasid-dir', '19:6', 1],
      ['pasid-table', '5:0', 1],
      ['above', '63:48', '0x0'],
      ['pl4', '47:39', 0xfe],
      ['pl3', '38:30', 0x48],
      ['pl2', '29:21', 0x1a2],
      ['pl1', '20:12', 0x167],
      ['offset', '11:0', '0x89a'],
    ]);
  });

  it('has no PASID fields without a PASID and shows bits above the width', () => {
    const f = decomposeAddress('0x8000000000', null, 3);
    expect(f[0]).toMatchObject({ id: 'above', bits: '63:39', value: '0x1' });
    expect(f.map((x) => x.id)).toEqual(['above', 'pl3', 'pl2', 'pl1', 'offset']);
  });
});

describe('dumps of the three-WQs scenario', () => {
  const run = threeWqs();

  it('lists root, context and PASID entries for dsa0', () => {
    const [dsa0] = dumpRootAndContext(run.state);
    expect(dsa0).toMatchObject({
      device: 'dsa0',
      rid: '0x6a08',
      root: { index: 0x6a, address: '0x3fffff6a0', present: true },
      context: { index: 8, address: '0x3ffffd100', raw: '0x3fffc0e09', present: true },
      pasidDir: [{ index: 0, table: '0x3ffffc000' }],
    });
    expect(dsa0?.pasids.map((p) => [p.pasid, p.did, p.pgtt])).toEqual([
      [0, 2, 1], // domain1 is a DMA-API domain: first stage (PGTT 001)
      [1, 3, 2],
      [2, 4, 2],
    ]);
    expect(dsa0?.pasids[0]).toMatchObject({
      address: '0x3ffffc000',
      raw: '0x3ffffe00000000000008000020000000000000049',
    });
  });

  it('has no context before the first attach', () => {
    const [dsa0] = dumpRootAndContext(run.states[1]!);
    expect(dsa0).toMatchObject({ root: { present: false }, context: null, pasids: [] });
  });

  it('dumps the DMA domain leaves with their path', () => {
    const dump = dumpPageTable(run.state, 'domain1');
    expect(dump).toMatchObject({ did: 2, levels: 4, more: 0 });
    expect(dump?.rows).toHaveLength(16);
    expect(dump?.rows[1]).toMatchObject({
      iova: '0xffff1000',
      pageSize: 4096,
      pa: '0x10001000',
      read: true,
      write: true,
      entryAddr: '0x3ffff9f88',
    });
    expect(dump?.rows[1]?.path.map((p) => p.level)).toEqual([4, 3, 2, 1]);
    expect(dump?.mappings).toEqual([{ iovaPfn: 0xffff0, pfn: 0x10000, pages: 16, read: true, write: true }]);
  });

  it('caps the rows and counts the rest', () => {
    const dump = dumpPageTable(run.state, 'domain1', 4);
    expect(dump?.rows).toHaveLength(4);
    expect(dump?.more).toBe(12);
  });

  it('shows a VM domain as one 1GiB leaf', () => {
    const dump = dumpPageTable(run.state, 'vm1.gpa.domain');
    expect(dump?.rows).toEqual([
      expect.objectContaining({ iova: '0x0', pageSize: 2 ** 30, pa: '0x40000000', level: 3 }),
    ]);
    expect(dumpPageTable(run.state, 'nope')).toBeNull();
  });

  it('dumps the IOTLB and attachments', () => {
    expect(dumpIotlb(run.state)).toContainEqual({
      did: 3,
      pasid: 1,
      pageSize: 2 ** 30,
      iova: '0x0',
      pa: '0x40000000',
      read: true,
      write: true,
    });
    expect(domainAttachments(run.state, 'domain1').primary).toEqual(['dsa0']);
    expect(domainAttachments(run.state, 'vm2.gpa.domain').aux).toEqual([{ device: 'dsa0', wq: 2, mdev: 'mdev2' }]);
  });
});

describe('stepDecision and decomposeRid', () => {
  const translated = { outcome: 'translated', pa: 0x10001234n, iotlb: 'miss' };
  it('follows pointers, stops at leaves, hits and faults', () => {
    expect(stepDecision('root', '0x3ffffd001', false, translated, 8)).toEqual({
      kind: 'next',
      text: 'present → context table at 0x3ffffd000',
    });
    expect(stepDecision('pasid-table', '0x80000200000003ffffe089', false, translated).text).toBe(
      'present, DID 2, second-stage only → page table at 0x3ffffe000',
    );
    expect(
      stepDecision('pasid-table', '0x80000300000003ffff8089', true, {
        outcome: 'translated',
        pa: 0x40002abcn,
        iotlb: 'hit',
      }).kind,
    ).toBe('hit');
    expect(stepDecision('pl1', '0x10001003', true, translated)).toEqual({
      kind: 'leaf',
      text: 'leaf: page at 0x10001000 → PA 0x10001234',
    });
    expect(stepDecision('pl3', '0x0', true, { outcome: 'fault', fault: 'not-mapped', reason: 0x6 })).toEqual({
      kind: 'fault',
      text: 'fault: not-mapped (reason 0x6)',
    });
  });
  it('splits a RID into bus and devfn', () => {
    expect(decomposeRid(0x6a08).map((f) => [f.id, f.bits, f.value])).toEqual([
      ['root', '15:8', '0x6a'],
      ['context', '7:0', '0x8'],
    ]);
  });
});

describe('first-stage entries (nested walks)', () => {
  it('decodes x86-64 format bits', () => {
    const f = decodeEntry('s1-pl1', '0x8000000012345067');
    expect(fields(f)).toMatchObject({ P: 1, 'R/W': 1, 'U/S': 1, A: 1, D: 1, XD: 1, ADDR: '0x12345000' });
    expect(fields(decodeEntry('s2-pl1', '0x40000003'))).toMatchObject({ R: 1, W: 1, ADDR: '0x40000000' });
  });
});
