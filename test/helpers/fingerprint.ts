/** A fingerprint of everything observable in an engine state (memory hashed word by word). */
import { expect } from 'vitest';
import { applyCommand, type Applied, type Command, type EngineState } from '../../src/engine/index.ts';
import { ZERO_FRAME } from '../../src/engine/memory.ts';

const FNV_PRIME = 0x01000193;
/** FNV-1a over 1024 zero words is a multiplication by FNV_PRIME ** 1024 (mod 2^32): `h ^ 0` is `h`. */
const ZERO_FRAME_STEP = Array.from({ length: ZERO_FRAME.length }).reduce<number>((p) => Math.imul(p, FNV_PRIME), 1);

/** Everything observable about a state, as one string (memory hashed word by word). */
export function fingerprint(s: EngineState): string {
  // Frames allocated but never written all share the engine's ZERO_FRAME (memory.ts). Hashing its 1024 zero words
  // is one multiplication, so AMD-Vi's 512-frame device table costs 512 steps, not 512 Ki; the hash is the same as
  // for any other all-zero frame (a revived state's copies), and the shared frame itself is checked to be zero.
  let h = 0x811c9dc5;
  const keys = [...s.memory.frames.keys()].sort((a, b) => a - b);
  for (const k of keys) {
    h = Math.imul(h ^ k, FNV_PRIME);
    const data = s.memory.frames.get(k)!;
    if (data === ZERO_FRAME) h = Math.imul(h, ZERO_FRAME_STEP);
    else for (const w of data) h = Math.imul(h ^ w, FNV_PRIME);
  }
  if (ZERO_FRAME.some((w) => w !== 0)) throw new Error('the engine wrote into its shared ZERO_FRAME');
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
