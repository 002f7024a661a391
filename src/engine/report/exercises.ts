/**
 * Seeded translation exercises: a small random but valid topology (1–2 devices, 1–3 domains, a few
 * 4 KiB / 2 MiB mappings, maybe aux PASIDs), one DMA request, and its answer as the engine computes
 * it. The same seed always gives the same exercise (seededRandom, mulberry32).
 */
import { applyCommand } from '../commands.ts';
import { formatSize, hex } from '../hex.ts';
import type { EngineState } from '../model.ts';
import type { DmaResult } from '../ops/dma.ts';
import { runSteps } from '../scenario/run.ts';
import {
  FAULT_NAMES,
  SCENARIO_FORMAT,
  type CommandOf,
  type FaultName,
  type Scenario,
  type Step,
} from '../scenario/schema.ts';
import { initialState, resolvePlatform } from '../state.ts';
import { seededRandom } from '../workload.ts';

export type ExerciseAnswer =
  { readonly kind: 'pa'; readonly pa: string } | { readonly kind: 'fault'; readonly fault: FaultName };

export interface Exercise {
  readonly seed: number;
  /** The setup steps (no DMA). */
  readonly steps: readonly Step[];
  readonly request: CommandOf<'dma'>;
  readonly question: string;
  readonly answer: ExerciseAnswer;
  /** The engine's `dma` result: the walk that explains the answer. */
  readonly result: DmaResult;
  /** The state the request runs against (after the setup steps). */
  readonly state: EngineState;
}

const MIB2 = 2 * 1024 * 1024;
const K4 = 4096;

interface Target {
  readonly device: string;
  readonly pasid: number | null;
  readonly domain: string | null;
}

interface Area {
  readonly iova: number;
  readonly bytes: number;
}

