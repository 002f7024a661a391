/** Runs compareDesigns in a Web Worker so a million-DMA comparison never blocks the page. */
import { compareDesigns } from '../../engine/index.ts';

type Opts = Parameters<typeof compareDesigns>[0];

self.onmessage = (e: MessageEvent<Opts>) => {
  try {
    self.postMessage({ ok: true, rows: compareDesigns(e.data) });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
