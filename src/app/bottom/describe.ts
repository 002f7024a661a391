/** One-line text for log entries: the op's key arguments and its result. Pure. */
import type { Step, StepLine } from '../../engine/index.ts';

export function argsOf(step: Readonly<Record<string, unknown>>): string {
  return Object.entries(step)
    .filter(([k]) => k !== 'op' && k !== 'expect')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

export function resultOf(line: StepLine | undefined): string {
  if (!line) return '';
  if (!line.ok) return `refused: ${line.error?.code ?? ''} ${line.error?.message ?? ''}`;
  const r = line.result ?? {};
  if (r['outcome'] === 'translated') {
    const target = r['target'] as { vm: string; gpa: string } | null;
    return `→ PA ${String(r['pa'])} (PASID ${String(r['pasid'])}, ${String(r['domain'])}, IOTLB ${String(r['iotlb'])})${target ? ` in ${target.vm} GPA ${target.gpa}` : ''}`;
  }
  if (r['outcome'] === 'fault') return `fault ${String(r['fault'])} (reason ${String(r['reason'])})`;
  const shown = Object.entries(r).filter(([k]) => k !== 'steps' && k !== 'walk');
  return shown.length === 0
    ? 'ok'
    : shown.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
}

/** The low-level steps a composite op (assign/unassign) took. */
export function lowLevelOf(line: StepLine | undefined): Readonly<Record<string, unknown>>[] {
  const s = line?.result?.['steps'];
  return Array.isArray(s) ? (s as Record<string, unknown>[]) : [];
}

export type { Step };
