/** Choice lists the forms render, worded from engine/inspect/reach.ts (no semantics computed here). */
import { formatSize, type EngineState } from '../../engine/index.ts';
import { dmaTargets, wqChoices } from '../../engine/inspect/reach.ts';
import type { Choice } from './fieldModel.ts';

/** One line under every WQ picker: how idxd's names relate to the 2021 thread's. */
export const WQ_HINT = 'idxd names WQs wq<device>.<n> from 0: the seed thread’s WQ1–WQ3 are wq0.0–wq0.2.';

export interface WqFieldChoice extends Choice {
  readonly free: boolean;
}

/** A parent's WQs by idxd name with what holds each, e.g. "wq0.1 — mdev1"; the value is the 0-based index. */
export function wqFieldChoices(state: EngineState, device: string): WqFieldChoice[] {
  return wqChoices(state, device).map((w) => ({ value: String(w.wq), label: `${w.name} — ${w.use}`, free: w.free }));
}

const pasidText = (pasid: number | null) => (pasid === null ? 'no PASID' : `PASID ${pasid}`);

/** Each mapped range a device's DMA reaches: value "<pasid>@<iova>" ("" PASID: a request without one). */
export function rangeChoices(state: EngineState, device: string): Choice[] {
  return dmaTargets(state, device).flatMap((t) =>
    t.ranges.map((r) => ({
      value: `${t.pasid ?? ''}@${r.iova}`,
      label: `${r.iova} (${formatSize(r.size)}, ${r.prot}) in ${t.domain}, ${pasidText(t.pasid)}`,
    })),
  );
}

/** The same ranges as IOVA suggestions for a text field. */
export function mappedRangeChoices(state: EngineState, device: string): Choice[] {
  return dmaTargets(state, device).flatMap((t) =>
    t.ranges.map((r) => ({
      value: r.iova,
      label: `${formatSize(r.size)} mapped in ${t.domain}, ${pasidText(t.pasid)}`,
    })),
  );
}
