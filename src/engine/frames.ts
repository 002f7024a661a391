/**
 * The frame table of simulated memory: frame number → 1024 little-endian 32-bit words.
 * Persistent, so that every state can keep its own memory cheaply: frames are grouped in chunks of
 * 256 (1 MiB of address space), and a draft copies only the chunks it writes (plus the small chunk
 * index). A lookup is one Map read and one array index, which keeps the DMA walk fast.
 */
import { wordsToHex } from './hex.ts';

const CHUNK_BITS = 8;
const CHUNK = 1 << CHUNK_BITS;
const LOW = CHUNK - 1;

type Chunk = (Uint32Array | undefined)[];

const CACHE_SLOTS = 16;

export class FrameMap implements ReadonlyMap<number, Uint32Array> {
  readonly chunks: ReadonlyMap<number, Chunk>;
  readonly size: number;
  // A small direct-mapped cache of recent lookups: a walk reads the same few frames over and over,
  // and the map never changes after construction, so cached entries never go stale.
  private readonly cacheKey = new Float64Array(CACHE_SLOTS).fill(-1);
  private readonly cacheVal: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(CACHE_SLOTS).fill(
    undefined,
  );

  constructor(chunks: ReadonlyMap<number, Chunk> = new Map(), size = 0) {
    this.chunks = chunks;
    this.size = size;
  }

  get(frame: number): Uint32Array | undefined {
    const slot = frame & (CACHE_SLOTS - 1);
    if (this.cacheKey[slot] === frame) return this.cacheVal[slot];
    const c = this.chunks.get(frame >>> CHUNK_BITS);
    const data = c === undefined ? undefined : c[frame & LOW];
    this.cacheKey[slot] = frame;
    this.cacheVal[slot] = data;
    return data;
  }

  has(frame: number): boolean {
    return this.get(frame) !== undefined;
  }

  *entries(): MapIterator<[number, Uint32Array]> {
    for (const [n, c] of this.chunks) {
      for (let i = 0; i < CHUNK; i++) {
        const data = c[i];
        if (data !== undefined) yield [n * CHUNK + i, data];
      }
    }
  }

  *keys(): MapIterator<number> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<Uint32Array> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[number, Uint32Array]> {
    return this.entries();
  }

  forEach(fn: (value: Uint32Array, key: number, map: ReadonlyMap<number, Uint32Array>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

/** A writable view over a FrameMap that copies a chunk the first time it changes it. */
export class FrameMapDraft {
  private chunks: Map<number, Chunk>;
  private copiedIndex = false;
  private readonly owned = new Set<number>();
  private count: number;
  private readonly base: FrameMap;

  constructor(base: FrameMap) {
    this.base = base;
    this.chunks = base.chunks as Map<number, Chunk>;
    this.count = base.size;
  }

  get(frame: number): Uint32Array | undefined {
    const c = this.chunks.get(frame >>> CHUNK_BITS);
    return c === undefined ? undefined : c[frame & LOW];
  }

  /** Frames present now. */
  get size(): number {
    return this.count;
  }

  private chunkFor(frame: number): Chunk {
    if (!this.copiedIndex) {
      this.chunks = new Map(this.chunks);
      this.copiedIndex = true;
    }
    const n = frame >>> CHUNK_BITS;
    let c = this.chunks.get(n);
    if (c === undefined) {
      c = new Array<Uint32Array | undefined>(CHUNK).fill(undefined);
      this.chunks.set(n, c);
      this.owned.add(n);
    } else if (!this.owned.has(n)) {
      c = c.slice();
      this.chunks.set(n, c);
      this.owned.add(n);
    }
    return c;
  }

  set(frame: number, data: Uint32Array): void {
    const c = this.chunkFor(frame);
    if (c[frame & LOW] === undefined) this.count++;
    c[frame & LOW] = data;
  }

  delete(frame: number): void {
    if (this.get(frame) === undefined) return;
    const c = this.chunkFor(frame);
    c[frame & LOW] = undefined;
    this.count--;
  }

  result(): FrameMap {
    if (!this.copiedIndex) return this.base;
    for (const n of this.owned) {
      if (this.chunks.get(n)?.every((x) => x === undefined)) this.chunks.delete(n);
    }
    return new FrameMap(this.chunks, this.count);
  }
}

/** Read-only access to a frame table by byte address (views, dumps, output formatting; not the walk's hot path). */
export interface FrameReader {
  get(frame: number): Uint32Array | undefined;
}

/** 32-bit word `i` of the entry at byte address `addr` (0 where no frame is allocated). */
export function readWord(frames: FrameReader, addr: number, i = 0): number {
  return frames.get(Math.floor(addr / 4096))?.[((addr % 4096) >>> 2) + i] ?? 0;
}

/** An entry of `words` 32-bit words at `addr` as hex, word 0 in the low bits ("0x0" where nothing is allocated). */
export function readEntryHex(frames: FrameReader, addr: number, words: number): string {
  const f = frames.get(Math.floor(addr / 4096));
  return f ? wordsToHex(f, (addr % 4096) >>> 2, words) : '0x0';
}

/** A whole entry of `words` 32-bit words at `addr` as a bigint, qword 0 in the low bits (0 where nothing is written). */
export function readEntry(frames: FrameReader, addr: number, words: number): bigint {
  const f = frames.get(Math.floor(addr / 4096));
  if (f === undefined) return 0n;
  const at = (addr % 4096) >>> 2;
  let v = 0n;
  for (let i = words - 1; i >= 0; i--) v = (v << 32n) | BigInt((f[at + i] ?? 0) >>> 0);
  return v;
}

/** A 64-bit entry at `addr` as a bigint. */
export function readQword(frames: FrameReader, addr: number): bigint {
  return (BigInt(readWord(frames, addr, 1) >>> 0) << 32n) | BigInt(readWord(frames, addr, 0) >>> 0);
}
