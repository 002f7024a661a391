/** Parses and replays a big scenario off the main thread, posting progress; the page stays responsive and Cancel terminates it. */
import { prepareDoc } from './prepare.ts';

export type LoaderRequest = { readonly input: unknown; readonly cursor: number };
export type LoaderReply = { readonly kind: 'progress'; readonly done: number; readonly total: number } | { readonly kind: 'done'; readonly result: ReturnType<typeof prepareDoc> };

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
    self.postMessage({ kind: 'done', result } satisfies LoaderReply);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    self.postMessage({ kind: 'done', result: { ok: false, message: `the replay stopped: ${message}` } } satisfies LoaderReply);
  }
};
