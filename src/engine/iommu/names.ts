/** Walk structure names shared by every IOMMU: page-table levels (`pl4`, `s1-pl2`, `s2-pl1`, MODEL.md). */
import type { StructureText } from './describe.ts';
import { Structure } from './walk.ts';

export function pageLevelName(code: number): string {
  if (code >= Structure.S2_PL0) return `s2-pl${code - Structure.S2_PL0}`;
  if (code >= Structure.S1_PL0) return `s1-pl${code - Structure.S1_PL0}`;
  return `pl${code - Structure.PL0}`;
}

/**
 * A backend's structureName / entryWords: `names` gives the walk name of structure codes
 * ROOT..PASID_TABLE ('' where the IOMMU has none), `structures` (its describe record) their sizes.
 */
export function structureNaming(
  names: readonly [string, string, string, string],
  structures: Readonly<Record<string, StructureText>>,
): { structureName(code: number): string; entryWords(code: number): number } {
  const words = names.map((n) => structures[n]?.words ?? 2);
  return {
    structureName: (code) => (code < Structure.PL0 && names[code] ? names[code] : pageLevelName(code)),
    entryWords: (code) => (code < Structure.PL0 ? (words[code] ?? 2) : 2),
  };
}
