/**
 * The command dispatcher: the one way to change an EngineState. Each op runs on a Draft; on
 * success the draft is committed into a new state, on an EngineError it is dropped and the old
 * state returned untouched, with the errno and message.
 */
import type { Ownership } from './cow.ts';
import { Draft, type LowLevelStep } from './draft.ts';
import { EngineError, type EngineErrorInfo } from './errors.ts';
import type { EngineState } from './model.ts';
import { assign, unassign } from './ops/assign.ts';
import { ioasidAlloc, ioasidAttach, ioasidMap, ioasidUnmap, map, unmap } from './ops/addressSpace.ts';
import { allocDomain, attach, auxAttach, auxDetach, detach, enableFeature, freeDomain } from './ops/domains.ts';
import { dma } from './ops/dma.ts';
import { hwptInvalidate } from './ops/hwptInvalidate.ts';
import { flushQueue, skipInvalidation } from './ops/lab.ts';
import { guestMap, guestTableAlloc, processAlloc, processMap, svaBind, svaUnbind } from './ops/guest.ts';
import {
  bindDevice,
  destroy,
  deviceAttach,
  deviceDetach,
  deviceReplace,
  hwptAlloc,
  ioasAlloc,
  ioasCopy,
  ioasMap,
  ioasUnmap,
} from './ops/iommufd.ts';
import { addDevice, createMdev, createVm, removeMdev, useWq } from './ops/topology.ts';
import type { Command, CommandOf, OpName } from './scenario/schema.ts';

/**
 * The op table: every op of MODEL.md, keyed by name, each taking its own command type. An op's
 * result type is its function's return type, declared once where the op is written; `ResultOf`
 * reads it from here, so adding an op is one schema entry (scenario/schema.ts) and one line below.
 */
const OP_IMPL = {
  addDevice,
  createVm,
  createMdev,
  useWq,
  assign,
  unassign,
  removeMdev,
  allocDomain,
  freeDomain,
  enableFeature,
  attach,
  detach,
  auxAttach,
  auxDetach,
  map,
  unmap,
  ioasidAlloc,
  ioasidMap,
  ioasidUnmap,
  ioasidAttach,
  bindDevice,
  ioasAlloc,
  ioasMap,
  ioasUnmap,
  ioasCopy,
  hwptAlloc,
  deviceAttach,
  deviceReplace,
  deviceDetach,
  destroy,
  hwptInvalidate,
  guestTableAlloc,
  guestMap,
  processAlloc,
  processMap,
  svaBind,
  svaUnbind,
  flushQueue,
  skipInvalidation,
  dma,
} satisfies { readonly [K in OpName]: (d: Draft, c: CommandOf<K>) => object };

/** The result of op `K` on success (the `result` of its runner line). */
export type ResultOf<K extends OpName> = ReturnType<(typeof OP_IMPL)[K]>;
/** The result of any op: a union over every op's result. */
export type CommandResult = ResultOf<OpName>;

/** The typed op table: `OPS[K]` runs a `CommandOf<K>` and answers a `ResultOf<K>`. */
export type OpTable = { readonly [K in OpName]: (d: Draft, c: CommandOf<K>) => ResultOf<K> };
export const OPS: OpTable = OP_IMPL;

export type Applied<R = CommandResult> =
  | {
      readonly ok: true;
      readonly state: EngineState;
      readonly result: R;
      readonly steps: readonly LowLevelStep[];
    }
  | { readonly ok: false; readonly state: EngineState; readonly error: EngineErrorInfo };

/**
 * Run op `c.op` on the draft. TypeScript cannot correlate a command's `op` with the table entry for
 * it (the schema's inferred types do not distribute), so the one cast of the contract lives here: the
 * table's type above guarantees that `OPS[c.op]` takes exactly that command.
 */
function run<K extends OpName>(d: Draft, c: Command & { readonly op: K }): ResultOf<K> {
  const op = OPS[c.op] as (d: Draft, c: Command) => ResultOf<K>;
  return op(d, c);
}

/**
 * Apply one command. Never throws for a refused command; the state is unchanged on error. With an
 * `owner` (a replay that keeps only some states, cow.ts), collections it owns are written in place:
 * the input state must then not be kept unless `owner.release()` was called after it was made.
 */
export function applyCommand<C extends Command>(
  state: EngineState,
  command: C,
  owner?: Ownership,
): Applied<ResultOf<C['op']>> {
  const d = new Draft(state, owner);
  try {
    const result = run<C['op']>(d, command);
    return { ok: true, state: d.commit(), result, steps: d.steps };
  } catch (e) {
    d.rollback();
    if (e instanceof EngineError) return { ok: false, state, error: { code: e.code, message: e.message } };
    throw e;
  }
}
