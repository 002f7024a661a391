/**
 * The glossary: every term a tour text marks with `[[term]]` or `[[term|shown text]]` is defined
 * here (test/tours/glossary.test.ts checks it). Definitions are short and plain; `more` adds the
 * detail the glossary page shows. Facts follow reference/iommu.md and docs/engine.md.
 */
export interface GlossaryTerm {
  /** The key tour texts use (case-insensitive match). */
  readonly term: string;
  /** Other spellings that resolve to this entry (`RID2PASID`, `aux domains`…). */
  readonly aliases?: readonly string[];
  /** One or two sentences: the tooltip. */
  readonly short: string;
  /** Extra detail for the glossary page. */
  readonly more?: string;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    term: 'IOMMU',
    short:
      'The I/O memory management unit: hardware between devices and memory that translates (and checks) every address a device uses for DMA, as the CPU MMU does for programs.',
  },
  {
    term: 'VT-d',
    short: "Intel's IOMMU architecture (Virtualization Technology for Directed I/O).",
    more: 'PASID Atlas models one VT-d unit in scalable mode.',
  },
  {
    term: 'DMA',
    short: 'Direct memory access: a device reads or writes memory itself, without the CPU copying the data.',
  },
  {
    term: 'DMAR',
    short:
      'DMA remapping: VT-d\'s name for the translation of device addresses; also the prefix of the Linux VT-d driver\'s log lines ("DMAR: ...").',
  },
  {
    term: 'PCI',
    aliases: ['PCIe'],
    short:
      'The bus devices sit on. Every PCI function has a bus/device/function address (BDF) and sends requests tagged with it.',
  },
  {
    term: 'BDF',
    short:
      "Bus, device, function: a PCI function's address, written SSSS:BB:DD.F (segment, bus, device, function), e.g. 0000:6a:01.0.",
  },
  {
    term: 'RID',
    aliases: ['requester ID', 'SID', 'source ID'],
    short:
      'Requester ID: the 16-bit bus<<8 | device<<3 | function number every DMA request carries. 0000:6a:01.0 has RID 0x6a08.',
    more: 'VT-d calls it the source ID (SID). The IOMMU uses its bus byte to index the root table and its devfn byte to index a context table.',
  },
  {
    term: 'PASID',
    short:
      'Process Address Space ID: a 20-bit number a request may carry beside its RID. It lets one device use several address spaces; the IOMMU picks the translation by (RID, PASID).',
    more: 'In scalable mode the PASID indexes the PASID directory (bits 19:6) and a PASID table (bits 5:0). In PASID Atlas aux PASIDs are allocated from 1, lowest free.',
  },
  {
    term: 'RID_PASID',
    aliases: ['RID2PASID', 'PASID 0', 'IOMMU_NO_PASID'],
    short:
      "The PASID a scalable-mode IOMMU uses for requests that carry none. Linux always writes 0, so a device's primary domain sits in PASID-table entry 0.",
  },
  {
    term: 'DID',
    aliases: ['domain ID'],
    short:
      'Domain ID: the 16-bit tag VT-d writes in each PASID entry and uses to tag IOTLB entries. One domain has one DID on an IOMMU unit, however many devices or PASIDs use it.',
    more: 'PASID Atlas allocates DIDs lowest-free from 2 (0 and 1 are reserved in scalable mode; IDENTITY domains use 1).',
  },
  {
    term: 'domain',
    aliases: ['domains', 'iommu_domain'],
    short:
      'An I/O address space in the Linux IOMMU core (struct iommu_domain): one set of page tables. Devices, or (device, PASID) pairs, are attached to it.',
  },
  {
    term: 'primary domain',
    aliases: ['primary'],
    short:
      "The domain attached to a device's RID: it translates the device's requests that carry no PASID (RID_PASID). In the aux-domain era: iommu_attach_device.",
  },
  {
    term: 'aux domain',
    aliases: ['aux domains', 'auxiliary domain', 'auxiliary'],
    short:
      'An auxiliary domain (Linux 5.2–5.17): an extra domain attached to a device through one PASID, so one device can reach several address spaces. Used for mdevs.',
    more: 'iommu_aux_attach_device(domain, dev) picked the PASID (one per aux domain) and iommu_aux_get_pasid returned it. Removed in Linux 5.18, replaced by PASID attach in iommufd.',
  },
  {
    term: 'IOVA',
    short:
      'I/O virtual address: the address a device uses for DMA, translated by the IOMMU. For a host driver the DMA API chooses IOVAs; for an assigned device the IOVA is the guest physical address.',
  },
  {
    term: 'GPA',
    short:
      'Guest physical address: what a VM believes is a physical address. A device assigned to the VM uses GPAs as IOVAs, so the IOMMU maps GPA to HPA.',
  },
  {
    term: 'HPA',
    aliases: ['PA'],
    short: "Host physical address: the real address in the machine's memory, the output of a translation.",
  },
  {
    term: 'VM',
    aliases: ['VMs', 'guest'],
    short: 'A virtual machine. Its RAM is a range of host memory; devices assigned to it use its GPAs.',
  },
  {
    term: 'page table',
    aliases: ['page tables', 'second stage', 'second-stage'],
    short:
      "The tree of tables that maps addresses page by page. VT-d's second-stage tables use 9 index bits per level, 4 levels for a 48-bit width, and may stop early with a 2 MiB or 1 GiB page.",
  },
  {
    term: 'PTE',
    short:
      'Page-table entry: one 64-bit entry of a page table. Bit 0 is R (read), bit 1 W (write), bit 7 PS (this entry is a large page), bits 51:12 the next table or the page address.',
  },
  {
    term: 'PGTT',
    short:
      'PASID Granular Translation Type: bits 8:6 of a PASID entry. 001 first stage, 010 second stage, 011 nested, 100 pass-through. UNMANAGED domains (aux, VFIO, GPA spaces) use 010, DMA-API domains 001 (Linux picks first stage for them when the hardware has both).',
  },
  {
    term: 'IOTLB',
    short:
      "The IOMMU's translation cache, tagged (DID, PASID, page). A hit skips the page-table walk; software must invalidate it when it unmaps.",
    more: 'PASID Atlas models only the IOTLB (1,024 entries, FIFO); the context and PASID caches are not modelled, so every DMA still reads the root, context, PASID directory and PASID table entries.',
  },
  {
    term: 'root entry',
    aliases: ['root table'],
    short:
      'An entry of the root table, indexed by the bus number of the RID. In scalable mode each holds two context-table pointers: devfn 0–127 and 128–255.',
  },
  {
    term: 'context entry',
    aliases: ['context table'],
    short:
      "An entry of a context table, indexed by devfn. In scalable mode it points to the device's PASID directory and holds the RID_PASID value.",
  },
  {
    term: 'PASID directory',
    aliases: ['PASID-directory'],
    short:
      "The first level of a device's PASID lookup: 8-byte entries indexed by PASID bits 19:6, each pointing to a PASID table.",
  },
  {
    term: 'PASID table',
    aliases: ['PASID-table', 'PASID entry', 'PASID entries'],
    short:
      'The second level: 64-byte entries indexed by PASID bits 5:0. Each entry holds one translation: PGTT, the page-table pointer, the address width and the DID.',
  },
  {
    term: 'scalable mode',
    short:
      'The VT-d translation mode with PASID support: root → context → PASID directory → PASID table → page tables. The older legacy mode had no PASID tables.',
  },
  {
    term: 'DMA API',
    aliases: ['DMA-API'],
    short:
      "The kernel interface drivers use to get DMA addresses (dma_map_*). With an IOMMU it allocates IOVAs and maps them in the device's DMA domain.",
  },
  {
    term: 'DMA domain',
    short: "A domain of type IOMMU_DOMAIN_DMA: the kernel's default domain for a device, owned by the DMA API.",
  },
  {
    term: 'UNMANAGED',
    short:
      "A paging domain whose mappings belong to someone other than the DMA API, such as VFIO mapping a VM's GPA space. A VM's domain is UNMANAGED.",
  },
  {
    term: 'IDENTITY',
    aliases: ['pass-through', 'passthrough'],
    short:
      'A domain that translates every address to itself (PGTT pass-through). PASID Atlas gives IDENTITY domains DID 1.',
  },
  {
    term: 'BLOCKED',
    short:
      'A domain that lets no DMA through. Linux attaches it by tearing the PASID entry down, so the hardware sees a not-present entry.',
  },
  {
    term: 'mdev',
    aliases: ['mdevs', 'vfio-mdev', 'mediated device'],
    short:
      "A mediated device: a slice of a physical device that the host driver exposes to VFIO so it can be given to a VM. It has no RID of its own: its DMA leaves with its parent's RID.",
  },
  {
    term: 'pdev',
    aliases: ['pdevs'],
    short:
      "In PASID Atlas, a whole PCI function assigned to a VM (passthrough). Its DMA carries its own RID, so its VM's domain is its primary domain.",
  },
  {
    term: 'parent',
    aliases: ['parent device'],
    short: 'The physical device an mdev is carved from. In the seed it is a DSA with three WQs.',
  },
  {
    term: 'WQ',
    aliases: ['WQs', 'work queue', 'work queues'],
    short:
      'A work queue of a DSA-like device: software submits descriptors to it. A dedicated WQ is configured with one PASID, which it puts on every DMA it issues.',
  },
  {
    term: 'DSA',
    short:
      'Intel Data Streaming Accelerator: a PCIe copy/fill engine with several WQs, the device of the 2021 seed. Its idxd mdev driver was never merged.',
  },
  {
    term: 'SIOV',
    aliases: ['Scalable IOV'],
    short:
      'Intel Scalable I/O Virtualization: share a device among VMs by giving each a light interface (an ADI, such as a WQ) told apart by PASID instead of by RID as SR-IOV does.',
  },
  {
    term: 'SR-IOV',
    short: 'Single Root I/O Virtualization: a device exposes virtual functions, each a PCI function with its own RID.',
  },
  {
    term: 'ADI',
    short: 'Assignable Device Interface: the SIOV unit of sharing (for DSA, a WQ), identified by a PASID.',
  },
  {
    term: 'ENQCMD',
    aliases: ['ENQCMDS'],
    short:
      'An x86 instruction that submits a descriptor to a shared WQ with the PASID inside the command, so a shared WQ can serve several address spaces.',
  },
  {
    term: 'VFIO',
    short:
      "The Linux framework that gives a device to user space (QEMU) safely, under the IOMMU. Before iommufd, a VFIO container held the VM's DMA mappings.",
  },
  {
    term: 'QEMU',
    short: "The user-space machine emulator that runs VMs with KVM; it sets up VFIO and the VM's DMA mappings.",
  },
  { term: 'KVM', short: "The Linux kernel's hypervisor." },
  {
    term: 'IOASID',
    aliases: ['IOASIDs', 'gpa_ioasid', '/dev/ioasid'],
    short:
      "In the 2021 /dev/ioasid proposal, one I/O address space (one page table) a VM's user space manages. gpa_ioasid is the VM's GPA space, shared by every device assigned to it.",
    more: "The proposal was not merged; iommufd (Linux 6.2) split its IOASID into an IOAS (the map) and a HWPT (the domain). PASID Atlas's `assign` builds a `<vm>.gpa` IOASID backed by one UNMANAGED domain.",
  },
  {
    term: 'iommufd',
    aliases: ['/dev/iommu'],
    short:
      'The Linux user-space interface for IOMMUs, merged in 6.2 (2022): objects IOAS, HWPT, DEVICE and ACCESS behind /dev/iommu. It replaced the VFIO container and the aux-domain idea.',
  },
  {
    term: 'IOAS',
    short:
      'An iommufd I/O address space: the list of IOVA → user memory mappings. It copies every mapping into each HWPT attached to it.',
  },
  {
    term: 'HWPT',
    aliases: ['HWPT_PAGING', 'HWPT_NESTED'],
    short:
      'An iommufd hardware page table: exactly one kernel iommu_domain. A paging HWPT is filled from an IOAS; a nested one sits on a parent HWPT.',
  },
  {
    term: 'ACCESS',
    short:
      'An iommufd object for devices without a real IOMMU path (emulated mdevs): the driver reads or pins pages by IOVA. It replaced aux domains for plain mdevs.',
  },
  {
    term: 'attach',
    aliases: ['attached', 'attaching'],
    short:
      "Point a device (its RID) or a (device, PASID) pair at a domain: the IOMMU driver writes the context and PASID entries so that DMA is translated by that domain's page tables.",
  },
  {
    term: 'fault',
    aliases: ['faults', 'DMA fault'],
    short:
      'A DMA the IOMMU refuses. The hardware records the RID, PASID, page address and a reason code, and Linux logs a DMAR line.',
  },
  {
    term: 'fault reason',
    aliases: ['reason code'],
    short:
      'The 8-bit code VT-d records with a fault. In scalable mode: 0x39 root not present, 0x41 context not present, 0x51 PASID directory entry not present, 0x59 PASID-table entry not present, 0x71 first-stage entry not present, 0x79 second-stage entry not present, 0x83 beyond the width, 0x85 write, 0x86 read… (legacy mode and QEMU: 0x1, 0x2, 0x4, 0x5, 0x6).',
  },
  {
    term: 'address width',
    aliases: ['AW', 'MGAW'],
    short:
      'How many address bits a domain translates: 39, 48 or 57 (3, 4 or 5 page-table levels). An address above it faults before any page-table read.',
  },
  {
    term: 'large page',
    aliases: ['large pages', '1 GiB page', '2 MiB page'],
    short: 'A page-table entry with PS = 1 at level 2 (2 MiB) or level 3 (1 GiB): the walk stops there.',
  },
  { term: 'devfn', short: 'The low byte of the RID: device << 3 | function. It indexes the context table.' },
  {
    term: 'ATS',
    short:
      'Address Translation Services: a PCIe device may cache translations in its own device TLB. Not modelled in PASID Atlas.',
  },
  {
    term: 'AUX',
    aliases: ['IOMMU_DEV_FEAT_AUX'],
    short:
      'The per-device IOMMU feature (IOMMU_DEV_FEAT_AUX) a driver enabled before it could attach aux domains to the device.',
  },
  {
    term: 'PS',
    short:
      'Page size: bit 7 of a page-table entry at level 2 or 3. When set, the entry maps a large page (2 MiB or 1 GiB) and the walk stops there.',
  },
  { term: 'ID', short: 'Identifier.' },
  { term: 'OS', short: 'Operating system.' },
  { term: 'API', short: 'Application programming interface.' },
  {
    term: 'RFC',
    short: 'Request for comments: a patch or design posted to a mailing list for discussion, not for merging as is.',
  },
  { term: 'LKML', short: 'The Linux kernel mailing list.' },
  { term: 'NIC', short: 'Network interface card.' },
  { term: 'RAM', short: "Memory. A VM's RAM is a range of host memory that its GPAs map to." },
  { term: 'TLP', short: 'Transaction Layer Packet: a PCIe request. A PASID travels in a TLP prefix.' },
  {
    term: 'SMMUv3',
    aliases: ['SMMU', 'Arm SMMU'],
    short:
      "Arm's System MMU, version 3: the IOMMU of Arm servers. It finds a device's translation through a stream table entry (STE) and, per PASID (SubstreamID), a context descriptor (CD), and reports faults as event records.",
  },
  {
    term: 'AMD-Vi',
    aliases: ['AMD IOMMU'],
    short:
      "AMD's IOMMU. It finds a device's translation through its device table entry (DTE) and, per PASID, a GCR3 table, and reports faults as event log entries (IO_PAGE_FAULT…).",
  },
  {
    term: 'STE',
    aliases: ['stream table entry', 'stream table'],
    short:
      'Arm SMMUv3 stream table entry: one per StreamID (the requester), saying whether its transactions bypass, abort or translate, and where its context descriptors are. The SMMU counterpart of a VT-d context entry.',
  },
  {
    term: 'CD',
    aliases: ['context descriptor', 'context descriptors'],
    short:
      'Arm SMMUv3 context descriptor: one per SubstreamID (PASID) of a stream, holding the stage-1 page-table pointer and ASID. The SMMU counterpart of a VT-d PASID-table entry.',
  },
  {
    term: 'DTE',
    aliases: ['device table entry', 'device table'],
    short:
      'AMD-Vi device table entry: one per requester ID, holding the DomainID, the page-table root (or the GCR3 table for PASIDs) and the permissions. The AMD counterpart of a VT-d context entry. (In a VT-d context entry, DTE is instead the Device-TLB Enable bit that lets an ATS device ask for translations.)',
  },
  { term: 'GiB', aliases: ['MiB', 'KiB'], short: 'Binary units: KiB = 1,024 bytes, MiB = 1,024 KiB, GiB = 1,024 MiB.' },
];

const index = new Map<string, GlossaryTerm>();
for (const t of GLOSSARY) for (const k of [t.term, ...(t.aliases ?? [])]) index.set(k.toLowerCase(), t);

/** The entry a term (or alias) names, case-insensitive. */
export function lookupTerm(term: string): GlossaryTerm | undefined {
  return index.get(term.trim().toLowerCase());
}

/** A stable id for anchors and aria references: `gloss-rid-pasid`. */
export function termSlug(t: GlossaryTerm): string {
  return (
    'gloss-' +
    t.term
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  );
}
