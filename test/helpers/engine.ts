/** Small builders for engine tests: apply commands and insist they succeed (or fail). */
import { expect } from 'vitest';
import { readQword as readFrameQword } from '../../src/engine/frames.ts';
import {
  applyCommand,
  initialState,
  resolvePlatform,
  type Command,
  type CommandResult,
  type DmaFault,
  type DmaResult,
  type DmaTranslated,
  type EngineState,
  type ResultOf,
} from '../../src/engine/index.ts';
import type { PlatformInput } from '../../src/engine/scenario/schema.ts';

export function machine(platform?: PlatformInput): EngineState {
  return initialState(resolvePlatform(platform));
}

/** Apply commands in order; every one must succeed. Returns the final state and the last result. */
export function build<C extends Command>(
  state: EngineState,
  ...commands: C[]
): { state: EngineState; result: ResultOf<C['op']> } {
  let result: ResultOf<C['op']> | undefined;
  for (const c of commands) {
    const r = applyCommand(state, c);
    if (!r.ok) throw new Error(`${c.op} failed: ${r.error.code} ${r.error.message}`);
    state = r.state;
    result = r.result;
  }
  if (result === undefined) throw new Error('build needs at least one command');
  return { state, result };
}

/** The result of an op as a `dma` result (for loops over mixed commands, after checking `c.op === 'dma'`). */
export function asDma(result: CommandResult): DmaResult {
  const isDma = (r: CommandResult): r is DmaResult => 'outcome' in r && 'walk' in r;
  if (!isDma(result)) throw new Error(`not a dma result: ${JSON.stringify(result)}`);
  return result;
}

/** The result of a DMA that must have translated (the test fails with what it got otherwise). */
export function translated(r: DmaResult): DmaTranslated {
  if (r.outcome !== 'translated') throw new Error(`expected a translation, got fault ${r.fault}`);
  return r;
}

/** The result of a DMA that must have faulted. */
export function faulted(r: DmaResult): DmaFault {
  if (r.outcome !== 'fault') throw new Error(`expected a fault, got a translation to ${r.pa}`);
  return r;
}

/** A DMA that must be accepted (translated or faulted): the state after it and its typed result. */
export function dmaStep(
  state: EngineState,
  c: Omit<Extract<Command, { op: 'dma' }>, 'op'>,
): { state: EngineState; r: DmaResult } {
  const a = applyCommand(state, { op: 'dma', ...c });
  if (!a.ok) throw new Error(a.error.message);
  return { state: a.state, r: a.result };
}

/** The 64-bit words of an entry (a walk step's bigint, or printed as one hex number), low word first. */
export const entryQwords = (entry: bigint | string, n: number): bigint[] =>
  Array.from({ length: n }, (_, i) => (BigInt(entry) >> BigInt(64 * i)) & 0xffffffffffffffffn);

/** A `dma` result as the runner prints it (MODEL.md: hex addresses, codes and entries). */
export { modelDma as printed } from '../../src/engine/scenario/modelResult.ts';

/** Apply one command that must fail with `code`; checks the state came back untouched. */
export function refused(state: EngineState, command: Command, code: string): string {
  const r = applyCommand(state, command);
  expect(r.ok, `${command.op} should fail with ${code}`).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe(code);
  expect(r.state).toBe(state);
  return r.error.message;
}

/** A DSA-like parent dsa0 (3 WQs) and a pdev nic0, as in the seed. */
export const SEED_DEVICES: Command[] = [
  { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 3 },
  { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
];

/** Read a 64-bit entry of simulated memory as a bigint (qword 0 in the low bits). */
export function readQword(state: EngineState, addr: number): bigint {
  return readFrameQword(state.memory.frames, addr);
}
