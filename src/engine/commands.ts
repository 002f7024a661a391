/**
 * The command dispatcher: the one way to change an EngineState. Each op runs on a Draft; on
 * success the draft is committed into a new state, on an EngineError it is dropped and the old
 * state returned untouched, with the errno and message.
 */
import type { Ownership } from './cow.ts';
import { Draft, type LowLevelStep } from './draft.ts';
import { EngineError, assertNever, type EngineErrorInfo } from './errors.ts';
import type { EngineState } from './model.ts';
import { assign, unassign } from './ops/assign.ts';
import { ioasidAlloc, ioasidAttach, ioasidMap, ioasidUnmap, map, unmap } from './ops/addressSpace.ts';
import { allocDomain, attach, auxAttach, auxDetach, detach, enableFeature, freeDomain } from './ops/domains.ts';
import { dma } from './ops/dma.ts';
import { flushQueue, skipInvalidation } from './ops/lab.ts';
import { guestMap, guestTableAlloc, processAlloc, processMap, svaBind } from './ops/guest.ts';
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
import type { Command } from './scenario/schema.ts';

export type CommandResult = Readonly<Record<string, unknown>>;

export type Applied =
  | {
      readonly ok: true;
      readonly state: EngineState;
      readonly result: CommandResult;
      readonly steps: readonly LowLevelStep[];
    }
  | { readonly ok: false; readonly state: EngineState; readonly error: EngineErrorInfo };

function run(d: Draft, c: Command): CommandResult {
  switch (c.op) {
    case 'addDevice':
      return addDevice(d, c);
    case 'createVm':
      return createVm(d, c);
    case 'createMdev':
      return createMdev(d, c);
    case 'useWq':
      return useWq(d, c);
    case 'assign':
      return assign(d, c);
    case 'unassign':
      return unassign(d, c);
    case 'removeMdev':
      return removeMdev(d, c);
    case 'allocDomain':
      return allocDomain(d, c);
    case 'freeDomain':
      return freeDomain(d, c);
    case 'enableFeature':
      return enableFeature(d, c);
    case 'attach':
      return attach(d, c);
    case 'detach':
      return detach(d, c);
    case 'auxAttach':
      return auxAttach(d, c);
    case 'auxDetach':
      return auxDetach(d, c);
    case 'map':
      return map(d, c);
    case 'unmap':
      return unmap(d, c);
    case 'ioasidAlloc':
      return ioasidAlloc(d, c);
    case 'ioasidMap':
      return ioasidMap(d, c);
    case 'ioasidUnmap':
      return ioasidUnmap(d, c);
    case 'ioasidAttach':
      return ioasidAttach(d, c);
    case 'bindDevice':
      return bindDevice(d, c);
    case 'ioasAlloc':
      return ioasAlloc(d, c);
    case 'ioasMap':
      return ioasMap(d, c);
    case 'ioasUnmap':
      return ioasUnmap(d, c);
    case 'ioasCopy':
      return ioasCopy(d, c);
    case 'hwptAlloc':
      return hwptAlloc(d, c);
    case 'deviceAttach':
      return deviceAttach(d, c);
    case 'deviceReplace':
      return deviceReplace(d, c);
    case 'deviceDetach':
      return deviceDetach(d, c);
    case 'destroy':
      return destroy(d, c);
    case 'guestTableAlloc':
      return guestTableAlloc(d, c);
    case 'guestMap':
      return guestMap(d, c);
    case 'processAlloc':
      return processAlloc(d, c);
    case 'processMap':
      return processMap(d, c);
    case 'svaBind':
      return svaBind(d, c);
    case 'flushQueue':
      return flushQueue(d, c);
    case 'skipInvalidation':
      return skipInvalidation(d);
    case 'dma':
      return dma(d, c);
    default:
      return assertNever(c);
  }
}

/**
 * Apply one command. Never throws for a refused command; the state is unchanged on error. With an
 * `owner` (a replay that keeps only some states, cow.ts), collections it owns are written in place:
 * the input state must then not be kept unless `owner.release()` was called after it was made.
 */
export function applyCommand(state: EngineState, command: Command, owner?: Ownership): Applied {
  const d = new Draft(state, owner);
  try {
    const result = run(d, command);
    return { ok: true, state: d.commit(), result, steps: d.steps };
  } catch (e) {
    d.rollback();
    if (e instanceof EngineError) return { ok: false, state, error: { code: e.code, message: e.message } };
    throw e;
  }
}
