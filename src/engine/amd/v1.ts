/**
 * AMD-Vi with v1 (host) page tables, the Linux driver's default mode (amd/io_pgtable.c): the DTE
 * holds the domain's page-table root (Mode = levels) and the domain's DomainID; there are no PASIDs
 * (PASID attach needs v2 tables, amd_iommu=pgtbl_v2). A nested domain adds the guest's GCR3 table
 * (GV) over the host table (nested.c). The walk is translate.ts's, which reads whatever the DTE holds.
 */
import { fail } from '../errors.ts';
import type { MemoryDraft } from '../memory.ts';
import type { DeviceTables, PasidTableInfo, PasidTarget } from '../iommu/types.ts';
import { DTE_SIZE, DTE_TV, DTE_V, dteFieldsWords, dtePassThroughWords, dteV1Words } from './layout.ts';

function dteAddr(root: number, dev: DeviceTables): number {
  return root + ((dev.bus << 8) | dev.devfn) * DTE_SIZE;
}

/** V and TV with no translation and no access: every DMA is blocked (the driver's initial DTE). */
function blockedDte(): number[] {
  const w = new Array<number>(8).fill(0);
  w[0] = DTE_V | DTE_TV;
  return w;
}

export function allocNoPasidTable(): PasidTableInfo {
  return { pasidDir: 0, pasidTableSize: 0 };
}

export function programDteV1(mem: MemoryDraft, root: number, dev: DeviceTables): void {
  if ((mem.word(dteAddr(root, dev), 0) & DTE_V) === 0) mem.write(dteAddr(root, dev), blockedDte());
}

export function setDteV1(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number, target: PasidTarget): void {
  if (pasid !== 0) fail('EOPNOTSUPP', `AMD-Vi v1 page tables have no PASIDs (platform.pageTable "v2" models them)`);
  if (target.kind === 'pass-through') mem.write(dteAddr(root, dev), dtePassThroughWords(0, dev.ats === true));
  else if (target.kind === 'second-stage')
    mem.write(
      dteAddr(root, dev),
      dteV1Words(target.pgd, target.levels ?? (target.width === 39 ? 3 : 4), target.did, dev.ats === true),
    );
  else if (target.kind === 'nested')
    // set_dte_nested: the parent's v1 table and the nested domain's DomainID, GV and the guest's GCR3 (a GPA).
    mem.write(
      dteAddr(root, dev),
      dteFieldsWords({
        host: { root: target.pgd, levels: target.levels ?? 3 },
        guest: { gcr3: target.context ?? 0, glx: 0, giov: true },
        domainId: target.did,
        access: true,
        ats: dev.ats === true,
      }),
    );
  else fail('EOPNOTSUPP', `AMD-Vi v1: ${target.kind} translation is not modelled`);
}

export function clearDteV1(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number): void {
  if (pasid === 0 && (mem.word(dteAddr(root, dev), 0) & DTE_V) !== 0) mem.write(dteAddr(root, dev), blockedDte());
}
