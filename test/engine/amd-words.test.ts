/**
 * AMD-Vi's words where the views show the new structures and commands: the nested walk's entries
 * decode as v2 (guest) and v1 (host) entries, the DTE says what it holds, the walk SVG draws
 * AMD-Vi's DeviceID and GCR3 bit strips, and the invalidation lab names AMD-Vi's commands.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandLegend, hazardLabel, invalidationRows } from '../../src/app/review/invalidationRows.ts';
import { parseScenarioText, runScenario, type WalkStep } from '../../src/engine/index.ts';
import { decodeVendorEntry, vendorDecision } from '../../src/engine/inspect/decodeVendor.ts';
import { walkSvg } from '../../src/engine/report/walkSvg.ts';

function run(file: string) {
  const parsed = parseScenarioText(readFileSync(`src/scenarios/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return runScenario(parsed.value);
}

type Line = { op: string; result?: { walk?: WalkStep[] } };
function firstWalk(file: string, structure: string): WalkStep[] {
  const lines = run(file).lines as unknown as Line[];
  const l = lines.find((x) => x.op === 'dma' && x.result?.walk?.some((s) => s.structure === structure));
  if (l?.result?.walk === undefined) throw new Error(`no walk with ${structure} in ${file}`);
  return l.result.walk;
}

const levelOf = (s: string) => Number(/pl(\d)$/.exec(s)?.[1] ?? 0);

describe('AMD-Vi words', () => {
  it('a nested walk decodes s2-pl as v1 host entries, s1-pl as x86-64 guest entries, and the DTE as nested', () => {
    const walk = firstWalk('nested-amd.json', 's1-pl4');
    const dte = decodeVendorEntry('dte', walk[0]!.entry, 'amd-vi', null)!;
    expect(vendorDecision('dte', dte)).toMatch(/guest's GCR3 table at GPA 0x[0-9a-f]+, over the 3-level host table/);
    const s2 = walk.find((s) => s.structure.startsWith('s2-'))!;
    expect(decodeVendorEntry(s2.structure, s2.entry, 'amd-vi', levelOf(s2.structure))!.map((f) => f.name)).toContain(
      'NextLevel',
    );
    const s1 = walk.find((s) => s.structure === 's1-pl4')!;
    expect(decodeVendorEntry('s1-pl4', s1.entry, 'amd-vi', 4)!.map((f) => f.name)).toContain('R/W');
  });

  it("a RID on a NEST_PARENT's v1 table decodes its pl entries as v1, a v2 domain's as x86-64", () => {
    const names = (s: WalkStep) => decodeVendorEntry('pl3', s.entry, 'amd-vi', 3)!.map((f) => f.name);
    const walks = (run('iommufd-basics-amd.json').lines as unknown as Line[]).flatMap((l) => l.result?.walk ?? []);
    const pl3 = walks.filter((s) => s.structure === 'pl3');
    expect(pl3.some((s) => names(s).includes('NextLevel'))).toBe(true);
    expect(pl3.some((s) => names(s).includes('R/W'))).toBe(true);
  });

  it('the walk SVG draws the DeviceID and GCR3 strips on AMD-Vi', () => {
    const input = {
      device: 'dsa0',
      rid: 0x6a08,
      pasid: 1,
      iova: '0x7f0000001008',
      access: 'read' as const,
      addressWidth: 48,
      outcome: 'translated' as const,
      pa: 0x20001008n,
      walk: [],
    };
    const amd = walkSvg({ ...input, iommu: 'amd-vi' }).svg;
    expect(amd).toContain('DeviceID 0x6a08');
    expect(amd).toContain('GCR3 index');
    expect(amd).not.toContain('PASID directory index');
    const vtd = walkSvg(input).svg;
    expect(vtd).toContain('PASID directory index');
  });

  it("the invalidation lab names AMD-Vi's commands and targets", () => {
    const { state } = run('cache-lab-amd.json');
    const rows = invalidationRows(state);
    const names = new Set(rows.map((r) => r.name));
    for (const n of [
      'INVALIDATE_DEVTAB_ENTRY',
      'INVALIDATE_IOMMU_PAGES (GN, PASID)',
      'INVALIDATE_IOTLB_PAGES',
      'COMPLETION_WAIT',
    ])
      expect(names).toContain(n);
    expect(rows.find((r) => r.name === 'INVALIDATE_DEVTAB_ENTRY')?.target).toMatch(/^DeviceID /);
    expect(rows.find((r) => r.name.startsWith('INVALIDATE_IOMMU_PAGES'))?.target).toMatch(/DomainID \d+ PASID/);
    expect(rows.some((r) => r.status === 'skipped')).toBe(true);
    expect(commandLegend('amd-vi').map((c) => c.name)).not.toContain('(none on AMD-Vi)');
    expect(hazardLabel('stale-entry-cache', 'amd-vi')).toBe('stale DTE/GCR3-cache entry');
  });
});
