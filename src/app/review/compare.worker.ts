/** Runs compareDesigns in a Web Worker so a million-DMA comparison never blocks the page. */
// The workload module only (not the engine index, which re-exports the zod scenario schema).
import { compareDesigns } from '../../engine/workload.ts';

type Opts = Parameters<typeof compareDesigns>[0];

self.onmessage = (e: MessageEvent<Opts>) => {
  try {
    self.postMessage({ ok: true, rows: compareDesigns(e.data) });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
