/**
 * The one radix walk (iommu/radix.ts) on every entry format the engine builds: tables made by the
 * same map/unmap code the ops use, then walked; the decisions it records, the leaf, and each
 * format's own fault codes.
 */
import { describe, expect, it } from 'vitest';
import { AMD_V1, AMD_V2 } from '../../src/engine/amd/layout.ts';
import { mapRange, unmapRange } from '../../src/engine/iommu/pagetable.ts';
import type { PteFormat } from '../../src/engine/iommu/pte.ts';
import { walkNested, walkRadix } from '../../src/engine/iommu/radix.ts';
import { Decision, Outcome, Structure, TranslateResult, WalkTrace, type Frames } from '../../src/engine/iommu/walk.ts';
import { MemoryDraft, emptyMemory } from '../../src/engine/memory.ts';
import { ARM_LPAE_S1, ARM_LPAE_S2 } from '../../src/engine/smmu/layout.ts';
import { VTD_FIRST_STAGE, VTD_SECOND_STAGE } from '../../src/engine/vtd/formats.ts';

const FORMATS: readonly PteFormat[] = [VTD_SECOND_STAGE, VTD_FIRST_STAGE, ARM_LPAE_S1, ARM_LPAE_S2, AMD_V1, AMD_V2];
/** Formats whose entries can deny reads (the others' leaves always grant them). */
const DENIES_READ = new Set([VTD_SECOND_STAGE, ARM_LPAE_S2, AMD_V1]);

const IOVA_PFN = 0x12345; // 0x12345000
const PA_PFN = 0x800;

function table(fmt: PteFormat, write: boolean, pages = 1, iovaPfn = IOVA_PFN, paPfn = PA_PFN) {
  const mem = new MemoryDraft(emptyMemory(64 * 2 ** 20));
  const stats = { allocated: 0, freed: 0 };
  const root = mem.allocFrame('root');
  mapRange(mem, root, 4, iovaPfn, paPfn, pages, true, write, stats, fmt);
  return { mem, root, stats, frames: mem.commit().frames };
}

function walk(fmt: PteFormat, frames: Frames, root: number, vpfn: number, write: boolean) {
  const trace = new WalkTrace();
  const out = new TranslateResult();
  const pfn = walkRadix(frames, fmt, root, 4, vpfn, write, trace, Structure.PL0, out);
  const decisions = Array.from(trace.decision.subarray(0, trace.length));
  const names = Array.from(trace.structure.subarray(0, trace.length), (c) => c - Structure.PL0);
  return { pfn, out, decisions, names };
}

describe.each(FORMATS.map((f) => [f.name, f] as const))('the radix walk on %s entries', (_name, fmt) => {
  it('reads four levels, follows three pointers and stops at the 4 KiB leaf', () => {
    const { frames, root } = table(fmt, true);
    const w = walk(fmt, frames, root, IOVA_PFN, false);
    expect(w.pfn).toBe(PA_PFN);
    expect(w.names).toEqual([4, 3, 2, 1]);
    expect(w.decisions).toEqual([Decision.NEXT, Decision.NEXT, Decision.NEXT, Decision.LEAF]);
    expect(w.out).toMatchObject({ level: 1, leafPfn: PA_PFN, leafRead: true, leafWrite: true });
  });

  it('finds a 2 MiB leaf at level 2 and offsets into it', () => {
    const { frames, root } = table(fmt, true, 512, 0x200, 0x400);
    const w = walk(fmt, frames, root, 0x200 + 7, false);
    expect(w.pfn).toBe(0x400 + 7);
    expect(w.decisions).toEqual([Decision.NEXT, Decision.NEXT, Decision.LEAF]);
    expect(w.out.level).toBe(2);
  });

  it('faults not-mapped with its own code where an entry is not present', () => {
    const { frames, root } = table(fmt, true);
    const w = walk(fmt, frames, root, IOVA_PFN + 1, false);
    expect(w.pfn).toBe(-1);
    expect(w.out.outcome).toBe(Outcome.NOT_MAPPED);
    expect(w.out.reason).toBe(fmt.faults.notPresent);
    expect(w.decisions.at(-1)).toBe(Decision.NOT_PRESENT);
  });

  it('refuses a write to a read-only page with its own code', () => {
    const { frames, root } = table(fmt, false);
    const w = walk(fmt, frames, root, IOVA_PFN, true);
    expect(w.out.outcome).toBe(Outcome.WRITE_DENIED);
    expect(w.out.reason).toBe(fmt.faults.write);
    expect(w.decisions).toEqual([Decision.NEXT, Decision.NEXT, Decision.NEXT, Decision.DENIED]);
    expect(walk(fmt, frames, root, IOVA_PFN, false).pfn).toBe(PA_PFN);
  });

  it('refuses a read of a write-only page only where the format can say so', () => {
    const mem = new MemoryDraft(emptyMemory(64 * 2 ** 20));
    const root = mem.allocFrame('root');
    mapRange(mem, root, 4, IOVA_PFN, PA_PFN, 1, false, true, { allocated: 0, freed: 0 }, fmt);
    const w = walk(fmt, mem.commit().frames, root, IOVA_PFN, false);
    if (DENIES_READ.has(fmt)) {
      expect(w.out.outcome).toBe(Outcome.READ_DENIED);
      expect(w.out.reason).toBe(fmt.faults.read);
    } else {
      expect(w.pfn).toBe(PA_PFN);
    }
  });

  it('agrees with unmap: an unmapped page no longer walks', () => {
    const { mem, root, stats } = table(fmt, true, 2);
    expect(unmapRange(mem, root, 4, IOVA_PFN, 1, stats, fmt)).toEqual([{ iovaPfn: IOVA_PFN, pages: 1 }]);
    const frames = mem.commit().frames;
    expect(walk(fmt, frames, root, IOVA_PFN, false).out.outcome).toBe(Outcome.NOT_MAPPED);
    expect(walk(fmt, frames, root, IOVA_PFN + 1, false).pfn).toBe(PA_PFN + 1);
  });
});

