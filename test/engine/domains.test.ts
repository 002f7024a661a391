/** Domain ops: allocDomain, freeDomain, enableFeature, attach, detach, auxAttach, auxDetach. */
import { describe, expect, it } from 'vitest';
import { applyCommand, type Command, type EngineState } from '../../src/engine/index.ts';
import { SEED_DEVICES, build, machine, refused } from '../helpers/engine.ts';

function dmaResult(state: EngineState, c: Extract<Command, { op: 'dma' }>) {
  const r = applyCommand(state, c);
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return { state: r.state, result: r.result };
}

describe('allocDomain / freeDomain', () => {
  it('hands out DIDs from 2 upward, lowest free first; IDENTITY uses DID 1; BLOCKED has none', () => {
    let s = machine();
    const dids: unknown[] = [];
    for (const [id, type] of [
      ['a', 'DMA'],
      ['b', 'UNMANAGED'],
      ['c', 'IDENTITY'],
      ['d', 'BLOCKED'],
    ] as const) {
      const r = build(s, { op: 'allocDomain', id, type });
      s = r.state;
      dids.push(r.result['did']);
    }
    expect(dids).toEqual([2, 3, 1, undefined]);
    s = build(s, { op: 'freeDomain', id: 'a' }, { op: 'allocDomain', id: 'e', type: 'DMA' }).state;
    expect(s.domains.get('e')?.did).toBe(2);
  });

  it('frees the page-table frames with the domain', () => {
    const s0 = build(machine(), { op: 'allocDomain', id: 'a', type: 'UNMANAGED' }).state;
    const s1 = build(s0, { op: 'map', domain: 'a', iova: '0x0', pa: '0x1000', size: '12KiB', prot: 'rw' }).state;
    expect(s1.memory.frames.size).toBe(s0.memory.frames.size + 3);
    const s2 = build(s1, { op: 'freeDomain', id: 'a' }).state;
    expect(s2.memory.frames.size).toBe(s0.memory.frames.size - 1);
  });

  it('refuses to free an attached domain, a missing one, or one owned by an IOASID', () => {
    const { state } = build(
      machine(),
      ...SEED_DEVICES,
      { op: 'allocDomain', id: 'a', type: 'DMA' },
      { op: 'attach', domain: 'a', device: 'nic0' },
      { op: 'ioasidAlloc', id: 'g' },
    );
    expect(refused(state, { op: 'freeDomain', id: 'a' }, 'EBUSY')).toMatch(/nic0/);
    refused(state, { op: 'freeDomain', id: 'zz' }, 'ENOENT');
    refused(state, { op: 'freeDomain', id: 'g.domain' }, 'EBUSY');
  });
});

describe('attach / detach', () => {
  const base = () =>
    build(
      machine(),
      ...SEED_DEVICES,
      { op: 'allocDomain', id: 'a', type: 'DMA' },
      { op: 'allocDomain', id: 'b', type: 'DMA' },
      { op: 'createMdev', id: 'm1', parent: 'dsa0', wq: 0 },
    ).state;

  it('primary attach programs the context entry; detach clears it (no-context again)', () => {
    const s = build(
      base(),
      { op: 'attach', domain: 'a', device: 'nic0' },
      { op: 'map', domain: 'a', iova: '0x1000', pa: '0x5000', size: '4KiB', prot: 'rw' },
    ).state;
    expect(dmaResult(s, { op: 'dma', device: 'nic0', iova: '0x1000', access: 'read' }).result).toMatchObject({
      outcome: 'translated',
      pa: 0x5000n,
      domain: 'a',
    });
    const s2 = build(s, { op: 'detach', device: 'nic0' }).state;
    expect(dmaResult(s2, { op: 'dma', device: 'nic0', iova: '0x1000', access: 'read' }).result).toMatchObject({
      outcome: 'fault',
      fault: 'no-context',
      reason: 0x41,
      qemuReason: 0x2,
    });
    expect(s2.devices.get('nic0')?.primary).toBeNull();
  });

  it.each<[string, Command, string]>([
    ['a second attach', { op: 'attach', domain: 'b', device: 'nic0' }, 'EBUSY'],
    ['the same domain again', { op: 'attach', domain: 'a', device: 'nic0' }, 'EBUSY'],
    ['an mdev (no RID of its own)', { op: 'attach', domain: 'b', device: 'm1' }, 'EINVAL'],
    ['a missing domain', { op: 'attach', domain: 'zz', device: 'dsa0' }, 'ENOENT'],
    ['a missing device', { op: 'attach', domain: 'b', device: 'zz' }, 'ENOENT'],
    ['detach of an unattached device', { op: 'detach', device: 'dsa0' }, 'EINVAL'],
    ['detach of an mdev', { op: 'detach', device: 'm1' }, 'EINVAL'],
  ])('refuses %s', (_n, cmd, code) => {
    refused(build(base(), { op: 'attach', domain: 'a', device: 'nic0' }).state, cmd, code);
  });

  it('detach invalidates the IOTLB entries of the domain', () => {
    let s = build(
      base(),
      { op: 'attach', domain: 'a', device: 'nic0' },
      { op: 'map', domain: 'a', iova: '0x1000', pa: '0x5000', size: '4KiB', prot: 'rw' },
    ).state;
    s = dmaResult(s, { op: 'dma', device: 'nic0', iova: '0x1000', access: 'read' }).state;
    expect(s.iotlb.size).toBe(1);
    s = build(s, { op: 'detach', device: 'nic0' }).state;
    expect(s.iotlb.size).toBe(0);
  });
});

