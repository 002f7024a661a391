/**
 * The fleet-sized scenario of issue 11 (as bench/ui.bench.ts builds it): `vms` VMs with `perVm` mdevs
 * each, on parents of 8 WQs (128 parents × 8 WQs for 64 × 16: 2,240 steps). Shared by the cluster
 * tests, the browser overview test and the benches.
 */
export function fleetScenario(vms = 64, perVm = 16, wqs = 8): string {
  const parents = Math.ceil((vms * perVm) / wqs);
  const steps: Record<string, unknown>[] = [];
  for (let p = 0; p < parents; p++) {
    // Buses 0x10…0xff on device 01 (as bench/ui.bench.ts), then the next device number.
    const bus = ((0x10 + p) & 0xff).toString(16).padStart(2, '0');
    const dev = (1 + ((0x10 + p) >> 8)).toString(16).padStart(2, '0');
    steps.push({ op: 'addDevice', id: `dsa${p}`, bdf: `0000:${bus}:${dev}.0`, kind: 'parent', wqs });
  }
  for (let v = 0; v < vms; v++) steps.push({ op: 'createVm', id: `vm${v}`, memory: '64MiB' });
  let n = 0;
  for (let p = 0; p < parents; p++)
    for (let w = 0; w < wqs; w++) steps.push({ op: 'createMdev', id: `mdev${n++}`, parent: `dsa${p}`, wq: w });
  for (let i = 0; i < vms * perVm; i++)
    steps.push({ op: 'assign', device: `mdev${i}`, vm: `vm${Math.floor(i / perVm)}` });
  return JSON.stringify({
    format: 'pasid-atlas/scenario@1',
    title: `${vms} VMs × ${perVm} mdevs`,
    // 64 MiB per VM plus the tables: 16 GiB holds 64 VMs (as the bench), 256 need more.
    platform: { hostMemory: vms > 128 ? '64GiB' : '16GiB' },
    steps,
  });
}
