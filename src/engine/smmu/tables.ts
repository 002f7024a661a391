/** Programming the SMMUv3 stream table and CD tables in simulated memory (see layout.ts). */
import { fail } from '../errors.ts';
import type { MemoryDraft } from '../memory.ts';
import { entryAddr } from '../iommu/entry.ts';
import type { DeviceTables, PasidTableInfo, PasidTarget } from '../iommu/types.ts';
import {
  CD_L1_DESC_SIZE,
  CD_SIZE,
  CTXDESC_SPLIT,
  STE_CFG,
  STE_CFG_SHIFT,
  STE_S1DSS_BYPASS,
  STE_S1DSS_MASK,
  STE_S1DSS_SSID0,
  STE_S1DSS_TERMINATE,
  CD_V,
  STE_EATS_TRANS,
  STE_S1FMT,
  STE_SIZE,
  ARM_S1_VA_BITS,
  STE_V,
  STRTAB_L1_DESC_SIZE,
  STRTAB_SPLIT,
  cdL1Words,
  cdWords,
  steAbortWords,
  steBypassWords,
  steNestedWords,
  steS2Words,
  steS1Words,
  strtabL1Words,
} from './layout.ts';

/** The L1 stream table: 256 descriptors for StreamID[15:8] (bus). */
export function allocStreamTable(mem: MemoryDraft): number {
  return mem.allocFrame('the stream table');
}

/**
 * A device's CD table (arm_smmu_alloc_cd_tables): linear when it has at most 1,024 contexts
 * (max_contexts <= CTXDESC_L2_ENTRIES: one CD without PASID, 2^ssid_bits with), two-level with
 * 1,024-CD leaves above. Returns its address and S1CDMax (log2 of the SSIDs it covers).
 */
export function allocCdTable(mem: MemoryDraft, pasidCap: boolean, pasidBits: number, what: string): PasidTableInfo {
  if (!pasidCap) return { pasidDir: mem.allocFrame(`the CD table of ${what}`), pasidTableSize: 0 };
  if (pasidBits <= CTXDESC_SPLIT) {
    return {
      pasidDir: mem.allocContiguous(Math.max(1, (2 ** pasidBits * CD_SIZE) / 4096), `the linear CD table of ${what}`),
      pasidTableSize: pasidBits,
    };
  }
  const l1Entries = 2 ** Math.max(0, pasidBits - CTXDESC_SPLIT);
  const pages = Math.max(1, (l1Entries * CD_L1_DESC_SIZE) / 4096);
  return { pasidDir: mem.allocContiguous(pages, `the L1 CD table of ${what}`), pasidTableSize: pasidBits };
}

function steAddr(mem: MemoryDraft, root: number, dev: DeviceTables, alloc: boolean): number | null {
  const l1 = root + dev.bus * STRTAB_L1_DESC_SIZE;
  const lo = mem.word(l1, 0);
  let l2: number;
  if ((lo & 0x1f) !== 0) {
    l2 = (mem.word(l1, 1) & 0xfffff) * 2 ** 32 + ((lo & 0xffffffc0) >>> 0);
  } else {
    if (!alloc) return null;
    l2 = mem.allocContiguous(
      ((1 << STRTAB_SPLIT) * STE_SIZE) / 4096,
      `the L2 stream table of bus ${dev.bus.toString(16)}`,
    );
    mem.write(l1, strtabL1Words(l2));
  }
  return l2 + dev.devfn * STE_SIZE;
}

function steConfig(mem: MemoryDraft, addr: number): number | null {
  const lo = mem.word(addr, 0);
  return (lo & STE_V) === 0 ? null : (lo >>> STE_CFG_SHIFT) & 0b111;
}

/** Whether the device's CD table is linear (at most 1,024 contexts) or two-level. */
function linearCds(dev: DeviceTables): boolean {
  return !dev.pasidCap || dev.pasidTableSize <= CTXDESC_SPLIT;
}

/** Write an STE, with EATS set for a device with ATS (arm_smmu_make_cdtable_ste / _s2_domain_ste when ats_enabled). */
function writeSte(mem: MemoryDraft, addr: number, dev: DeviceTables, w: number[]): void {
  if (dev.ats && (w[0]! >>> STE_CFG_SHIFT) & 0b100) w[2] = (w[2]! | STE_EATS_TRANS) >>> 0;
  mem.write(addr, w);
}

function writeS1Ste(mem: MemoryDraft, addr: number, dev: DeviceTables, s1dss: number = STE_S1DSS_SSID0): void {
  writeSte(
    mem,
    addr,
    dev,
    steS1Words(dev.pasidDir, linearCds(dev) ? STE_S1FMT.LINEAR : STE_S1FMT.L2_64K, dev.pasidTableSize, s1dss),
  );
}

