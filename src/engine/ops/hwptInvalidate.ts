/**
 * `hwptInvalidate`: IOMMU_HWPT_INVALIDATE on a nested HWPT, the guest's own cache invalidations
 * (iommufd_hwpt_invalidate; on SMMUv3 the vIOMMU's arm_vsmmu_cache_invalidate, which the nested
 * HWPT stands for here: the model has no separate vIOMMU object). Errnos as Linux gives them: a
 * paging HWPT or an IOAS has no user invalidation (EINVAL), an IOMMU whose nested HWPT takes
 * another format is EOPNOTSUPP, and a command the vSMMU does not pass through, or one naming a
 * device that has no vDEVICE in this vIOMMU, is EIO (arm_vsmmu_convert_user_cmd). Every command is
 * checked before any is issued (Linux converts a batch of up to 64 before issuing it), so a
 * refused call changes nothing.
 */
import type { Draft } from '../draft.ts';
import { fail } from '../errors.ts';
import type { Domain } from '../model.ts';
import type { CommandOf } from '../scenario/schema.ts';
import type { VsmmuCommand } from '../scenario/vsmmuCommands.ts';
import { vsmmuInvalidate, type VsmmuOp } from '../smmu/vsmmu.ts';
import { pageAddress, pageCount } from './args.ts';

/** The device a command names, with a vDEVICE in this vIOMMU: attached to a nested HWPT over `parent`. */
function vdevice(d: Draft, parent: Domain, name: string, where: string): number {
  const dev = d.device(name);
  const rid = dev.primary === null ? undefined : d.domains.get(dev.primary);
  if (rid?.type !== 'NESTED' || rid.hwpt?.parent !== parent.id)
    fail(
      'EIO',
      `${where}: ${dev.id} has no vDEVICE in this vSMMU (it is not attached to a nested HWPT over ${parent.id})`,
    );
  return dev.rid;
}

function range(where: string, iova: string, size: number | string): { iovaPfn: number; pages: number } {
  return { iovaPfn: pageAddress(`${where}.iova`, iova, 64), pages: pageCount(`${where}.size`, size) };
}

function resolve(d: Draft, parent: Domain, c: VsmmuCommand, where: string): VsmmuOp {
  switch (c.cmd) {
    case 'CMD_TLBI_NH_VA':
      return { kind: 'tlbi-va', asid: c.asid, range: range(where, c.iova, c.size) };
    case 'CMD_TLBI_NH_VAA':
      return { kind: 'tlbi-vaa', range: range(where, c.iova, c.size) };
    case 'CMD_TLBI_NH_ASID':
      return { kind: 'tlbi-asid', asid: c.asid };
    case 'CMD_TLBI_NH_ALL':
    case 'CMD_TLBI_NSNH_ALL':
      return { kind: 'tlbi-all' };
    case 'CMD_ATC_INV': {
      const sid = vdevice(d, parent, c.device, where);
      if ((c.iova === undefined) !== (c.size === undefined))
        fail('EINVAL', `${where}: CMD_ATC_INV takes iova and size together, or neither (the whole ATC)`);
      const r = c.iova === undefined || c.size === undefined ? {} : { range: range(where, c.iova, c.size) };
      return { kind: 'atc', sid, ssid: c.pasid ?? 0, ...r };
    }
    case 'CMD_CFGI_CD':
      return { kind: 'cfgi-cd', sid: vdevice(d, parent, c.device, where), ssid: c.pasid };
    case 'CMD_CFGI_CD_ALL':
      return { kind: 'cfgi-cd-all', sid: vdevice(d, parent, c.device, where) };
    default:
      return fail(
        'EIO',
        `${where}: ${c.cmd} is not a command a guest may pass through its vSMMU (only TLBI_NH_*, TLBI_NSNH_ALL, ATC_INV, CFGI_CD and CFGI_CD_ALL)`,
      );
  }
}

export function hwptInvalidate(d: Draft, c: CommandOf<'hwptInvalidate'>) {
  if (d.ioas.has(c.hwpt)) fail('EINVAL', `${c.hwpt} is an IOAS: IOMMU_HWPT_INVALIDATE takes a nested HWPT`);
  const dom = d.domains.get(c.hwpt);
  if (dom?.hwpt == null) fail('ENOENT', `no HWPT named "${c.hwpt}"`);
  if (dom.type !== 'NESTED')
    fail('EINVAL', `${dom.id} is a paging HWPT: only a nested HWPT takes the guest's invalidations`);
  if (d.hw.kind !== 'smmuv3')
    fail(
      'EOPNOTSUPP',
      `hwptInvalidate passes SMMUv3 commands; a nested HWPT on ${d.platform.iommu} takes another format`,
    );
  const parent = d.domain(dom.hwpt.parent ?? '');
  if (parent.did === null) throw new Error(`NEST_PARENT ${parent.id} has no VMID`);
  const ops = c.commands.map((cmd, i) => resolve(d, parent, cmd, `commands[${i}]`));
  // The guest's ASIDs under this VMID: the CDs of every nested HWPT over the same parent.
  const asids = new Set<number>();
  for (const x of d.domains.values()) {
    if (x.type !== 'NESTED' || x.hwpt?.parent !== parent.id) continue;
    if (x.did !== null) asids.add(x.did);
    for (const p of x.stage1?.pasids ?? []) asids.add(p.tag);
  }
  vsmmuInvalidate(d, parent.did, asids, ops);
  return { entryNum: ops.length };
}
