/**
 * Explain a kernel log: every IOMMU fault event it holds, in order, each with which check failed,
 * in which structure, what it usually means and this model's fault name (MODEL.md "Explaining
 * kernel fault lines"). Pure: text in, a list out; lines that are not IOMMU faults are ignored.
 */
import { amdFaultAt } from './amdLine.ts';
import { smmuFaultAt } from './smmuLine.ts';
import type { ExplainedFault } from './types.ts';
import { vtdFaultAt } from './vtdLine.ts';

const MATCHERS = [vtdFaultAt, amdFaultAt, smmuFaultAt] as const;

export function explainLog(text: string): ExplainedFault[] {
  const lines = text.split(/\r?\n/);
  const out: ExplainedFault[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (const at of MATCHERS) {
      const f = at(lines, i);
      if (f === null) continue;
      out.push(f);
      // A two-line event (wrapped VT-d line, old AMD-Vi split) consumes its continuation; SMMUv3
      // dump lines cannot start an event, and may interleave with other messages, so they are not skipped.
      if (f.iommu !== 'smmuv3') i = f.endLine - 1;
      break;
    }
  }
  return out;
}