/** Whether any CD other than CD 0 is valid (a PASID still attached). */
function otherCdValid(mem: MemoryDraft, dev: DeviceTables): boolean {
  if (!dev.pasidCap) return false;
  if (linearCds(dev)) {
    for (let ssid = 1; ssid < 2 ** dev.pasidTableSize; ssid++)
      if ((mem.word(dev.pasidDir + ssid * CD_SIZE, 0) & CD_V) !== 0) return true;
    return false;
  }
  for (let i = 0; i < 2 ** (dev.pasidTableSize - CTXDESC_SPLIT); i++) {
    const l1 = dev.pasidDir + i * CD_L1_DESC_SIZE;
    if ((mem.word(l1, 0) & 1) === 0) continue;
    const l2 = entryAddr(mem.word(l1, 0), mem.word(l1, 1));
    for (let j = i === 0 ? 1 : 0; j < 1 << CTXDESC_SPLIT; j++)
      if ((mem.word(l2 + j * CD_SIZE, 0) & CD_V) !== 0) return true;
  }
  return false;
}

function untaggedBypass(mem: MemoryDraft, ste: number): boolean {
  const cfg = steConfig(mem, ste);
  return (
    cfg === STE_CFG.BYPASS || (cfg === STE_CFG.S1_TRANS && (mem.word(ste, 2) & STE_S1DSS_MASK) === STE_S1DSS_BYPASS)
  );
}

/** Make the device's STE valid (stage 1 through its CD table), unless it already is. */
export function programSte(mem: MemoryDraft, root: number, dev: DeviceTables): void {
  const addr = steAddr(mem, root, dev, true)!;
  if (steConfig(mem, addr) === null) writeS1Ste(mem, addr, dev);
}

export function clearSte(mem: MemoryDraft, root: number, dev: DeviceTables): void {
  const addr = steAddr(mem, root, dev, false);
  if (addr !== null) mem.clear(addr, STE_SIZE / 4);
}

function cdAddr(mem: MemoryDraft, dev: DeviceTables, ssid: number, alloc: boolean): number | null {
  if (!dev.pasidCap) return ssid === 0 ? dev.pasidDir : null;
  if (linearCds(dev)) return ssid < 2 ** dev.pasidTableSize ? dev.pasidDir + ssid * CD_SIZE : null;
  const l1 = dev.pasidDir + (ssid >>> CTXDESC_SPLIT) * CD_L1_DESC_SIZE;
  const lo = mem.word(l1, 0);
  let l2: number;
  if (lo & 1) {
    l2 = entryAddr(lo, mem.word(l1, 1));
  } else {
    if (!alloc) return null;
    l2 = mem.allocContiguous(
      ((1 << CTXDESC_SPLIT) * CD_SIZE) / 4096,
      `an L2 CD table (SSIDs from ${ssid & ~((1 << CTXDESC_SPLIT) - 1)})`,
    );
    mem.write(l1, cdL1Words(l2));
  }
  return l2 + (ssid & ((1 << CTXDESC_SPLIT) - 1)) * CD_SIZE;
}

/**
 * Point SubstreamID `ssid` at a domain: a CD holding its stage-1 table and ASID. For SSID 0 an
 * identity domain makes the whole STE bypass (arm_smmu_attach_dev_identity).
 */
