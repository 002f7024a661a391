/**
 * The requester-ID and tag bit strips of a walk, drawn from the IOMMU's descriptor (describe.ts
 * `requester.fields`, `tagFields`): which bits index which structure, in that IOMMU's words. Given the
 * structures a walk read, the tag strip has the levels that walk read (a three-level GCR3 table draws
 * three fields, a linear CD table one); without them, the usual layout.
 */
import { fieldsForWalk, splitBits, type IndexField } from '../iommu/describe.ts';
import { describeOf } from '../iommu/registry.ts';
import type { IommuKind } from '../iommu/types.ts';
import type { AddressField } from './fields.ts';

const NONE: ReadonlySet<string> = new Set();

const range = (hi: number, lo: number): string => (hi === lo ? `${hi}` : `${hi}:${lo}`);

function strip(
  value: number,
  layout: readonly IndexField[],
  read: ReadonlySet<string>,
  group: AddressField['group'],
  show: (v: number) => number | string,
): AddressField[] {
  const fields = fieldsForWalk(layout, read);
  return splitBits(value, fields).map((f, i) => {
    const detail = fields[i]?.detail;
    return {
      id: fields[i]?.structure ?? f.label,
      group,
      label: detail === undefined ? f.label : `${f.label} (${detail(f.value)})`,
      hi: f.hi,
      lo: f.lo,
      bits: range(f.hi, f.lo),
      value: show(f.value),
    };
  });
}

/** The requester ID as the IOMMU's first structures index it (field ids are walk structure names); values in hex. */
export function decomposeRequester(
  iommu: IommuKind,
  rid: number,
  read: ReadonlySet<string> = NONE,
): { title: string; fields: AddressField[] } {
  const words = describeOf(iommu).requester;
  return {
    title: `${words.name} 0x${rid.toString(16)}`,
    fields: strip(rid, words.fields, read, 'rid', (v) => '0x' + v.toString(16)),
  };
}

/** The PASID (SubstreamID on SMMUv3) split into the indices of the levels the walk read, top first. */
export function decomposePasid(
  iommu: IommuKind,
  pasid: number,
  read: ReadonlySet<string> = NONE,
): { title: string; fields: AddressField[] } {
  const words = describeOf(iommu);
  return { title: `${words.tag.name} ${pasid}`, fields: strip(pasid, words.tagFields, read, 'pasid', (v) => v) };
}

/** Display label of a page level in the address strip (Arm numbers its levels L0…L3 from the root). */
export function levelLabel(iommu: IommuKind, level: number): string {
  return describeOf(iommu).levelName(level);
}
