/**
 * The tours as the landing page lists them (id, title, summary, length), read from the tour files
 * without validating them: the schema (zod) and the engine's step parser run only when a tour opens
 * (index.ts), so the landing page loads neither (issue 11: landing ≤ 100 KiB gzip). A tour file
 * that does not validate fails test/tours at build time, and at run time is left out of TOURS.
 */
export interface TourCard {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly minutes: number;
  readonly stopCount: number;
}

/** The order tours are offered in (a tour not listed comes last). */
const ORDER = ['three-wqs', 'shared-gpa', 'anatomy', 'faults', 'iommufd'];
const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);

/** Sort tours (or cards) in the order they are offered. */
export function inTourOrder<T extends { readonly id: string }>(tours: readonly T[]): T[] {
  return [...tours].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

interface TourFile {
  readonly id?: unknown;
  readonly title?: unknown;
  readonly summary?: unknown;
  readonly minutes?: unknown;
  readonly stops?: unknown;
}
const files = import.meta.glob<TourFile>('./*.json', { eager: true, import: 'default' });

function cardOf(f: TourFile): TourCard | null {
  const { id, title, summary, minutes, stops } = f;
  if (typeof id !== 'string' || typeof title !== 'string' || typeof summary !== 'string') return null;
  if (typeof minutes !== 'number' || !Array.isArray(stops)) return null;
  return { id, title, summary, minutes, stopCount: stops.length };
}

export const TOUR_CARDS: readonly TourCard[] = inTourOrder(
  Object.values(files)
    .map(cardOf)
    .filter((c): c is TourCard => c !== null),
);