export function setCd(mem: MemoryDraft, root: number, dev: DeviceTables, ssid: number, target: PasidTarget): void {
  const ste = steAddr(mem, root, dev, true)!;
  if (target.kind === 'pass-through') {
    // A PASID-capable device keeps its CD table and lets untagged traffic bypass (S1DSS); others bypass whole.
    if (ssid === 0) {
      if (dev.pasidCap) writeS1Ste(mem, ste, dev, STE_S1DSS_BYPASS);
      else mem.write(ste, steBypassWords());
    }
    return;
  }
  const cfg = steConfig(mem, ste);
  // A stage-2 or nested domain replaces the CD table in the STE: not while SubstreamIDs use it
  // (arm_smmu_attach_dev and arm_smmu_attach_dev_nested: arm_smmu_ssids_in_use → -EBUSY).
  if (
    ssid === 0 &&
    (target.kind === 'nested' || (target.kind === 'second-stage' && target.stage2)) &&
    otherCdValid(mem, dev)
  )
    fail(
      'EBUSY',
      `SubstreamIDs of this stream still use its CD table: a ${target.kind === 'nested' ? 'nested' : 'stage-2'} domain cannot take the STE until they are detached`,
    );
  if (target.kind === 'nested') {
    // A nested domain owns the whole stream (arm_smmu_attach_dev_nested); it has no set_dev_pasid.
    if (ssid !== 0)
      fail('EOPNOTSUPP', `a nested domain cannot be attached to SubstreamID ${ssid} on SMMUv3: only to a stream's STE`);
    if (target.context === undefined || target.s2Tag === undefined)
      throw new Error('SMMUv3: a nested target needs the guest CD table and the VMID');
    writeSte(
      mem,
      ste,
      dev,
      steNestedWords(target.context, target.contextBits ?? 0, target.pgd, target.s2Tag, target.width),
    );
    return;
  }
  if (target.kind === 'second-stage' && target.stage2) {
    // A stage-2 domain translates the whole stream: no CD table, no SubstreamIDs.
    if (ssid !== 0)
      fail('EOPNOTSUPP', `a stage-2 (NEST_PARENT) domain cannot be attached to SubstreamID ${ssid} on SMMUv3`);
    writeSte(mem, ste, dev, steS2Words(target.pgd, target.did, target.width));
    return;
  }
  // A SubstreamID needs the CD table in the STE: not while the RID's domain is stage 2 or nested
  // (arm_smmu_set_pasid: -EINVAL unless cd_table.in_ste or the RID is identity/blocked).
  if (ssid !== 0 && (cfg === STE_CFG.S2_TRANS || cfg === STE_CFG.NESTED))
    fail(
      'EINVAL',
      `the stream's STE holds a ${cfg === STE_CFG.NESTED ? 'nested' : 'stage-2'} domain, not a CD table: SubstreamID ${ssid} cannot be attached`,
    );
  if (cfg === STE_CFG.ABORT && ssid !== 0) {
    // A PASID on a blocked RID: the CD table comes back with untagged traffic terminated
    // (arm_smmu_set_pasid: arm_smmu_make_cdtable_ste with S1DSS_TERMINATE).
    writeS1Ste(mem, ste, dev, STE_S1DSS_TERMINATE);
  } else if (cfg !== STE_CFG.S1_TRANS || (ssid === 0 && (untaggedBypass(mem, ste) || untaggedTerminated(mem, ste)))) {
    writeS1Ste(mem, ste, dev);
  }
  const cd = cdAddr(mem, dev, ssid, true);
  if (cd === null) return;
  // SVA (arm_smmu_make_sva_cd): the CD's TTB0 is the process's own stage-1 table, its ASID the SVA domain's.
  if (target.kind === 'first-stage') mem.write(cd, cdWords(target.root, target.did, ARM_S1_VA_BITS));
  else mem.write(cd, cdWords(target.pgd, target.did, target.width));
}

/**
 * Clear a CD. Clearing SSID 0 blocks the RID: an abort STE (arm_smmu_make_abort_ste: V, Config =
 * abort; the SMMU records no event) unless PASIDs still use the CD table, which then stays with
 * untagged traffic terminated (S1DSS_TERMINATE). A PASID cleared from a blocked RID's table whose
 * last PASID it was leaves the abort STE.
 */
export function clearCd(mem: MemoryDraft, root: number, dev: DeviceTables, ssid: number): void {
  const ste = steAddr(mem, root, dev, false);
  const cd = cdAddr(mem, dev, ssid, false);
  if (cd !== null) mem.clear(cd, CD_SIZE / 4);
  if (ste === null || steConfig(mem, ste) === null) return;
  const blocking = ssid === 0 || untaggedTerminated(mem, ste);
  if (!blocking) return;
  if (otherCdValid(mem, dev)) writeS1Ste(mem, ste, dev, STE_S1DSS_TERMINATE);
  else mem.write(ste, steAbortWords());
}

function untaggedTerminated(mem: MemoryDraft, ste: number): boolean {
  return steConfig(mem, ste) === STE_CFG.S1_TRANS && (mem.word(ste, 2) & STE_S1DSS_MASK) === STE_S1DSS_TERMINATE;
}

/** Where the device's STE is, if its L2 stream table exists (read-only: allocates nothing). */
export function steAddrOf(mem: MemoryDraft, root: number, dev: DeviceTables): number | null {
  return steAddr(mem, root, dev, false);
}

/** Where the CD of SubstreamID `ssid` is, if its L2 CD table exists (read-only). */
export function cdAddrOf(mem: MemoryDraft, dev: DeviceTables, ssid: number): number | null {
  return cdAddr(mem, dev, ssid, false);
}
