import { describe, expect, it } from 'vitest';
import { FrameMap, applyCommand, initialState, resolvePlatform } from '../../src/engine/index.ts';
import { MemoryDraft, ZERO_FRAME, emptyMemory } from '../../src/engine/memory.ts';
import { fingerprint } from '../helpers/fingerprint.ts';

const GIB = 2 ** 30;

describe('reserved frames (memory.ts ZERO_FRAME)', () => {
  it('an allocation is reserved: it counts, reads as zeros and shares the one zero frame until written', () => {
    const d = new MemoryDraft(emptyMemory(GIB));
    const base = d.allocContiguous(512, 'a 2 MiB table');
    expect(d.pagesInUse).toBe(512);
    expect(d.word(base + 4096 * 300 + 8)).toBe(0);
    const mem = d.commit();
    expect(mem.frames.size).toBe(512);
    const frames = [...mem.frames.values()];
    expect(frames.every((f) => f === ZERO_FRAME)).toBe(true);

    const next = new MemoryDraft(mem);
    next.write(base + 4096 * 3 + 16, [0xdead_beef, 1]);
    const after = next.commit();
    expect(after.frames.get(base / 4096 + 3)).not.toBe(ZERO_FRAME);
    expect(after.frames.get(base / 4096 + 3)![4]).toBe(0xdead_beef);
    expect(after.frames.get(base / 4096 + 4)).toBe(ZERO_FRAME);
    // The earlier state and the shared zero frame are untouched.
    expect(mem.frames.get(base / 4096 + 3)).toBe(ZERO_FRAME);
    expect(ZERO_FRAME.every((w) => w === 0)).toBe(true);
  });

  it('a freed and reused frame reads as zeros again', () => {
    const d = new MemoryDraft(emptyMemory(GIB));
    const a = d.allocFrame('a table');
    d.write(a, [7]);
    d.freeFrame(a);
    expect(d.allocFrame('another table')).toBe(a);
    expect(d.word(a)).toBe(0);
    expect(d.commit().frames.get(a / 4096)).toBe(ZERO_FRAME);
  });

  it("AMD-Vi's device table is 512 reserved frames, and the fingerprint reads them as zeros", () => {
    const r = applyCommand(initialState(resolvePlatform({ iommu: 'amd-vi', hostMemory: '256MiB' })), {
      op: 'addDevice',
      id: 'nic0',
      bdf: '00:01.0',
      kind: 'pdev',
    });
    if (!r.ok) throw new Error(r.error.message);
    const shared = [...r.state.memory.frames.values()].filter((f) => f === ZERO_FRAME).length;
    expect(shared).toBeGreaterThanOrEqual(511);
    // A copy with every zero frame materialised (what a structured clone makes) has the same fingerprint.
    const { frames } = r.state.memory;
    const chunks = new Map([...frames.chunks].map(([n, c]) => [n, c.map((f) => f?.slice())]));
    const copied = { ...r.state, memory: { ...r.state.memory, frames: new FrameMap(chunks, frames.size) } };
    expect(fingerprint(copied)).toBe(fingerprint(r.state));
  });
});
