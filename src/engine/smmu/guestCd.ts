/**
 * The guest's own CD table for a nested STE, as its SMMUv3 driver builds it in guest RAM
 * (arm_smmu_alloc_cd_tables / arm_smmu_write_cd_entry run by the guest; the VMM hands the vSTE's
 * S1ContextPtr, S1Fmt and S1CDMax to the host in IOMMU_HWPT_DATA_ARM_SMMUV3). Every address in it
 * is an IPA: the SMMU translates each through stage 2 before reading it.
 */
import type { GuestContextTable } from '../iommu/types.ts';
import type { TableSpace } from '../iommu/x86.ts';
import { ARM_S1_VA_BITS, CD_L1_DESC_SIZE, CD_SIZE, CTXDESC_SPLIT, cdL1Words, cdWords } from './layout.ts';

const PAGE = 4096;

/**
 * `pages` contiguous guest pages: the guest's allocator hands out pages top-down, so the last one
 * is the base. A gap would be a bug in the allocator the model uses, not a guest's choice.
 */
function contiguous(space: TableSpace, pages: number): number {
  let base = space.allocTable();
  for (let i = 1; i < pages; i++) {
    const next = space.allocTable();
    if (next !== base - PAGE) throw new Error('SMMUv3: guest pages for a CD table are not contiguous');
    base = next;
  }
  return base;
}

/**
 * Build the guest's CD table and return its IPA (the vSTE's S1ContextPtr). Without `more`: one
 * linear CD (S1CDMax = 0), CD 0 → the guest's stage-1 table tagged `asid`. With `more`: 2^bits CDs,
 * linear up to 1,024 (S1Fmt 0), else an L1 table of 64 KiB-leaf descriptors (S1Fmt 2) whose leaves
 * are allocated for the CDs written, and a CD per listed SubstreamID beside CD 0.
 */
export function guestCdTable(space: TableSpace, s1Root: number, asid: number, more?: GuestContextTable): number {
  const bits = more?.bits ?? 0;
  const cds = [{ pasid: 0, root: s1Root, tag: asid }, ...(more?.pasids ?? [])];
  if (bits <= CTXDESC_SPLIT) {
    const table = contiguous(space, Math.max(1, (2 ** bits * CD_SIZE) / PAGE));
    for (const cd of cds) space.write(table + cd.pasid * CD_SIZE, cdWords(cd.root, cd.tag, ARM_S1_VA_BITS));
    return table;
  }
  const l1 = contiguous(space, Math.max(1, (2 ** (bits - CTXDESC_SPLIT) * CD_L1_DESC_SIZE) / PAGE));
  const leaves = new Map<number, number>();
  for (const cd of cds) {
    const i = cd.pasid >>> CTXDESC_SPLIT;
    let leaf = leaves.get(i);
    if (leaf === undefined) {
      leaf = contiguous(space, ((1 << CTXDESC_SPLIT) * CD_SIZE) / PAGE);
      leaves.set(i, leaf);
      space.write(l1 + i * CD_L1_DESC_SIZE, cdL1Words(leaf));
    }
    const j = cd.pasid & ((1 << CTXDESC_SPLIT) - 1);
    space.write(leaf + j * CD_SIZE, cdWords(cd.root, cd.tag, ARM_S1_VA_BITS));
  }
  return l1;
}
