import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, parseScenarioValue, runScenario, type EngineState } from '../../src/engine/index.ts';
import {
  DMAR_HEADER,
  DOMAIN_HEADER,
  allDomainTranslationStructs,
  dmarRows,
  dmarTranslationStruct,
  domainDump,
  domainTranslationStruct,
} from '../../src/engine/debugfs/export.ts';
import { importDebugfs } from '../../src/engine/debugfs/import.ts';

function runFile(name: string): EngineState {
  const p = parseScenarioText(readFileSync(new URL(`../../src/scenarios/${name}.json`, import.meta.url), 'utf8'));
  if (!p.ok) throw new Error(p.message);
  return runScenario(p.value).state;
}

function runValue(value: unknown): EngineState {
  const p = parseScenarioValue(value);
  if (!p.ok) throw new Error(p.message);
  const run = runScenario(p.value);
  const bad = run.lines.find((l) => !l.ok);
  if (bad) throw new Error(JSON.stringify(bad));
  return run.state;
}

/** What the dumps say, with every table address left out: per (B.D.F, PASID) the translation type and the leaves. */
function decoded(state: EngineState): string[] {
  const bdfOf = new Map([...state.devices.values()].map((d) => [d.rid, d] as const));
  const out: string[] = [];
  for (const r of dmarRows(state)) {
    const dev = bdfOf.get((r.bus << 8) | r.devfn)!;
    const bdf = dev.bdf;
    const pgtt = Number((r.val[0] >> 6n) & 7n);
    out.push(`${bdf} pasid ${r.pasid} pgtt ${pgtt} aw ${Number((r.val[0] >> 2n) & 7n)}`);
    const dump = domainDump(state, dev.id, r.pasid);
    for (const l of dump?.leaves ?? []) {
      const level = [1, 2, 3, 4, 5].find((k) => l.path[k] !== 0n)!;
      const leaf = l.path[level]!;
      out.push(
        `${bdf}/${r.pasid} iova_pfn 0x${l.iovaPfn.toString(16)} level ${level} pa 0x${(leaf & 0x000ffffffffff000n).toString(16)} ${leaf & 1n ? 'r' : '-'}${leaf & 2n ? 'w' : '-'}`,
      );
    }
  }
  return out;
}

function roundTrip(state: EngineState): EngineState {
  const text = dmarTranslationStruct(state) + allDomainTranslationStructs(state);
  const imported = importDebugfs(text);
  expect(imported.problems).toEqual([]);
  expect(imported.scenario).not.toBeNull();
  const p = parseScenarioValue(JSON.parse(JSON.stringify(imported.scenario)));
  if (!p.ok) throw new Error(p.message);
  const run = runScenario(p.value);
  expect(run.lines.filter((l) => !l.ok)).toEqual([]);
  return run.state;
}

