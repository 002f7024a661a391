/**
 * A lookup over the aux-attachment list: "which attachment holds this parent WQ (or this mdev)?".
 * `auxAttach` asks it on every attach, and a scan made assigning a fleet quadratic (1,024 mdevs:
 * half a million comparisons). The index is derived from the list and cached per list object; a
 * replay under an Ownership (cow.ts) appends to its list in place (Draft.appendAux), so the cache
 * is extended with the new tail, and rebuilt whenever the list is not the one it indexed (a refused
 * command's append was undone, or the list was replaced). Answers are exactly those of a scan.
 */
import type { AuxAttachment } from './model.ts';

interface Index {
  /** How many leading attachments are indexed, and the last of them (the list only grows in place). */
  n: number;
  last: AuxAttachment | undefined;
  /** First position of each (device, WQ) target (by device, then WQ) and of each mdev. */
  readonly targets: Map<string, Map<number | null, number>>;
  readonly mdevs: Map<string, number>;
}

const INDEXES = new WeakMap<readonly AuxAttachment[], Index>();

function indexOf(aux: readonly AuxAttachment[]): Index {
  let ix = INDEXES.get(aux);
  if (ix === undefined || ix.n > aux.length || (ix.n > 0 && aux[ix.n - 1] !== ix.last)) {
    ix = { n: 0, last: undefined, targets: new Map(), mdevs: new Map() };
    INDEXES.set(aux, ix);
  }
  for (; ix.n < aux.length; ix.n++) {
    const a = aux[ix.n]!;
    let wqs = ix.targets.get(a.device);
    if (wqs === undefined) {
      wqs = new Map<number | null, number>();
      ix.targets.set(a.device, wqs);
    }
    if (!wqs.has(a.wq)) wqs.set(a.wq, ix.n);
    if (a.mdev !== null && !ix.mdevs.has(a.mdev)) ix.mdevs.set(a.mdev, ix.n);
    ix.last = a;
  }
  return ix;
}

/**
 * The first attachment on `device`'s WQ `wq` (null: the device itself, no WQ), or of `mdev` when
 * given: what `aux.find(a => (a.device === device && a.wq === wq) || (mdev !== null && a.mdev === mdev))` gives.
 */
export function auxHolding(
  aux: readonly AuxAttachment[],
  device: string,
  wq: number | null,
  mdev: string | null,
): AuxAttachment | undefined {
  const ix = indexOf(aux);
  const byTarget = ix.targets.get(device)?.get(wq);
  const byMdev = mdev === null ? undefined : ix.mdevs.get(mdev);
  const at = byTarget === undefined ? byMdev : byMdev === undefined ? byTarget : Math.min(byTarget, byMdev);
  return at === undefined ? undefined : aux[at];
}
