/**
 * The message loop of a loading worker (loader.worker.ts, share.worker.ts): run `prepare` on each
 * request, posting progress at most every 100 ms, then the steps and lines in slices and the rest of
 * the document last (loaderJob.ts gathers them).
 */
import type { Prepared } from './prepare.ts';

export type LoaderRequest =
  | { readonly input: unknown; readonly cursor: number }
  /** A big `#s=` location hash (store/shareLink.ts), for share.worker.ts. */
  | { readonly shareHash: string; readonly cursor: number };
export type LoaderReply =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  /** Steps and lines come in slices, so that no single message takes the page long to receive. */
  | { readonly kind: 'slice'; readonly steps: readonly unknown[]; readonly lines: readonly unknown[] }
  /** The document without its steps and lines (sent as slices before this). */
  | { readonly kind: 'done'; readonly result: Prepared };

/** Steps (with their lines) per slice message: each takes the page a few tens of ms to receive. */
const SLICE = 5_000;

type OnProgress = (done: number, total: number) => void;

export function serveLoads(prepare: (req: LoaderRequest, onProgress: OnProgress) => Prepared): void {
  let last = 0;
  const onProgress: OnProgress = (done, total) => {
    const t = Date.now();
    if (t - last >= 100) {
      last = t;
      self.postMessage({ kind: 'progress', done, total } satisfies LoaderReply);
    }
  };
  self.onmessage = (e: MessageEvent<LoaderRequest>) => {
    try {
      const result = prepare(e.data, onProgress);
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
}
