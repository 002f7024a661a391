/** A fingerprint of everything observable in an engine state (memory hashed word by word). */
import { expect } from 'vitest';
import { applyCommand, type Applied, type Command, type EngineState } from '../../src/engine/index.ts';

/** Everything observable about a state, as one string (memory hashed word by word). */
export function fingerprint(s: EngineState): string {
  let h = 0x811c9dc5;
  const keys = [...s.memory.frames.keys()].sort((a, b) => a - b);
  for (const k of keys) {
    h = Math.imul(h ^ k, 0x01000193);
    for (const w of s.memory.frames.get(k)!) h = Math.imul(h ^ w, 0x01000193);
  }
  const plain = (m: ReadonlyMap<string, unknown>) => JSON.stringify([...m.entries()]);
  return [
    h >>> 0,
    s.memory.top,
    s.memory.free.join(','),
    JSON.stringify(s.memory.ram),
    plain(s.devices),
    plain(s.mdevs),
    plain(s.vms),
    plain(s.domains),
    plain(s.ioasids),
    JSON.stringify(s.aux),
    plain(s.ioas),
    plain(s.guestTables),
    plain(s.processes),
    JSON.stringify(s.pasidAttach),
    s.nextObjId,
    [...s.usedDids].join(','),
    [...s.usedPasids].join(','),
    JSON.stringify(s.iotlb.entries().map((e) => [e.did, e.pasid, e.level, e.vpn, e.pfn, e.read, e.write])),
    s.faults.length,
    s.seq,
  ].join('|');
}

/**
 * Apply a command and hold the engine to its promise: the old state never changes, and a refused
 * command returns that very state.
 */
export function applyChecked(s: EngineState, c: Command): Applied {
  const before = fingerprint(s);
  const r = applyCommand(s, c);
  expect(fingerprint(s)).toBe(before);
  if (!r.ok) expect(r.state).toBe(s);
  return r;
}
