/** The walk SVG summary: a well-formed standalone SVG with the strips, every read and the outcome. */
import { describe, expect, it } from 'vitest';
import { makeExercise } from '../../src/engine/report/exercises.ts';
import { DARK_WALK_PALETTE, escapeXml, walkOutcomeLine, walkSvg } from '../../src/engine/report/walkSvg.ts';
import type { WalkStep } from '../../src/engine/index.ts';

describe('walkSvg', () => {
  it('renders every read of a walk with its address and raw entry', () => {
    const ex = makeExercise(42);
    const walk: readonly WalkStep[] = ex.result.walk;
    const { svg, width, height } = walkSvg(
      {
        device: ex.request.device,
        rid: ex.state.devices.get(ex.request.device)!.rid,
        pasid: ex.request.pasid ?? null,
        iova: ex.request.iova,
        access: ex.request.access,
        addressWidth: 48,
        outcome: ex.result.outcome,
        ...(ex.result.outcome === 'translated' ? { pa: ex.result.pa } : { fault: ex.result.fault }),
        walk,
      },
      DARK_WALK_PALETTE,
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(width).toBe(960);
    expect(height).toBeGreaterThan(200);
    for (const s of walk) {
      expect(svg).toContain(`>0x${s.entryAddr.toString(16)}<`);
      expect(svg).toContain(`>0x${s.entry.toString(16)}<`);
    }
    expect(svg).toContain(`Address ${ex.request.iova}`);
    expect(svg).toContain('fill="#14171c"');
  });

  it('says where the DMA landed or which fault, and IOTLB hit or miss', () => {
    const base = {
      device: 'mdev1',
      rid: 0x6a08,
      pasid: 1,
      iova: '0x2abc',
      access: 'write' as const,
      addressWidth: 48,
      walk: [],
    };
    const hit = walkSvg({
      ...base,
      outcome: 'translated',
      pa: 0x40002abcn,
      iotlb: 'hit',
      pageSize: 4096,
      target: { vm: 'vm1', gpa: 0x2abcn },
    }).svg;
    expect(hit).toContain('Translated → PA 0x40002abc in vm1 at GPA 0x2abc · IOTLB hit · 4KiB page');
    expect(hit).toContain('no memory reads: the IOTLB hit');
    expect(walkOutcomeLine({ ...base, outcome: 'translated', pa: 0x1000n, iotlb: 'miss' })).toBe(
      'Translated → PA 0x1000 (host memory) · IOTLB miss',
    );
    expect(walkOutcomeLine({ ...base, outcome: 'fault', fault: 'not-mapped', reason: 0x71, iotlb: 'miss' })).toBe(
      'Fault: not-mapped (reason 0x71) · IOTLB miss',
    );
  });

  it('escapes text', () => {
    expect(escapeXml('<a & "b">')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
  });
});