describe('the nested walk', () => {
  it('translates every first-stage table and the output through the second stage, naming reads s1-/s2-', () => {
    const mem = new MemoryDraft(emptyMemory(64 * 2 ** 20));
    const stats = { allocated: 0, freed: 0 };
    // Guest RAM: GPA 0..4 MiB at HPA 0x1000000 (identity offset), mapped by the second stage.
    const s2 = mem.allocFrame('s2 root');
    mapRange(mem, s2, 4, 0, 0x1000, 1024, true, true, stats, VTD_SECOND_STAGE);
    // The guest's first-stage tables live at GPAs 0x1000..0x4000 (HPA 0x1001000..).
    for (let i = 0; i < 4; i++) mem.installAt(0x1001000 + i * 0x1000);
    const gpaSpace = {
      word: (gpa: number, i: number) => mem.word(gpa + 0x1000000, i),
      write: (gpa: number, words: ArrayLike<number>) => mem.write(gpa + 0x1000000, words),
    };
    let next = 0x2000;
    const s1Root = 0x1000;
    mapGuest(gpaSpace, s1Root, () => (next += 0x1000) - 0x1000);
    const trace = new WalkTrace();
    const out = new TranslateResult();
    const pfn = walkNested(
      mem.commit().frames,
      VTD_FIRST_STAGE,
      s1Root,
      4,
      VTD_SECOND_STAGE,
      s2,
      4,
      Infinity,
      0x40,
      false,
      trace,
      out,
    );
    // GPA 0x200000 (guest page 0x200) → HPA 0x1200000.
    expect(pfn).toBe(0x1000 + 0x200);
    // The second stage maps guest RAM with 2 MiB pages: three reads (s2-pl4..s2-pl2) per translation.
    expect(trace.length).toBe(4 * 3 + 4 + 3);
    const codes = Array.from(trace.structure.subarray(0, trace.length));
    expect(codes.slice(0, 4)).toEqual([24, 23, 22, 14]);
    expect(codes.at(-4)).toBe(11);
    expect(out.level).toBe(1);
  });
});

/** Guest tables mapping VA page 0x40 to GPA page 0x200, built entry by entry (x86-64 format). */
function mapGuest(
  space: { word(a: number, i: number): number; write(a: number, w: ArrayLike<number>): void },
  root: number,
  alloc: () => number,
): void {
  let table = root;
  for (let level = 4; level > 1; level--) {
    const child = alloc();
    const index = Math.floor(0x40 / 512 ** (level - 1)) & 511;
    space.write(table + index * 8, VTD_FIRST_STAGE.table(child, level));
    table = child;
  }
  space.write(table + 0x40 * 8, VTD_FIRST_STAGE.leaf(0x200 * 4096, true, true, 1));
}
