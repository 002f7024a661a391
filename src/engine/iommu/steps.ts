/**
 * A walk as data (MODEL.md `walk`, grown): every memory read with what the hardware decided there,
 * so views render decisions instead of re-deriving them from structure names and raw hex. Addresses
 * and entries are bigints; the runner prints MODEL.md's four fields in hex (`modelStep`), the rest
 * is for views and exports.
 */
import { readEntry } from '../frames.ts';
import { hex } from '../hex.ts';
import type { IommuBackend } from './types.ts';
import { Structure, type Frames, type TranslateResult, type WalkTrace } from './walk.ts';

/** What the hardware did at a read: follow it, use it as the leaf, answer from the IOTLB after it, or stop. */
export type StepDecision = 'next' | 'leaf' | 'hit' | 'not-present' | 'denied' | 'invalid';

const DECISION_NAME: readonly StepDecision[] = ['next', 'leaf', 'not-present', 'denied', 'invalid'];

export interface WalkStep {
  /** MODEL.md: `root`, `context`, `ste`, `dte`, `pl4`, `s1-pl2`, `s2-pl1`… */
  readonly structure: string;
  readonly index: number;
  /** Where the entry lies in host memory. */
  readonly entryAddr: bigint;
  /** The whole entry, qword 0 in the low bits (`words` 32-bit words of it). */
  readonly entry: bigint;
  /** Nested translation: the stage whose table this is (1 guest, 2 host); null otherwise. */
  readonly stage: 1 | 2 | null;
  /** Page-table level (4 for pl4 / s1-pl4 / s2-pl4), null for the IOMMU's own structures. */
  readonly level: number | null;
  /** Entry size in 32-bit words. */
  readonly words: number;
  readonly decision: StepDecision;
  /**
   * What the read is for: `device` (root/context, STE, DTE), `pasid` (PASID directory/table, CD,
   * GCR3), `page` (the request's page table), or under nesting, for a second-stage read, the
   * first-stage read it translates (`s1-pl3`) or `output` (the final GPA).
   */
  readonly serves: string;
}

/** The four fields MODEL.md's runner prints for a step: `entryAddr` and `entry` in hex. */
export interface ModelWalkStep {
  readonly structure: string;
  readonly index: number;
  readonly entryAddr: string;
  readonly entry: string;
}

/** A step as the runner prints it (MODEL.md "DMA": `{structure, index, entryAddr, entry}`, hex). */
export function modelStep(s: Pick<WalkStep, 'structure' | 'index' | 'entryAddr' | 'entry'>): ModelWalkStep {
  return { structure: s.structure, index: s.index, entryAddr: hex(s.entryAddr), entry: hex(s.entry) };
}

/** A whole step in the output form (hex addresses and entries), for exports that keep the decisions. */
export type JsonWalkStep = Omit<WalkStep, 'entryAddr' | 'entry'> & {
  readonly entryAddr: string;
  readonly entry: string;
};

export function jsonStep(s: WalkStep): JsonWalkStep {
  return { ...s, entryAddr: hex(s.entryAddr), entry: hex(s.entry) };
}

/** Format a trace: every entry read, raw, with its decision; `out` marks the IOTLB hit or the untranslated leaf. */
export function formatWalk(frames: Frames, trace: WalkTrace, hw: IommuBackend, out?: TranslateResult): WalkStep[] {
  const steps: WalkStep[] = [];
  for (let i = 0; i < trace.length; i++) {
    const code = trace.structure[i]!;
    const addr = trace.addr[i]!;
    const words = hw.entryWords(code);
    const stage = code >= Structure.S2_PL0 ? 2 : code >= Structure.S1_PL0 ? 1 : null;
    const level =
      code >= Structure.S2_PL0
        ? code - Structure.S2_PL0
        : code >= Structure.S1_PL0
          ? code - Structure.S1_PL0
          : code >= Structure.PL0
            ? code - Structure.PL0
            : null;
    const structure = hw.structureName(code);
    steps.push({
      structure,
      index: trace.index[i]!,
      entryAddr: BigInt(addr),
      entry: readEntry(frames, addr, words),
      stage,
      level,
      words,
      decision: DECISION_NAME[trace.decision[i]!] ?? 'next',
      serves: level === null ? (hw.describe.structures[structure]?.serves ?? 'device') : 'page',
    });
  }
  const last = steps[steps.length - 1];
  if (last !== undefined && out !== undefined && out.outcome === 0 && last.decision === 'next') {
    // The walk ended on a structure: the IOTLB answered after it, or it said pass-through.
    steps[steps.length - 1] = { ...last, decision: out.hit ? 'hit' : 'leaf' };
  }
  // A walk that stopped in stage 2 ends on that run: what it was fetching is the translator's to say.
  const fetching = out === undefined || out.s2Fetch < 0 ? 'output' : hw.structureName(out.s2Fetch);
  return servedBy(steps, fetching);
}

/**
 * Under nesting, each run of second-stage reads serves the read after it (a guest CD or GCR3 entry, a
 * first-stage level), and a run that ends the walk serves `last`: the output, or what a stage-2 fault stopped.
 */
function servedBy(steps: WalkStep[], last: string): WalkStep[] {
  let serving = last;
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (s.stage === 2) steps[i] = { ...s, serves: serving };
    else serving = s.structure;
  }
  return steps;
}
