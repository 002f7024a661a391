/**
 * Parses and replays a big scenario off the main thread, posting progress; the page stays
 * responsive and Cancel terminates it. A share link comes as its hash, decoded here too.
 */
import { decodeShareHash } from '../shareLink.ts';
import { prepareDoc, type Prepared } from './prepare.ts';

export type LoaderRequest =
  | { readonly input: unknown; readonly cursor: number }
  /** A `#s=` location hash (store/shareLink.ts), decoded in the worker; one that does not decode is refused. */
  | { readonly shareHash: string; readonly cursor: number };
export type LoaderReply =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  /** Steps and lines come in slices, so that no single message takes the page long to receive. */
  | { readonly kind: 'slice'; readonly steps: readonly unknown[]; readonly lines: readonly unknown[] }
  /** The document without its steps and lines (sent as slices before this). */
  | { readonly kind: 'done'; readonly result: Prepared };

/** Steps (with their lines) per slice message: each takes the page a few tens of ms to receive. */
const SLICE = 5_000;

/** The scenario text of a request, or the refusal of a share link that does not decode. */
function inputOf(req: LoaderRequest): { input: unknown } | { refused: Prepared } {
  if (!('shareHash' in req)) return { input: req.input };
  const link = decodeShareHash(req.shareHash);
  if (link.kind === 'ok') return { input: link.text };
  const message = link.kind === 'broken' ? link.message : 'the link has no #s= scenario data';
  return { refused: { ok: false, message } };
}

let last = 0;
self.onmessage = (e: MessageEvent<LoaderRequest>) => {
  try {
    const req = inputOf(e.data);
    if ('refused' in req) {
      self.postMessage({ kind: 'done', result: req.refused } satisfies LoaderReply);
      return;
    }
    const result = prepareDoc(req.input, e.data.cursor, (done, total) => {
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
