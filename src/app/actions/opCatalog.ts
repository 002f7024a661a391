/**
 * Every raw op grouped by family, with one line saying what it does in kernel terms (MODEL.md's
 * tables, docs/engine.md). The Raw op picker and the command palette list them from here.
 */
import type { OpName } from '../../engine/index.ts';

export interface OpFamily {
  readonly name: string;
  readonly ops: readonly { readonly op: OpName; readonly summary: string }[];
}

export const OP_FAMILIES: readonly OpFamily[] = [
  {
    name: 'Topology',
    ops: [
      {
        op: 'addDevice',
        summary: 'probe a PCI function (pdev, or a parent with WQs); scalable mode gives it a PASID directory',
      },
      { op: 'createVm', summary: 'a guest with RAM backed by contiguous host frames' },
      { op: 'createMdev', summary: 'a mediated device on one WQ of a parent; no RID of its own' },
      { op: 'useWq', summary: 'the host driver claims a WQ (its DMA uses the parent’s RID, no PASID)' },
      { op: 'assign', summary: 'give a pdev or mdev to a VM: builds its GPA domain, attaches primary or aux' },
      { op: 'unassign', summary: 'take a device back from its VM (the reverse of assign)' },
      { op: 'removeMdev', summary: 'destroy an mdev and free its WQ' },
    ],
  },
  {
    name: 'Domains (aux era, Linux 5.8–5.16)',
    ops: [
      {
        op: 'allocDomain',
        summary: 'iommu_domain_alloc: DMA (DMA API, first stage), UNMANAGED (VFIO/aux), IDENTITY, BLOCKED',
      },
      { op: 'freeDomain', summary: 'iommu_domain_free; refused while attached' },
      { op: 'enableFeature', summary: 'iommu_dev_enable_feature: AUX (aux domains) or SVA' },
      { op: 'attach', summary: 'iommu_attach_device: programs the context entry and RID_PASID entry' },
      { op: 'detach', summary: 'iommu_detach_device: clears the context entry; DMA faults no-context' },
      { op: 'auxAttach', summary: 'iommu_aux_attach_device: the domain gets a PASID on the parent’s RID' },
      { op: 'auxDetach', summary: 'iommu_aux_detach_device: clears that PASID entry' },
    ],
  },
  {
    name: 'Address spaces',
    ops: [
      { op: 'map', summary: 'iommu_map: IOVA→PA page-table entries (2 MiB/1 GiB leaves where aligned)' },
      { op: 'unmap', summary: 'iommu_unmap: clears entries and invalidates the IOTLB for the range' },
      { op: 'ioasidAlloc', summary: 'a /dev/ioasid-style I/O address space backed by one UNMANAGED domain' },
      { op: 'ioasidMap', summary: 'map into an IOASID’s domain' },
      { op: 'ioasidUnmap', summary: 'unmap from an IOASID’s domain' },
      { op: 'ioasidAttach', summary: 'attach a pdev (primary) or an mdev (aux) to an IOASID' },
    ],
  },
  {
    name: 'iommufd (Linux 6.2+)',
    ops: [
      { op: 'bindDevice', summary: 'IOMMU_DEVICE bind: the RID is BLOCKED until attached' },
      { op: 'ioasAlloc', summary: 'IOMMU_IOAS_ALLOC: an IOVA space that HWPTs copy' },
      { op: 'ioasMap', summary: 'IOMMU_IOAS_MAP: an area, fixed or kernel-chosen IOVA' },
      { op: 'ioasUnmap', summary: 'IOMMU_IOAS_UNMAP: whole areas, or all' },
      { op: 'ioasCopy', summary: 'IOMMU_IOAS_COPY: the same pages at an IOVA of another IOAS' },
      { op: 'hwptAlloc', summary: 'IOMMU_HWPT_ALLOC: a paging, NEST_PARENT or nested HW page table' },
      { op: 'deviceAttach', summary: 'attach a RID or PASID to an IOAS (auto HWPT) or a HWPT' },
      { op: 'deviceReplace', summary: 'atomically switch what a RID or PASID is attached to' },
      { op: 'deviceDetach', summary: 'detach: a RID goes BLOCKED, a PASID loses its entry' },
      {
        op: 'hwptInvalidate',
        summary: 'IOMMU_HWPT_INVALIDATE: a guest’s SMMUv3 TLBI/ATC/CFGI_CD commands via its vSMMU',
      },
      { op: 'destroy', summary: 'IOMMU_DESTROY an IOAS or HWPT; refused while referenced' },
    ],
  },
  {
    name: 'Guests and SVA',
    ops: [
      { op: 'guestTableAlloc', summary: 'a guest’s first-level page table in its own RAM (for nesting)' },
      { op: 'guestMap', summary: 'map VA→GPA in a guest table' },
      { op: 'processAlloc', summary: 'a host process with its own first-level page table' },
      { op: 'processMap', summary: 'map VA→PA in a process' },
      { op: 'svaBind', summary: 'iommu_sva_bind_device: the process’s global PASID on the device' },
      { op: 'svaUnbind', summary: 'iommu_sva_unbind_device: tear the PASID entry down and invalidate' },
    ],
  },
  {
    name: 'Invalidation lab',
    ops: [
      { op: 'flushQueue', summary: 'run a DMA_FQ domain’s batched IOTLB flushes now' },
      { op: 'skipInvalidation', summary: 'drop the next invalidation descriptor (to see a stale IOTLB)' },
    ],
  },
  {
    name: 'DMA',
    ops: [{ op: 'dma', summary: 'one request: the IOMMU walks root → context → PASID → page tables, or faults' }],
  },
];

/** The one-line summary of an op. */
export function opSummary(op: OpName): string {
  for (const fam of OP_FAMILIES) for (const o of fam.ops) if (o.op === op) return o.summary;
  return '';
}
