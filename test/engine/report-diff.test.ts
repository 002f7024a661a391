/** diffStates: objects, mappings, memory entries by structure, and graph edges. */
import { describe, expect, it } from 'vitest';
import { applyCommand, initialState, resolvePlatform, type Command, type EngineState } from '../../src/engine/index.ts';
import { diffMarkdown, diffStates, isEmptyDiff } from '../../src/engine/report/diff.ts';

function run(state: EngineState, ...cmds: Command[]): EngineState {
  return cmds.reduce((s, c) => {
    const r = applyCommand(s, c);
    if (!r.ok) throw new Error(`${c.op}: ${r.error.message}`);
    return r.state;
  }, state);
}

const base = run(
  initialState(resolvePlatform(undefined)),
  { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
  { op: 'allocDomain', id: 'd1', type: 'UNMANAGED' },
  { op: 'allocDomain', id: 'd2', type: 'UNMANAGED' },
);

describe('diffStates', () => {
  it('is empty for a state against itself', () => {
    const d = diffStates(base, base);
    expect(isEmptyDiff(d)).toBe(true);
    expect(diffMarkdown(d)).toContain('_No differences._');
  });

  it('after attach: names the context and RID_PASID entries, the new attachment and edges', () => {
    const after = run(base, { op: 'attach', domain: 'd1', device: 'dsa0' });
    const d = diffStates(base, after);
    const names = d.memory.map((m) => m.structure);
    expect(names).toContain('root[0x6a] (dsa0)');
    expect(names).toContain('context[0x8] (dsa0)');
    expect(names).toContain('pasid-table[0] (dsa0)');
    expect(names).toContain('pasid-dir[0] (dsa0)');
    const ctx = d.memory.find((m) => m.structure === 'context[0x8] (dsa0)')!;
    expect(ctx.before).toBe('0x0');
    expect(ctx.after).not.toBe('0x0');
    expect(d.objects).toContainEqual(
      expect.objectContaining({ kind: 'primary', change: 'added', id: 'dsa0 PASID 0 → d1' }),
    );
    expect(d.objects).toContainEqual(
      expect.objectContaining({
        kind: 'device',
        id: 'dsa0',
        change: 'changed',
        fields: expect.arrayContaining(['primary: none → d1']),
      }),
    );
    expect(d.edgesAdded.map((e) => e.id)).toEqual(
      expect.arrayContaining(['primary:device:dsa0->pasid:dsa0/0', 'primary:pasid:dsa0/0->domain:d1']),
    );
  });

  it('after map: the added mapping and the page-table entries of the domain', () => {
    const attached = run(base, { op: 'attach', domain: 'd1', device: 'dsa0' });
    const after = run(attached, {
      op: 'map',
      domain: 'd1',
      iova: '0x200000',
      pa: '0x40000000',
      size: '2MiB',
      prot: 'rw',
    });
    const d = diffStates(attached, after);
    expect(d.mappings).toEqual([
      { domain: 'd1', change: 'added', mapping: { iovaPfn: 0x200, pfn: 0x40000, pages: 512, read: true, write: true } },
    ]);
    expect(d.memory.some((m) => m.structure === 'pl2 of d1')).toBe(true);
    expect(d.memory.every((m) => m.structure !== null)).toBe(true);
    const md = diffMarkdown(d);
    expect(md).toContain('| added | d1 | 0x200000–0x3fffff | 0x40000000–0x401fffff | 2MiB | rw |');
    expect(md).toMatch(/\| 0x[0-9a-f]+ \| 0x[0-9a-f]+ \| 0x[0-9a-f]+ \| pl2 of d1 \| 0x0 \| 0x[0-9a-f]+ \|/);
  });

  it('after aux attach then detach: the PASID entry appears, then the context entry is cleared and edges go', () => {
    const attached = run(
      base,
      { op: 'attach', domain: 'd1', device: 'dsa0' },
      { op: 'enableFeature', device: 'dsa0', feature: 'AUX' },
    );
    const aux = run(attached, { op: 'auxAttach', domain: 'd2', device: 'dsa0', wq: 0 });
    const d1 = diffStates(attached, aux);
    expect(d1.memory.map((m) => m.structure)).toContain('pasid-table[1] (dsa0)');
    expect(d1.edgesAdded.map((e) => e.id)).toContain('aux:device:dsa0->pasid:dsa0/1');
    expect(d1.objects).toContainEqual(
      expect.objectContaining({ kind: 'aux', change: 'added', id: 'dsa0 PASID 1 → d2' }),
    );

    const detached = run(aux, { op: 'detach', device: 'dsa0' });
    const d2 = diffStates(aux, detached);
    const ctx = d2.memory.find((m) => m.structure === 'context[0x8] (dsa0)');
    expect(ctx?.after).toBe('0x0');
    expect(d2.edgesRemoved.map((e) => e.id)).toContain('primary:pasid:dsa0/0->domain:d1');
    expect(d2.objects).toContainEqual(expect.objectContaining({ kind: 'primary', change: 'removed' }));
    expect(diffMarkdown(d2)).toMatch(/context\[0x8\] \(dsa0\) \| 0x[0-9a-f]+ \| 0x0 \|/);
  });
});
