/**
 * The commands a guest passes through its vSMMU with `hwptInvalidate` (IOMMU_HWPT_INVALIDATE with
 * IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3: each entry a raw 128-bit SMMUv3 command). Here each is a
 * small object named by its command; fields a command does not have are refused as the file's
 * form. Which commands the host accepts is the op's business (smmu/vsmmu.ts): the others are named
 * here so that a guest sending one gets Linux's errno, not an invalid file.
 */
import * as z from 'zod/mini';
import { FIELD_MESSAGES, hexAddr, size } from './fields.ts';

const id = z.string({ error: FIELD_MESSAGES.id }).check(z.minLength(1, FIELD_MESSAGES.id));
const ASID_MSG = 'expected an ASID, a whole number from 0 to 65535';
const asid = z.number({ error: ASID_MSG }).check(z.int(ASID_MSG), z.gte(0, ASID_MSG), z.lte(0xffff, ASID_MSG));
const PASID_MSG = 'expected a PASID, a whole number from 0 to 1048575';
const pasid = z.number({ error: PASID_MSG }).check(z.int(PASID_MSG), z.gte(0, PASID_MSG), z.lte(0xfffff, PASID_MSG));

/** SMMUv3 commands a guest may not pass through (arm_vsmmu_convert_user_cmd: -EIO). */
export const VSMMU_REFUSED = [
  'CMD_PREFETCH_CFG',
  'CMD_CFGI_STE',
  'CMD_CFGI_ALL',
  'CMD_TLBI_EL2_ALL',
  'CMD_TLBI_EL2_ASID',
  'CMD_TLBI_EL2_VA',
  'CMD_TLBI_S12_VMALL',
  'CMD_TLBI_S2_IPA',
  'CMD_SYNC',
] as const;

const CMD_MSG =
  'expected an SMMUv3 command: { "cmd": "CMD_TLBI_NH_VA" | "CMD_TLBI_NH_VAA" | "CMD_TLBI_NH_ASID" | "CMD_TLBI_NH_ALL" | "CMD_TLBI_NSNH_ALL" | "CMD_ATC_INV" | "CMD_CFGI_CD" | "CMD_CFGI_CD_ALL", … } with that command’s fields';

export const vsmmuCommand = z.discriminatedUnion(
  'cmd',
  [
    z.strictObject({ cmd: z.literal('CMD_TLBI_NH_VA'), asid, iova: hexAddr, size }),
    z.strictObject({ cmd: z.literal('CMD_TLBI_NH_VAA'), iova: hexAddr, size }),
    z.strictObject({ cmd: z.literal('CMD_TLBI_NH_ASID'), asid }),
    z.strictObject({ cmd: z.enum(['CMD_TLBI_NH_ALL', 'CMD_TLBI_NSNH_ALL']) }),
    z.strictObject({
      cmd: z.literal('CMD_ATC_INV'),
      device: id,
      pasid: z.optional(pasid),
      iova: z.optional(hexAddr),
      size: z.optional(size),
    }),
    z.strictObject({ cmd: z.literal('CMD_CFGI_CD'), device: id, pasid }),
    z.strictObject({ cmd: z.literal('CMD_CFGI_CD_ALL'), device: id }),
    z.strictObject({
      cmd: z.enum(VSMMU_REFUSED),
      device: z.optional(id),
      asid: z.optional(asid),
      pasid: z.optional(pasid),
      iova: z.optional(hexAddr),
      size: z.optional(size),
    }),
  ],
  { error: CMD_MSG },
);

export type VsmmuCommand = z.infer<typeof vsmmuCommand>;

export const vsmmuCommands = z
  .array(vsmmuCommand, { error: 'expected an array of SMMUv3 commands' })
  .check(z.minLength(1, 'expected at least one command'), z.maxLength(64, 'at most 64 commands (one CMDQ batch)'));
