/**
 * The fleet of issue 11: `vms` VMs with 16 mdevs each, on vms × 16 / 8 parent devices of 8 WQs
 * (64 VMs: 128 parents, 2,240 steps; 256 VMs: 512 parents, 8,960 steps), as scenario JSON text.
 * Used by bench/ui.bench.ts (as a share link and a file) and bench/import.bench.ts.
 */
const WQS = 8;
export const PER_VM = 16;

/** `vms` VMs with 16 mdevs each, on vms × 16 / 8 parents of 8 WQs. */
export function fleetScenario(vms: number): string {
  const parents = (vms * PER_VM) / WQS;
  const steps: Record<string, unknown>[] = [];
  for (let p = 0; p < parents; p++) {
    // Buses 0x10…0xef, then the next device number (64×16 keeps the BDFs it always had).
    const bus = (0x10 + (p % 224)).toString(16).padStart(2, '0');
    const dev = (1 + Math.floor(p / 224)).toString(16).padStart(2, '0');
    steps.push({ op: 'addDevice', id: `dsa${p}`, bdf: `0000:${bus}:${dev}.0`, kind: 'parent', wqs: WQS });
  }
  for (let v = 0; v < vms; v++) steps.push({ op: 'createVm', id: `vm${v}`, memory: '64MiB' });
  let n = 0;
  for (let p = 0; p < parents; p++)
    for (let w = 0; w < WQS; w++) steps.push({ op: 'createMdev', id: `mdev${n++}`, parent: `dsa${p}`, wq: w });
  for (let i = 0; i < vms * PER_VM; i++)
    steps.push({ op: 'assign', device: `mdev${i}`, vm: `vm${Math.floor(i / PER_VM)}` });
  return JSON.stringify({
    format: 'pasid-atlas/scenario@1',
    title: `${vms} VMs × ${PER_VM} mdevs`,
    // 64 MiB per VM plus the tables: 16 GiB holds 64 VMs, but 256 × 64 MiB is all of it (the last
    // two createVm were refused ENOMEM and their 32 mdevs stayed unassigned).
    platform: { hostMemory: vms > 128 ? '64GiB' : '16GiB' },
    steps,
  });
}
