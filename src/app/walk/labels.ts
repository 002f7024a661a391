/** Display text for the walk view: structure names, fault explanations, entry grouping. */
import { DESCRIBE, formatSize, type IommuDescribe, type IommuKind } from '../../engine/index.ts';

/** The platform's words (iommu/describe.ts). Null when no platform is given. */
function wordsOf(iommu?: IommuKind): IommuDescribe | null {
  return iommu === undefined ? null : DESCRIBE[iommu];
}

/** Display name of a walk structure in its IOMMU's words (SMMUv3 page levels also give Arm's level: pl4 = L0). */
export function structureLabel(structure: string, iommu?: IommuKind): string {
  const words = wordsOf(iommu);
  const own = words?.structures[structure]?.label;
  if (own !== undefined) return own;
  // Without a platform, a structure name is still unique to one IOMMU (ste, dte, context…).
  const any = Object.values(DESCRIBE)
    .map((d) => d.structures[structure]?.label)
    .find((l) => l !== undefined);
  return any ?? (words ?? DESCRIBE.vtd).pageLevel(structure);
}

/** One sentence per MODEL.md fault name, in the IOMMU's words. */
export function faultExplanation(fault: string, iommu: IommuKind): string {
  const faults: Readonly<Record<string, string>> = DESCRIBE[iommu].faults;
  return faults[fault] ?? 'The IOMMU refused this request.';
}

/** An entry's qwords (`words` 32-bit words: WalkStep.words), highest first, each as four groups of four hex digits. */
export function entryQwords(words: number, entry: bigint): { index: number; text: string }[] {
  const count = Math.max(1, Math.ceil(words / 2));
  const digits = entry.toString(16).padStart(count * 16, '0');
  const out: { index: number; text: string }[] = [];
  for (let q = count - 1; q >= 0; q--) {
    const start = digits.length - (q + 1) * 16;
    const s = digits.slice(start, start + 16);
    out.push({ index: q, text: s.match(/.{4}/g)?.join('_') ?? s });
  }
  return out;
}

export function pageSizeLabel(bytes: number): string {
  return formatSize(bytes);
}