describe('auxAttach / auxDetach', () => {
  const base = () =>
    build(
      machine(),
      ...SEED_DEVICES,
      { op: 'allocDomain', id: 'host', type: 'DMA' },
      { op: 'attach', domain: 'host', device: 'dsa0' },
      { op: 'allocDomain', id: 'g1', type: 'UNMANAGED' },
      { op: 'allocDomain', id: 'g2', type: 'UNMANAGED' },
      { op: 'createMdev', id: 'm1', parent: 'dsa0', wq: 1 },
      { op: 'createMdev', id: 'm2', parent: 'dsa0', wq: 2 },
      { op: 'enableFeature', device: 'dsa0', feature: 'AUX' },
      { op: 'map', domain: 'g1', iova: '0x0', pa: '0x100000', size: '1MiB', prot: 'rw' },
    ).state;

  it('allocates one PASID per domain from 1 and programs the parent PASID entry', () => {
    const a = build(base(), { op: 'auxAttach', domain: 'g1', device: 'm1' });
    expect(a.result).toEqual({ pasid: 1 });
    const b = build(a.state, { op: 'auxAttach', domain: 'g2', device: 'm2' });
    expect(b.result).toEqual({ pasid: 2 });
    const r = dmaResult(b.state, { op: 'dma', device: 'm1', iova: '0x3000', access: 'write' }).result;
    expect(r).toMatchObject({ outcome: 'translated', pa: 0x103000n, pasid: 1, domain: 'g1' });
    const walk = r['walk'] as { structure: string; index: number }[];
    expect(walk[3]).toMatchObject({ structure: 'pasid-table', index: 1 });
  });

  it('reuses the domain PASID for a second aux attach of the same domain', () => {
    const s = build(base(), { op: 'auxAttach', domain: 'g1', device: 'm1' }).state;
    expect(build(s, { op: 'auxAttach', domain: 'g1', device: 'm2' }).result).toEqual({ pasid: 1 });
  });

  it.each<[string, Command, string]>([
    ['a DMA domain', { op: 'auxAttach', domain: 'host', device: 'm2' }, 'EINVAL'],
    ['an mdev already aux-attached', { op: 'auxAttach', domain: 'g2', device: 'm1' }, 'EBUSY'],
    ['the same WQ named through its parent', { op: 'auxAttach', domain: 'g2', device: 'dsa0', wq: 1 }, 'EBUSY'],
    ['a device without AUX', { op: 'auxAttach', domain: 'g2', device: 'nic0' }, 'ENODEV'],
    ['a WQ that does not exist', { op: 'auxAttach', domain: 'g2', device: 'dsa0', wq: 7 }, 'EINVAL'],
    ['aux detach of a domain not attached there', { op: 'auxDetach', domain: 'g2', device: 'm1' }, 'EINVAL'],
  ])('refuses %s', (_n, cmd, code) => {
    refused(build(base(), { op: 'auxAttach', domain: 'g1', device: 'm1' }).state, cmd, code);
  });

  it('refuses AUX on a device without PASID (ENODEV)', () => {
    refused(base(), { op: 'enableFeature', device: 'nic0', feature: 'AUX' }, 'ENODEV');
  });

  it('aux detach tears the entry down, frees the PASID, and the WQ keeps its last PASID (no-pasid)', () => {
    let s = build(base(), { op: 'auxAttach', domain: 'g1', device: 'm1' }).state;
    s = dmaResult(s, { op: 'dma', device: 'm1', iova: '0x0', access: 'read' }).state;
    s = build(s, { op: 'auxDetach', domain: 'g1', device: 'm1' }).state;
    expect(s.usedPasids.has(1)).toBe(false);
    expect(s.domains.get('g1')?.auxPasid).toBeNull();
    expect(s.iotlb.size).toBe(0);
    expect(dmaResult(s, { op: 'dma', device: 'm1', iova: '0x0', access: 'read' }).result).toMatchObject({
      outcome: 'fault',
      fault: 'no-pasid',
      pasid: 1,
      reason: 0x59,
    });
  });

  it('an mdev that never had a PASID cannot issue DMA (EINVAL)', () => {
    refused(base(), { op: 'dma', device: 'm2', iova: '0x0', access: 'read' }, 'EINVAL');
  });
});
