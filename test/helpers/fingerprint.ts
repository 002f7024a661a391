/** A fingerprint of everything observable in an engine state (memory hashed word by word). */
import { expect } from 'vitest';
import { applyCommand, type Applied, type Command, type EngineState } from '../../src/engine/index.ts';
import { ZERO_FRAME } from '../../src/engine/memory.ts';

const FNV_PRIME = 0x01000193;
const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over one frame's words. */
function hashWords(data: Readonly<Uint32Array>): number {
  let h = FNV_OFFSET;
  for (const w of data) h = Math.imul(h ^ w, FNV_PRIME);
  return h;
}
/** Any all-zero frame hashes alike (the shared ZERO_FRAME, a revived state's zeroed copies). */
const ZERO_FRAME_HASH = hashWords(new Uint32Array(ZERO_FRAME.length));

/** Frame array → its hash, as read by one fingerprint (see applyChecked for who may reuse them). */
type FrameHashes = WeakMap<Readonly<Uint32Array>, number>;

/**
 * Everything observable about a state, as one string (memory hashed word by word). Each frame is hashed on its own
 * and the frame hashes are chained, so a frame hash read in `known` (content unchanged since) can stand in for
 * hashing the frame again; `record` collects the hashes this call computed.
 */
export function fingerprint(s: EngineState, known?: FrameHashes, record?: FrameHashes): string {
  // Frames allocated but never written all share the engine's ZERO_FRAME (memory.ts): its hash is a constant, so
  // AMD-Vi's 512-frame device table costs 512 steps, not 512 Ki; the shared frame itself is checked to be zero.
  // The frame table is read chunk by chunk in frame order (frames.ts), not through its generators and a sort.
  let h = FNV_OFFSET;
  const { chunks } = s.memory.frames;
  for (const n of [...chunks.keys()].sort((a, b) => a - b)) {
    const chunk = chunks.get(n)!;
    for (let i = 0; i < chunk.length; i++) {
      const data = chunk[i];
      if (data === undefined) continue;
      h = Math.imul(h ^ (n * chunk.length + i), FNV_PRIME);
      let fh = data === ZERO_FRAME ? ZERO_FRAME_HASH : known?.get(data);
      if (fh === undefined) {
        fh = hashWords(data);
        record?.set(data, fh);
      }
      h = Math.imul(h ^ fh, FNV_PRIME);
    }
  }
  for (const w of ZERO_FRAME) if (w !== 0) throw new Error('the engine wrote into its shared ZERO_FRAME');
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
 * The frame hashes read by the last applyChecked after its command, from every frame's content at that moment.
 * The next applyChecked's "before" may reuse them: most frames of the next state are the same arrays, and no
 * command ran in between. (Were a frame changed in between anyway, "after" — always hashed afresh — would differ
 * from "before" and fail: reuse can only add failures, never hide one.)
 */
let verified: FrameHashes = new WeakMap();

/**
 * Apply a command and hold the engine to its promise: the old state never changes, and a refused
 * command returns that very state.
 */
export function applyChecked(s: EngineState, c: Command): Applied {
  const before = fingerprint(s, verified);
  const r = applyCommand(s, c);
  const hashes: FrameHashes = new WeakMap();
  const after = fingerprint(s, undefined, hashes);
  verified = hashes;
  // `expect` only on a mismatch: it costs more than the comparison, thousands of times per property run.
  if (after !== before) expect(after).toBe(before);
  if (!r.ok && r.state !== s) expect(r.state).toBe(s);
  return r;
}