describe('debugfs round trip', () => {
  for (const name of ['three-wqs', 'shared-gpa', 'large-pages']) {
    it(`${name}: export → import → run → export describes the same translations`, () => {
      const before = runFile(name);
      const after = roundTrip(before);
      // three-wqs: dsa0's RID domain is first stage (a DMA-API domain), but dsa0 also has PASIDs, so
      // the import attaches everything on it through iommufd, whose HWPTs are second stage.
      const a = decoded(before).map((l) =>
        name === 'three-wqs' ? l.replace(' pasid 0 pgtt 1 ', ' pasid 0 pgtt 2 ') : l,
      );
      expect(a.length).toBeGreaterThan(0);
      expect(decoded(after)).toEqual(a);
    });
  }

  it('three-wqs: PASIDs 1 and 2 come back at the same PASIDs (through iommufd deviceAttach)', () => {
    const text = dmarTranslationStruct(runFile('three-wqs'));
    const imported = importDebugfs(text);
    expect(imported.problems).toEqual([]);
    const attaches = imported.scenario!.steps.filter((s) => s.op === 'deviceAttach');
    expect(attaches.map((s) => ('pasid' in s ? s.pasid : undefined))).toEqual([undefined, 1, 2]);
    expect(imported.scenario!.steps[0]).toEqual({
      op: 'addDevice',
      id: 'pci_6a_01_0',
      bdf: '0000:6a:01.0',
      kind: 'pdev',
      pasid: true,
      pasidBits: 20,
    });
  });

  it('large-pages: 1GiB, 2MiB and 4KiB leaves come back with their sizes', () => {
    const imported = importDebugfs(allDomainTranslationStructs(runFile('large-pages')));
    expect(imported.problems).toEqual([]);
    const maps = imported.scenario!.steps.filter((s) => s.op === 'map');
    expect(maps.map((s) => s.op === 'map' && [s.iova, s.pa, s.size, s.prot])).toEqual([
      ['0x200000', '0x1200000', '4MiB', 'rw'],
      ['0x40000000', '0x80000000', '2MiB', 'rw'],
      ['0x80100000', '0xc0101000', '1MiB', 'r'],
    ]);
  });

  it('keeps 4KiB leaves as 4KiB when they cover an aligned 2MiB block', () => {
    const state = runValue({
      format: 'pasid-atlas/scenario@1',
      steps: [
        { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
        { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
        { op: 'attach', domain: 'd', device: 'nic0' },
        { op: 'map', domain: 'd', iova: '0x200000', pa: '0x600000', size: '1MiB', prot: 'rw' },
        { op: 'map', domain: 'd', iova: '0x300000', pa: '0x700000', size: '1MiB', prot: 'rw' },
      ],
    });
    expect(decoded(roundTrip(state))).toEqual(decoded(state));
  });
});

/** A small fixed state: nic0 (no PASID) on a 4KiB + 2MiB table, acc0 (16-bit PASIDs) in pass-through. */
const SMALL = {
  format: 'pasid-atlas/scenario@1',
  platform: { hostMemory: '1GiB' },
  steps: [
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
    { op: 'addDevice', id: 'acc0', bdf: '0000:6a:01.0', kind: 'pdev', pasid: true, pasidBits: 16 },
    { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
    { op: 'attach', domain: 'd', device: 'nic0' },
    { op: 'map', domain: 'd', iova: '0x1000', pa: '0x5000', size: '4KiB', prot: 'rw' },
    { op: 'map', domain: 'd', iova: '0x200000', pa: '0x400000', size: '2MiB', prot: 'r' },
    { op: 'allocDomain', id: 'pt', type: 'IDENTITY' },
    { op: 'attach', domain: 'pt', device: 'acc0' },
  ],
};

describe('debugfs formats (worked out by hand from drivers/iommu/intel/debugfs.c)', () => {
  const state = runValue(SMALL);

  it('dmar_translation_struct', () => {
    // Allocation is top-down from 1GiB: root 0x3ffff000, nic0's PASID directory 0x3fffe000 (PDTS 2),
    // acc0's 0x3fffc000 (2 pages: PDTS 3, PASIDE), domain d's PML4 0x3fffb000, then the context and PASID tables.
    // Context lo = dir | PDTS<<9 | PASIDE<<3 | P. PASID entry val[0] = SSPTPTR | PGTT<<6 | AW<<2 | P,
    // val[1] = PWSNP (bit 23) | DID. Pass-through: PGTT 4, DID 1 (FLPT_DEFAULT_DID), no table.
    expect(dmarTranslationStruct(state)).toBe(
      [
        'IOMMU dmar0: Root Table Address: 0x3ffff000',
        'B.D.F\tRoot_entry\t\t\t\tContext_entry\t\t\t\tPASID\tPASID_table_entry',
        '3b:00.0\t0x0000000000000000:0x000000003fffa001\t0x0000000000000000:0x000000003fffe401\t0     \t0x0000000000000000:0x0000000000800002:0x000000003fffb089',
        '6a:01.0\t0x0000000000000000:0x000000003fff5001\t0x0000000000000000:0x000000003fffc609\t0     \t0x0000000000000000:0x0000000000800001:0x0000000000000109',
        '',
        '',
      ].join('\n'),
    );
    expect(DMAR_HEADER).toBe('B.D.F\tRoot_entry\t\t\t\tContext_entry\t\t\t\tPASID\tPASID_table_entry');
  });

  it('domain_translation_struct (Linux 6.7+ per-device file)', () => {
    // Header: "%-17s\t%-18s\t%-18s\t%-18s\t%-18s\t%-s\n"; rows "0x%013lx |\t" + PML5E PML4E PDPE, then PDE
    // and PTE only when on the path: the 2MiB leaf (PS bit 7, R only: 0x81) has no PTE column.
    expect(DOMAIN_HEADER).toBe(
      'IOVA_PFN         \tPML5E             \tPML4E             \tPDPE              \tPDE               \tPTE',
    );
    expect(domainTranslationStruct(state, 'nic0')).toBe(
      [
        'Device 0000:3b:00.0 with pasid 0 @0x3fffb000',
        'IOVA_PFN         \tPML5E             \tPML4E             \tPDPE              \tPDE               \tPTE',
        '0x0000000000001 |\t0x0000000000000000\t0x000000003fff8003\t0x000000003fff7003\t0x000000003fff6003\t0x0000000000005003',
        '0x0000000000200 |\t0x0000000000000000\t0x000000003fff8003\t0x000000003fff7003\t0x0000000000400081',
        '',
      ].join('\n'),
    );
    // Pass-through has no page table: the kernel prints nothing (goto iommu_unlock).
    expect(domainTranslationStruct(state, 'acc0')).toBe('');
    expect(domainTranslationStruct(state, 'acc0', 5)).toBe('');
  });

  it('imports the hand-written dump into devices, an IDENTITY domain and a mapped DMA domain', () => {
    const text = dmarTranslationStruct(state) + domainTranslationStruct(state, 'nic0');
    const r = importDebugfs(text);
    expect(r.problems).toEqual([]);
    expect(r.scenario!.platform).toEqual({ iommu: 'vtd', addressWidth: 48, hostMemory: '16GiB' });
    expect(r.scenario!.steps).toEqual([
      { op: 'addDevice', id: 'pci_3b_00_0', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'addDevice', id: 'pci_6a_01_0', bdf: '0000:6a:01.0', kind: 'pdev', pasid: true, pasidBits: 16 },
      { op: 'allocDomain', id: 'did1', type: 'IDENTITY' },
      { op: 'allocDomain', id: 'did2', type: 'UNMANAGED' }, // a second-stage entry: UNMANAGED (DMA domains are first stage)
      { op: 'map', domain: 'did2', iova: '0x1000', pa: '0x5000', size: '4KiB', prot: 'rw' },
      { op: 'map', domain: 'did2', iova: '0x200000', pa: '0x400000', size: '2MiB', prot: 'r' },
      { op: 'attach', domain: 'did1', device: 'pci_6a_01_0' },
      { op: 'attach', domain: 'did2', device: 'pci_3b_00_0' },
    ]);
  });

  it('reads the older formats: 5.x/6.x single file (tab header, five columns, decimal PASID) and free whitespace', () => {
    const text = [
      'Device 0000:00:02.0 with pasid 0 @0x4a3f5000',
      'IOVA_PFN\t\tPML5E\t\t\tPML4E\t\t\tPDPE\t\t\tPDE\t\t\tPTE',
      '0x00000000fffff |\t0x0000000000000000\t0x000000004a3f4003\t0x000000004a3f3003\t0x000000004a3f2003\t0x0000000012345003',
      '   0x0000000000400 |  0x0000000000000000 0x000000004a3f4003   0x000000004a3f1003  0x0000000080000083  0x0000000000000000   ',
      '',
      'Device 0000:00:03.0 @0x4b000000',
      'IOVA_PFN\t\tPML5E\t\t\tPML4E\t\t\tPDPE\t\t\tPDE\t\t\tPTE',
      '0x0000000000001 |\t0x0000000000000000\t0x000000004b001003\t0x000000004b002003\t0x000000004b003003\t0x0000000000777001',
    ].join('\n');
    const r = importDebugfs(text);
    expect(r.problems).toEqual([]);
    const maps = r.scenario!.steps.filter((s) => s.op === 'map');
    expect(maps).toEqual(
      [
        { op: 'map', domain: 'pgd_4a3f5000', iova: '0xfffff000', pa: '0x12345000', size: '4KiB', prot: 'rw' },
        { op: 'map', domain: 'pgd_4a3f5000', iova: '0x400000', pa: '0x80000000', size: '2MiB', prot: 'rw' },
        { op: 'map', domain: 'pgd_4b000000', iova: '0x1000', pa: '0x777000', size: '4KiB', prot: 'r' },
      ].sort((a, b) =>
        a.domain === b.domain ? Number(BigInt(a.iova) - BigInt(b.iova)) : a.domain < b.domain ? -1 : 1,
      ),
    );
  });
});

describe('debugfs import: bad input is refused as a whole, line by line', () => {
  const good = dmarTranslationStruct(runFile('large-pages')).split('\n');

  it('names a garbage line', () => {
    const text = [...good.slice(0, 3), 'hello world', ...good.slice(3)].join('\n');
    const r = importDebugfs(text);
    expect(r.scenario).toBeNull();
    expect(r.problems).toEqual([
      { line: 4, text: 'hello world', message: 'not a line of dmar_translation_struct or domain_translation_struct' },
    ]);
  });

  it('names bad hex and says which value', () => {
    const row = good[2]!.replace('0x0000000000800002', '0x00000000008zz002');
    const r = importDebugfs([...good.slice(0, 2), row].join('\n'));
    expect(r.scenario).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(3);
    expect(r.problems[0]!.message).toBe(
      'bad hex value "0x00000000008zz002" for PASID entry val[1]: expected 0x followed by 1 to 16 hex digits',
    );
  });

  it('names a PASID-entry row before any device/IOMMU line, and a page-table row before any Device line', () => {
    const r = importDebugfs(
      [
        good[2]!,
        '0x0000000000001 |\t0x0000000000000000\t0x0000000000001003\t0x0000000000002003\t0x0000000000003003\t0x0000000000005003',
      ].join('\n'),
    );
    expect(r.scenario).toBeNull();
    expect(r.problems.map((p) => p.line)).toEqual([1, 2]);
    expect(r.problems[0]!.message).toMatch(/PASID-table entry row before any "IOMMU dmarN: Root Table Address/);
    expect(r.problems[1]!.message).toMatch(/page-table row before any "Device … @0x…" line/);
  });

  it('checks values: PASID range, non-present entries, misaligned large pages, empty text', () => {
    const bigPasid = good[2]!.replace('\t0     \t', '\t1048576\t');
    expect(importDebugfs([...good.slice(0, 2), bigPasid].join('\n')).problems[0]!.message).toMatch(
      /PASID 1048576 is out of range/,
    );
    const notPresent = good[2]!.replace(/089$/, '088');
    expect(importDebugfs([...good.slice(0, 2), notPresent].join('\n')).problems[0]!.message).toMatch(/not present/);
    const misaligned = [
      'Device 0000:3b:00.0 with pasid 0 @0x1000',
      DOMAIN_HEADER,
      '0x0000000000201 |\t0x0000000000000000\t0x0000000000002003\t0x0000000000003003\t0x0000000000400083',
    ];
    expect(importDebugfs(misaligned.join('\n')).problems).toEqual([
      {
        line: 3,
        text: misaligned[2],
        message: 'IOVA_PFN 0x0000000000201 is not aligned to the 2MiB page its PDE maps',
      },
    ]);
    expect(importDebugfs('').problems[0]!.message).toMatch(/nothing to import/);
  });

  it('an empty machine (no device attached) imports as an empty scenario', () => {
    const r = importDebugfs(dmarTranslationStruct(runFile('iommufd-basics')));
    expect(r.problems).toEqual([]);
    expect(r.scenario!.steps).toEqual([]);
  });
});

describe('debugfs import: truncated, huge and empty dumps (issue 9)', () => {
  const full = dmarTranslationStruct(runFile('large-pages')) + allDomainTranslationStructs(runFile('large-pages'));

  it('a whole dump ends with a line break and is not reported as cut short', () => {
    const r = importDebugfs(full);
    expect(r.truncated).toBeNull();
    expect(r.scenario?.steps.length).toBeGreaterThan(0);
  });

  it('a dump cut in the middle of a line is reported, naming the line', () => {
    const lines = full.trimEnd().split('\n');
    const cut = full.trimEnd();
    expect(importDebugfs(cut).truncated).toBe(
      `the text ends in the middle of line ${lines.length} (no line break after it), so that line may be incomplete: is the dump cut short?`,
    );
    // Cut inside a row: the row itself is refused, and the refusal says it may be cut short.
    const inRow = full.slice(0, full.indexOf('\n', full.indexOf('B.D.F')) + 30);
    const r = importDebugfs(inRow);
    expect(r.scenario).toBeNull();
    expect(r.truncated).toMatch(/is the dump cut short\?$/);
  });

  it('a dump cut right after its first line imports nothing, and says so', () => {
    const r = importDebugfs(full.split('\n')[0]! + '\n');
    expect(r.scenario?.steps).toEqual([]);
    expect(r.truncated).toMatch(/stops after the "IOMMU … Root Table Address" line/);
  });

  it('keeps the first 50 of 100,000 problems and counts the rest', () => {
    const r = importDebugfs(Array.from({ length: 100_000 }, (_, i) => `junk ${i}`).join('\n'));
    expect(r.scenario).toBeNull();
    expect(r.problems).toHaveLength(50);
    expect(r.problemCount).toBe(100_000);
    expect(r.problems[49]).toEqual({
      line: 50,
      text: 'junk 49',
      message: 'not a line of dmar_translation_struct or domain_translation_struct',
    });
  });

  it('refuses a 10 MB line unread and keeps only the start of its text', () => {
    const r = importDebugfs('IOMMU dmar0: Root Table Address: 0x1000\n' + '0'.repeat(10_000_000) + '\n');
    expect(r.problemCount).toBe(1);
    expect(r.problems[0]!.line).toBe(2);
    expect(r.problems[0]!.message).toBe(
      'a line of 10,000,000 characters: no line of either debugfs file is longer than a few hundred',
    );
    expect(r.problems[0]!.text).toBe('0'.repeat(200) + '… (10,000,000 characters)');
  });
});
