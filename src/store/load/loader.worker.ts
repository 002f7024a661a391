/** Parses and replays a big scenario off the main thread, posting progress; the page stays responsive and Cancel terminates it. */
import { prepareDoc } from './prepare.ts';

export type LoaderRequest = { readonly input: unknown; readonly cursor: number };
export type LoaderReply =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  /** Steps and lines come in slices, so that no single message takes the page long to receive. */
  | { readonly kind: 'slice'; readonly steps: readonly unknown[]; readonly lines: readonly unknown[] }
  /** The document without its steps and lines (sent as slices before this). */
  | { readonly kind: 'done'; readonly result: ReturnType<typeof prepareDoc> };

/** Steps (with their lines) per slice message: each takes the page a few tens of ms to receive. */
const SLICE = 5_000;

let last = 0;
self.onmessage = (e: MessageEvent<LoaderRequest>) => {
  try {
    const result = prepareDoc(e.data.input, e.data.cursor, (done, total) => {
      const t = Date.now();
      if (t - last >= 100) {
        last = t;
        self.postMessage({ kind: 'progress', done, total } satisfies LoaderReply);
      }
    });
    if (!result.ok) {
      self.postMessage({ kind: 'done', result } satisfies LoaderReply);
      return;
    }
    const { steps, lines } = result.doc;
    for (let i = 0; i < steps.length; i += SLICE)
      self.postMessage({
        kind: 'slice',
        steps: steps.slice(i, i + SLICE),
        lines: lines.slice(i, i + SLICE),
      } satisfies LoaderReply);
    self.postMessage({
      kind: 'done',
      result: { ok: true, doc: { ...result.doc, steps: [], lines: [] } },
    } satisfies LoaderReply);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    self.postMessage({
      kind: 'done',
      result: { ok: false, message: `the replay stopped: ${message}` },
    } satisfies LoaderReply);
  }
};
