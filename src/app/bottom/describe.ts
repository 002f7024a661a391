/** One-line text for log entries: the op's key arguments and its result. Pure. */
import { hex, type LowLevelStep, type Step } from '../../engine/index.ts';
import { modelResult } from '../../engine/scenario/modelResult.ts';
import type { KeptLine } from '../../store/history.ts';

export function argsOf(step: Readonly<Record<string, unknown>>): string {
  return Object.entries(step)
    .filter(([k]) => k !== 'op' && k !== 'expect')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

export function resultOf(line: KeptLine | undefined): string {
  if (!line) return '';
  if (!line.ok) return `refused: ${line.error.code} ${line.error.message}`;
  if (line.op === 'dma') {
    const r = line.result;
    if (r.outcome === 'translated') {
      const target = r.target ? ` in ${r.target.vm} GPA ${hex(r.target.gpa)}` : '';
      return `→ PA ${hex(r.pa)} (PASID ${r.pasid}, ${String(r.domain)}, IOTLB ${r.iotlb})${target}`;
    }
    return r.reason === undefined ? `fault ${r.fault} (not recorded)` : `fault ${r.fault} (reason ${hex(r.reason)})`;
  }
  // Other results as the runner prints them (addresses and requester ids in hex).
  const shown = Object.entries(modelResult(line.op, line.result)).filter(([k]) => k !== 'steps' && k !== 'walk');
  return shown.length === 0
    ? 'ok'
    : shown.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
}

/** The low-level steps a composite op (assign/unassign) took. */
export function lowLevelOf(line: KeptLine | undefined): readonly LowLevelStep[] {
  return line?.ok && (line.op === 'assign' || line.op === 'unassign') ? line.result.steps : [];
}

export type { Step };
