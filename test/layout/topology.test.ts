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
