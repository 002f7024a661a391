/**
 * A long scenario for the runner's memory and time targets (issue 9): one device and domain, then
 * cycles of map / dma / unmap over rotating IOVAs until `steps` steps. Used by `npm run bench` and
 * by the runner tests.
 */
export function longScenario(steps: number): { format: string; title: string; steps: Record<string, unknown>[] } {
  const out: Record<string, unknown>[] = [
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
    { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
    { op: 'attach', domain: 'd', device: 'nic0' },
  ];
  for (let i = 0; out.length < steps; i++) {
    const iova = '0x' + (0x100000 + (i % 4096) * 0x10000).toString(16);
    const pa = '0x' + (0x200000 + (i % 1024) * 0x1000).toString(16);
    const cycle = [
      { op: 'map', domain: 'd', iova, pa, size: '64KiB', prot: 'rw' },
      { op: 'dma', device: 'nic0', iova, access: 'write', expect: { ok: true } },
      { op: 'unmap', domain: 'd', iova, size: '64KiB', expect: { result: { unmapped: 65536 } } },
    ];
    for (const s of cycle) if (out.length < steps) out.push(s);
  }
  return { format: 'pasid-atlas/scenario@1', title: `${steps} map/dma/unmap steps`, steps: out };
}
