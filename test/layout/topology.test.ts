import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { topologyOf } from '../../src/engine/inspect/topology.ts';
import { layoutTopology } from '../../src/layout/layered.ts';
import { colorOf } from '../../src/layout/palette.ts';

const parsed = parseScenarioText(readFileSync(new URL('../../src/scenarios/three-wqs.json', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error(parsed.message);
const state = runScenario(parsed.value).state;

describe('topologyOf (three WQs)', () => {
  const topo = topologyOf(state);
  const ids = topo.nodes.map((n) => n.id);
  const edges = topo.edges.map((e) => `${e.kind} ${e.source} -> ${e.target}${e.label ? ` [${e.label}]` : ''}`);

  it('has one node per object, WQ and PASID entry', () => {
    expect(ids).toEqual([
      'iommu',
      'device:dsa0',
      'wq:dsa0/0',
      'wq:dsa0/1',
      'wq:dsa0/2',
      'mdev:mdev1',
      'mdev:mdev2',
      'pasid:dsa0/0',
      'pasid:dsa0/1',
      'pasid:dsa0/2',
      'domain:domain1',
      'domain:vm1.gpa.domain',
      'domain:vm2.gpa.domain',
      'ioasid:vm1.gpa',
      'ioasid:vm2.gpa',
      'vm:vm1',
      'vm:vm2',
    ]);
    expect(topo.nodes.find((n) => n.id === 'wq:dsa0/0')?.detail).toBe('host');
    expect(topo.nodes.find((n) => n.id === 'domain:domain1')?.detail).toBe('DMA DID 2');
    expect(topo.nodes.find((n) => n.id === 'device:dsa0')?.detail).toBe('0000:6a:01.0 rid 0x6a08');
  });

  it('links them with typed edges', () => {
    expect(edges).toEqual(
      expect.arrayContaining([
        'owns device:dsa0 -> wq:dsa0/1',
        'owns wq:dsa0/1 -> mdev:mdev1',
        'assigned mdev:mdev1 -> vm:vm1',
        'primary device:dsa0 -> pasid:dsa0/0',
        'primary pasid:dsa0/0 -> domain:domain1',
        'aux device:dsa0 -> pasid:dsa0/1 [PASID 1]',
        'aux pasid:dsa0/1 -> domain:vm1.gpa.domain',
        'aux device:dsa0 -> pasid:dsa0/2 [PASID 2]',
        'backs ioasid:vm2.gpa -> domain:vm2.gpa.domain',
        'backs domain:vm2.gpa.domain -> vm:vm2 [GPA space]',
      ]),
    );
    expect(new Set(topo.edges.map((e) => e.id)).size).toBe(topo.edges.length);
    for (const e of topo.edges) {
      expect(ids).toContain(e.source);
      expect(ids).toContain(e.target);
    }
  });

  it('is laid out in kind columns without overlaps, deterministically', () => {
    const a = layoutTopology(topo);
    const b = layoutTopology(topologyOf(state));
    expect(a.nodes.map((p) => [p.x, p.y])).toEqual(b.nodes.map((p) => [p.x, p.y]));
    const x = (id: string) => a.byId.get(id)?.x ?? -1;
    expect(x('device:dsa0')).toBeLessThan(x('wq:dsa0/1'));
    expect(x('mdev:mdev1')).toBeLessThan(x('pasid:dsa0/1'));
    expect(x('pasid:dsa0/1')).toBeLessThan(x('domain:vm1.gpa.domain'));
    expect(x('domain:vm1.gpa.domain')).toBeLessThan(x('vm:vm1'));
    const seen = new Set(a.nodes.map((p) => `${p.x},${p.y}`));
    expect(seen.size).toBe(a.nodes.length);
  });

  it('colours a VM like its GPA domain', () => {
    const vm = topo.nodes.find((n) => n.id === 'vm:vm1');
    expect(vm?.colorKey).toBe('vm1.gpa.domain');
    expect(colorOf('vm1.gpa.domain')).toBe(colorOf(vm?.colorKey ?? null));
    expect(colorOf('vm1.gpa.domain')).not.toBe(colorOf('vm2.gpa.domain'));
  });
});

describe('topologyOf (iommufd, nested, SVA)', () => {
  const run = (file: string) => {
    const p = parseScenarioText(readFileSync(new URL(`../../src/scenarios/${file}`, import.meta.url), 'utf8'));
    if (!p.ok) throw new Error(p.message);
    return runScenario(p.value);
  };
  const edgeList = (t: ReturnType<typeof topologyOf>) =>
    t.edges.map((e) => `${e.kind} ${e.source} -> ${e.target}${e.label ? ` [${e.label}]` : ''}`);

  it('iommufd-basics: IOAS and HWPT nodes, HWPT → IOAS, a PASID attachment, the bound dev_id', () => {
    // After step 29: nic0's RID on the NEST_PARENT hwpt1, PASID 100 on ioas2.auto1.
    const topo = topologyOf(run('iommufd-basics.json').states[30]!);
    const byId = new Map(topo.nodes.map((n) => [n.id, n]));
    expect(byId.get('ioas:ioas1')?.kind).toBe('ioas');
    expect(byId.get('ioas:ioas2')?.detail).toMatch(/^IOAS #\d+ · 1 area$/);
    expect(byId.get('domain:hwpt1')?.detail).toMatch(/^DID \d+ NEST_PARENT$/);
    expect(byId.get('domain:ioas2.auto1')?.detail).toMatch(/^DID \d+ auto$/);
    expect(byId.get('device:nic0')?.detail).toContain('iommufd dev_id 1');
    const edges = edgeList(topo);
    expect(edges).toContain('backs domain:hwpt1 -> ioas:ioas1 [IOAS]');
    expect(edges).toContain('backs domain:ioas2.auto1 -> ioas:ioas2 [IOAS]');
    expect(edges).toContain('pasid device:nic0 -> pasid:nic0/100 [PASID 100]');
    expect(edges).toContain('pasid pasid:nic0/100 -> domain:ioas2.auto1');
    expect(byId.get('pasid:nic0/100')?.label).toBe('PASID 100');
    // Every edge joins two nodes that exist.
    for (const e of topo.edges) expect(byId.has(e.source) && byId.has(e.target), e.id).toBe(true);
  });

  it('nested: the nested HWPT points at its parent and its guest table; the guest table lives in the VM', () => {
    const topo = topologyOf(run('nested.json').state);
    const byId = new Map(topo.nodes.map((n) => [n.id, n]));
    expect(byId.get('domain:s1')?.kind).toBe('nested');
    expect(byId.get('domain:s1')?.detail).toMatch(/^DID \d+ nested$/);
    expect(byId.get('guest-table:gpt1')?.kind).toBe('guest-table');
    const edges = edgeList(topo);
    expect(edges).toContain('parent domain:s1 -> domain:s2 [parent]');
    expect(edges).toContain('stage1 domain:s1 -> guest-table:gpt1 [stage 1]');
    expect(edges).toContain('owns guest-table:gpt1 -> vm:vm1 [in guest RAM]');
    expect(edges).toContain('backs domain:s2 -> ioas:gpa [IOAS]');
  });

  it('sva: one PASID per bound device to the SVA domain, the SVA domain → its process', () => {
    const topo = topologyOf(run('sva.json').state);
    const edges = edgeList(topo);
    expect(edges).toContain('pasid device:dsa0 -> pasid:dsa0/1 [PASID 1]');
    expect(edges).toContain('pasid pasid:iax0/1 -> domain:proc1.sva');
    expect(edges).toContain('stage1 domain:proc1.sva -> process:proc1 [SVA]');
    expect(topo.nodes.find((n) => n.id === 'process:proc1')?.detail).toBe('process, PASID 1');
  });

  it('lays the new kinds out in their columns: nested HWPT < domains < IOAS/guest table/process < VMs', () => {
    const layout = layoutTopology(topologyOf(run('nested.json').state));
    const col = (id: string) => layout.byId.get(id)!.col;
    expect(col('domain:s1')).toBeLessThan(col('domain:s2'));
    expect(col('domain:s2')).toBeLessThan(col('ioas:gpa'));
    expect(col('guest-table:gpt1')).toBe(col('ioas:gpa'));
    expect(col('guest-table:gpt1')).toBeLessThan(col('vm:vm1'));
    const sva = layoutTopology(topologyOf(run('sva.json').state));
    expect(sva.byId.get('process:proc1')!.col).toBeGreaterThan(sva.byId.get('domain:proc1.sva')!.col);
  });

  it('names the IOMMU and the domain tag after the platform', () => {
    const smmu = topologyOf(run('three-wqs-smmuv3.json').state);
    expect(smmu.nodes[0]?.label).toBe('SMMUv3');
    expect(smmu.nodes.find((n) => n.id === 'domain:domain1')?.detail).toMatch(/ASID \d+$/);
    const amd = topologyOf(run('three-wqs-amd.json').state);
    expect(amd.nodes[0]?.label).toBe('AMD-Vi IOMMU');
  });
});