/** Build the exercise of `seed`. Throws only if the generator itself is wrong (tests run 50 seeds). */
export function makeExercise(seed: number): Exercise {
  const rand = seededRandom(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const steps: Step[] = [];
  const bus = 1 + int(0xfe);
  const slot = int(32);
  const bdf = (dev: number, fn: number) =>
    `0000:${bus.toString(16).padStart(2, '0')}:${dev.toString(16).padStart(2, '0')}.${fn}`;
  const short = (b: string) => b.slice(5);

  const dsaBdf = bdf(slot, int(8));
  steps.push({ op: 'addDevice', id: 'dsa0', bdf: dsaBdf, kind: 'parent', wqs: 2 });
  const nic = rand() < 0.5;
  const nicBdf = bdf((slot + 1 + int(30)) % 32, int(8));
  if (nic) steps.push({ op: 'addDevice', id: 'nic0', bdf: nicBdf, kind: 'pdev' });

  const nDomains = 1 + int(3);
  const targets: Target[] = [];
  let auxEnabled = false;
  let nicAttached = false;
  let nextWq = 0;
  for (let i = 1; i <= nDomains; i++) {
    const id = `dom${i}`;
    const aux = i > 1 && !(nic && !nicAttached && rand() < 0.5);
    const type = aux ? 'UNMANAGED' : pick(['DMA', 'UNMANAGED'] as const);
    steps.push({ op: 'allocDomain', id, type });
    if (i === 1) {
      steps.push({ op: 'attach', domain: id, device: 'dsa0' });
      targets.push({ device: 'dsa0', pasid: null, domain: id });
    } else if (!aux) {
      steps.push({ op: 'attach', domain: id, device: 'nic0' });
      nicAttached = true;
      targets.push({ device: 'nic0', pasid: null, domain: id });
    } else {
      if (!auxEnabled) steps.push({ op: 'enableFeature', device: 'dsa0', feature: 'AUX' });
      auxEnabled = true;
      steps.push({ op: 'auxAttach', domain: id, device: 'dsa0', wq: nextWq++ });
      targets.push({ device: 'dsa0', pasid: nextWq, domain: id }); // aux PASIDs are allocated 1, 2, … in order
    }
  }

  // Mappings: each in its own 2 MiB IOVA slot, so they never overlap.
  const areas = new Map<string, Area[]>();
  const usedSlots = new Set<number>();
  for (const t of targets) {
    const list: Area[] = [];
    const count = 1 + int(3);
    for (let m = 0; m < count; m++) {
      let s = 1 + int(255);
      while (usedSlots.has(s)) s = 1 + (s % 255);
      usedSlots.add(s);
      const large = rand() < 0.35;
      const pages = large ? 512 : 1 + int(4);
      const first = large ? 0 : int(512 - pages);
      const iova = s * MIB2 + first * K4;
      const pa = (0x80 + int(0x400)) * MIB2 + (large ? 0 : int(512 - pages) * K4);
      const bytes = pages * K4;
      steps.push({
        op: 'map',
        domain: t.domain!,
        iova: hex(iova),
        pa: hex(pa),
        size: formatSize(bytes),
        prot: pick(['r', 'w', 'rw', 'rw'] as const),
      });
      list.push({ iova, bytes });
    }
    areas.set(t.domain!, list);
  }

  const run = runSteps(initialState(resolvePlatform(undefined)), steps);
  const bad = run.lines.find((l) => !l.ok);
  if (bad) throw new Error(`exercise ${seed}: step ${bad.step} (${bad.op}) failed: ${JSON.stringify(bad.error)}`);

  // The request: mostly a mapped address, sometimes one of the classic faults.
  const access = pick(['read', 'write', 'read'] as const);
  const mode = rand();
  let target = pick(targets);
  let iova: number;
  if (mode < 0.55) {
    const a = pick(areas.get(target.domain!)!);
    iova = a.iova + int(a.bytes / 8) * 8;
  } else if (mode < 0.72) {
    let s = 1 + int(255);
    while (usedSlots.has(s)) s = 1 + (s % 255);
    iova = s * MIB2 + int(512) * K4 + int(64) * 8;
  } else if (mode < 0.9 || !nic || nicAttached) {
    target = { device: 'dsa0', pasid: targets.filter((t) => t.pasid !== null).length + 3 + int(20), domain: null };
    iova = (1 + int(255)) * MIB2;
  } else {
    target = { device: 'nic0', pasid: null, domain: null };
    iova = (1 + int(255)) * MIB2 + int(512) * K4;
  }
  const request: CommandOf<'dma'> = {
    op: 'dma',
    device: target.device,
    iova: hex(iova),
    access,
    ...(target.pasid === null ? {} : { pasid: target.pasid }),
  };
  const applied = applyCommand(run.state, request);
  if (!applied.ok) throw new Error(`exercise ${seed}: the dma failed: ${applied.error.message}`);
  const result = applied.result;
  const answer: ExerciseAnswer =
    result.outcome === 'translated' ? { kind: 'pa', pa: hex(result.pa) } : { kind: 'fault', fault: result.fault };

  const who = `${short(target.device === 'dsa0' ? dsaBdf : nicBdf)} (${target.device})`;
  const pasidText = target.pasid === null ? 'without a PASID' : `for PASID ${target.pasid}`;
  const question = `Translate IOVA ${hex(iova)} ${pasidText} on ${who}, a ${access}: which PA, or which fault?`;
  return { seed, steps, request, question, answer, result, state: run.state };
}

/** The exercise as a scenario file (the setup, then the DMA with its answer as `expect`). */
export function exerciseScenario(ex: Exercise): Scenario {
  const expect = ex.answer.kind === 'pa' ? { pa: ex.answer.pa } : { fault: ex.answer.fault };
  return {
    format: SCENARIO_FORMAT,
    title: `Exercise ${ex.seed}`,
    steps: [...ex.steps, { ...ex.request, expect }],
  };
}

export type ExerciseGuess =
  { readonly kind: 'pa'; readonly text: string } | { readonly kind: 'fault'; readonly fault: string };

export interface Verdict {
  readonly correct: boolean;
  /** The right answer as text: a PA in hex or a fault name. */
  readonly expected: string;
  /** Why the guess could not be read, if it could not. */
  readonly problem: string | null;
}

/** Parse a PA typed by a user: `0x…` or bare hex digits, optional `_` separators. */
export function parsePa(text: string): bigint | null {
  const t = text.trim().replace(/_/g, '').toLowerCase();
  const digits = t.startsWith('0x') ? t.slice(2) : t;
  return /^[0-9a-f]{1,16}$/.test(digits) ? BigInt(`0x${digits}`) : null;
}

/** Check a guess against the exercise's answer. */
export function checkGuess(ex: Exercise, guess: ExerciseGuess): Verdict {
  const expected = ex.answer.kind === 'pa' ? ex.answer.pa : ex.answer.fault;
  if (guess.kind === 'fault') {
    if (!(FAULT_NAMES as readonly string[]).includes(guess.fault))
      return { correct: false, expected, problem: `unknown fault name "${guess.fault}"` };
    return { correct: ex.answer.kind === 'fault' && ex.answer.fault === guess.fault, expected, problem: null };
  }
  const pa = parsePa(guess.text);
  if (pa === null) return { correct: false, expected, problem: `"${guess.text}" is not a hex address` };
  return { correct: ex.answer.kind === 'pa' && BigInt(ex.answer.pa) === pa, expected, problem: null };
}

/** The seed of the exercise after `seed` (stays within 32 bits, reproducible). */
export function nextSeed(seed: number): number {
  return (seed + 1) >>> 0;
}
