import { describe, expect, it } from 'vitest';
import { createAppStore, currentState } from '../../src/store/createAppStore.ts';
import { dmarFaultLine } from '../../src/tours/dmarLog.ts';
import { tourById } from '../../src/tours/index.ts';
import { showStop } from '../../src/tours/session.ts';

describe('kernel log line of a fault', () => {
  it.each([
    [
      0,
      'DMAR: [DMA Read NO_PASID] Request device [01:00.0] fault addr 0x1000 [fault reason 0x39] SM: Present bit in Root Entry is clear',
    ],
    [
      1,
      'DMAR: [DMA Read PASID 0x5] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59] SM: Present bit in PASID Table Entry is clear',
    ],
    [
      3,
      'DMAR: [DMA Write NO_PASID] Request device [6a:01.0] fault addr 0x10000 [fault reason 0x85] SM: No write permission for Write/AtomicOp request',
    ],
    [
      6,
      'DMAR: [DMA Read NO_PASID] Request device [6a:01.0] fault addr 0x1000000000000 [fault reason 0x83] SM: Address beyond the DMA hardware max',
    ],
  ])('faults stop %i', (stop, line) => {
    const store = createAppStore();
    showStop(store, tourById('faults')!, stop);
    const s = store.getState();
    expect(dmarFaultLine(currentState(s), s.lastDma!.request, s.lastDma!.result)).toBe(line);
  });
});
