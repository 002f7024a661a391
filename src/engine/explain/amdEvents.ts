/**
 * AMD-Vi event log entries, one table for the log formatter and the explainer. Event names and the
 * printed fields are drivers/iommu/amd/iommu.c `iommu_print_event` / `amd_iommu_report_page_fault`;
 * type codes are amd_iommu_types.h `EVENT_TYPE_*`; flag bits are the AMD I/O Virtualization
 * Technology (IOMMU) specification's IO_PAGE_FAULT event (§2.5.3, flags = event[1] bits 27:16).
 */
import type { CodeInfo } from './types.ts';

export const AMD_EVENT_TYPE: Readonly<Record<number, string>> = {
  0x1: 'ILLEGAL_DEV_TABLE_ENTRY',
  0x2: 'IO_PAGE_FAULT',
  0x3: 'DEV_TAB_HARDWARE_ERROR',
  0x4: 'PAGE_TAB_HARDWARE_ERROR',
  0x5: 'ILLEGAL_COMMAND_ERROR',
  0x6: 'COMMAND_HARDWARE_ERROR',
  0x7: 'IOTLB_INV_TIMEOUT',
  0x8: 'INVALID_DEVICE_REQUEST',
  0x9: 'INVALID_PPR_REQUEST',
  0xc: 'RMP_HW_ERROR',
  0xd: 'RMP_PAGE_FAULT',
};

/** IO_PAGE_FAULT flag bits (the kernel prints them raw as flags=0x%04x). */
export const AMD_FLAG = {
  GN: 0x1,
  NX: 0x2,
  US: 0x4,
  I: 0x8,
  PR: 0x10,
  RW: 0x20,
  PE: 0x40,
  RZ: 0x80,
  TR: 0x100,
} as const;

const FLAG_WORDS: Readonly<Record<keyof typeof AMD_FLAG, string>> = {
  GN: 'GN: guest (PASID-tagged) request, the domain field holds the PASID',
  NX: 'NX: execute request',
  US: 'US: user-mode request',
  I: 'I: interrupt request, not a memory access',
  PR: 'PR: the page was present (a permission fault)',
  RW: 'RW: write',
  PE: 'PE: permission violation',
  RZ: 'RZ: reserved bit set in an entry',
  TR: 'TR: ATS translation request',
};

/** The names of the set flags, each with its meaning. */
export function amdFlagWords(flags: number): string[] {
  return (Object.keys(AMD_FLAG) as (keyof typeof AMD_FLAG)[])
    .filter((k) => (flags & AMD_FLAG[k]) !== 0)
    .map((k) => FLAG_WORDS[k]);
}

const MEANING: Readonly<Record<string, Omit<CodeInfo, 'text'>>> = {
  IO_PAGE_FAULT: { structure: 'page-table', fault: 'not-mapped', meaning: '' },
  ILLEGAL_DEV_TABLE_ENTRY: {
    structure: 'dte',
    fault: 'no-context',
    meaning:
      'the device table entry of the requester is not usable for this request (not valid for translation, or reserved/unsupported bits set): the device is not set up in the IOMMU, or the DTE was written with features the IOMMU has not enabled (seen after resume)',
  },
  DEV_TAB_HARDWARE_ERROR: {
    structure: 'dte',
    fault: null,
    meaning: 'the IOMMU could not read the device table entry (memory or bus error)',
  },
  PAGE_TAB_HARDWARE_ERROR: {
    structure: 'page-table',
    fault: null,
    meaning:
      'the IOMMU could not read a page-table entry (memory or bus error): tables freed while in use, or a hardware problem',
  },
  ILLEGAL_COMMAND_ERROR: {
    structure: null,
    fault: null,
    meaning: 'the driver queued a command the IOMMU does not accept',
  },
  COMMAND_HARDWARE_ERROR: { structure: null, fault: null, meaning: 'the IOMMU could not read its command buffer' },
  IOTLB_INV_TIMEOUT: {
    structure: null,
    fault: null,
    meaning: 'a device (ATS) did not answer an IOTLB invalidation in time: a hung or removed device',
  },
  INVALID_DEVICE_REQUEST: {
    structure: 'dte',
    fault: null,
    meaning:
      'the device sent a request its DTE does not allow (an ATS translation request with ATS off, a PASID-tagged request with PASIDs off, or a request from a device without a valid DTE)',
  },
  INVALID_PPR_REQUEST: { structure: null, fault: null, meaning: 'a page request (PRI) the IOMMU could not accept' },
  RMP_PAGE_FAULT: {
    structure: null,
    fault: null,
    meaning: 'SEV-SNP: the access was refused by the reverse map table (RMP) check, not by the IOMMU page tables',
  },
  RMP_HW_ERROR: { structure: null, fault: null, meaning: 'SEV-SNP: the IOMMU could not read the reverse map table' },
};

/** Structure, fault and meaning of an AMD-Vi event; IO_PAGE_FAULT is decided by its flags. */
export function amdEvent(name: string, flags: number | null): CodeInfo {
  if (name !== 'IO_PAGE_FAULT') {
    const m = MEANING[name];
    return m
      ? { text: name, ...m }
      : { text: name, structure: null, fault: null, meaning: 'an AMD-Vi event this explainer does not know' };
  }
  const f = flags ?? 0;
  if (f & AMD_FLAG.I)
    return {
      text: name,
      structure: null,
      fault: null,
      meaning:
        "an interrupt request (I flag) the IOMMU refused: the device's MSI did not match its interrupt remapping table, not a DMA fault",
    };
  if (f & AMD_FLAG.RZ)
    return {
      text: name,
      structure: 'page-table',
      fault: null,
      meaning: 'a page-table entry along the walk has reserved bits set (RZ flag): corrupted or wrongly built tables',
    };
  const write = (f & AMD_FLAG.RW) !== 0;
  if (f & AMD_FLAG.PR) {
    return {
      text: name,
      structure: 'page-table',
      fault: write ? 'write-denied' : 'read-denied',
      meaning: write
        ? 'the page is mapped but not writable (PR and RW set): the device writes to a buffer mapped read-only (DMA_TO_DEVICE), or to memory it only had read access to'
        : 'the page is mapped but not readable (PR set, RW clear): the device reads a buffer mapped write-only (DMA_FROM_DEVICE)',
    };
  }
  return {
    text: name,
    structure: 'page-table',
    fault: 'not-mapped',
    meaning: `no translation for the address (PR clear): the ${write ? 'write' : 'read'} went to an IOVA the driver never mapped or already unmapped (DMA after unmap, a stale descriptor, a bad address such as 0x0), or the device is attached to a domain without that mapping`,
  };
}
