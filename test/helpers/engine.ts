/** Small builders for engine tests: apply commands and insist they succeed (or fail). */
import { expect } from 'vitest';
import { readQword as readFrameQword } from '../../src/engine/frames.ts';
import {
  applyCommand,
  initialState,
  resolvePlatform,
  type Command,
  type CommandResult,
  type EngineState,
} from '../../src/engine/index.ts';
import type { PlatformInput } from '../../src/engine/scenario/schema.ts';

export function machine(platform?: PlatformInput): EngineState {
  return initialState(resolvePlatform(platform));
}

/** Apply commands in order; every one must succeed. Returns the final state and the last result. */
export function build(state: EngineState, ...commands: Command[]): { state: EngineState; result: CommandResult } {
  let result: CommandResult = {};
  for (const c of commands) {
    const r = applyCommand(state, c);
    if (!r.ok) throw new Error(`${c.op} failed: ${r.error.code} ${r.error.message}`);
    state = r.state;
    result = r.result;
  }
  return { state, result };
}

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
