/**
 * An AMD-Vi event as today's kernel logs it (drivers/iommu/amd/iommu.c):
 * IO_PAGE_FAULT through the device's driver (`amd_iommu_report_page_fault`, pci_err):
 *   `idxd 0000:6a:01.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x0002 address=0x1000 flags=0x0000]`
 * other events through the IOMMU's own device (`iommu_print_event`, dev_err):
 *   `iommu ivhd0: AMD-Vi: Event logged [ILLEGAL_DEV_TABLE_ENTRY device=0000:6a:01.0 pasid=0x00000 address=0x1000 flags=0x0000]`
 * `domain=` is the DTE's DomainID, or the PASID when the request carried one (GN set).
 */
import { AMD_EVENT_TYPE, AMD_FLAG } from '../explain/amdEvents.ts';
import { ridBdf, type FaultEvent, type FaultText } from '../iommu/faultEvent.ts';
import type { EngineState } from '../model.ts';

const hex = (n: number | bigint, w: number) => n.toString(16).padStart(w, '0');

/** The driver a model device would be bound to: idxd for the DSA parent, vfio-pci for a passed-through or iommufd device. */
function driverOf(state: EngineState, ev: FaultEvent): string {
  const mdev = state.mdevs.get(ev.device);
  const dev = state.devices.get(mdev ? mdev.parent : ev.device);
  if (dev === undefined) return 'pci';
  if (dev.kind === 'parent') return 'idxd';
  return dev.vm !== null || dev.devId !== null ? 'vfio-pci' : 'pci';
}

/** DomainID the device's DTE carries (v2 tag, or the DID of its primary domain), 0 when none. */
function domainIdOf(state: EngineState, ev: FaultEvent): number {
  const mdev = state.mdevs.get(ev.device);
  const dev = state.devices.get(mdev ? mdev.parent : ev.device);
  if (dev === undefined) return 0;
  if (dev.tag !== null) return dev.tag;
  const primary = dev.primary === null ? undefined : state.domains.get(dev.primary);
  return primary?.did ?? 0;
}

export function amdFaultFlags(ev: FaultEvent): number {
  const permission = ev.fault === 'write-denied' || ev.fault === 'read-denied';
  return (
    (ev.pasid !== null ? AMD_FLAG.GN : 0) |
    (ev.access === 'write' ? AMD_FLAG.RW : 0) |
    (permission ? AMD_FLAG.PR | AMD_FLAG.PE : 0)
  );
}

export function amdFaultLines(ev: FaultEvent, state: EngineState): string[] {
  const name = AMD_EVENT_TYPE[ev.reason] ?? 'UNKNOWN';
  const flags = hex(amdFaultFlags(ev), 4);
  const bdf = `0000:${ridBdf(ev.sourceId)}`;
  if (name === 'IO_PAGE_FAULT') {
    const domain = ev.pasid ?? domainIdOf(state, ev);
    return [
      `${driverOf(state, ev)} ${bdf}: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x${hex(domain, 4)} address=0x${ev.address.toString(16)} flags=0x${flags}]`,
    ];
  }
  return [
    `iommu ivhd0: AMD-Vi: Event logged [${name} device=${bdf} pasid=0x${hex(ev.pasid ?? 0, 5)} address=0x${ev.address.toString(16)} flags=0x${flags}]`,
  ];
}

/** AMD-Vi's words for a recorded fault (iommu/faultTexts.ts): an event type by its amd_iommu_types.h name. */
export const amdFaultText: FaultText = {
  reason: (code) => AMD_EVENT_TYPE[code] ?? `event type 0x${code.toString(16)}`,
  kernelLog: amdFaultLines,
};
