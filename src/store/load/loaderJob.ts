/**
 * One run of a loading worker (loader.worker.ts, share.worker.ts): parse and replay a scenario off
 * the main thread, gathering its sliced reply into one Prepared document. Light on purpose (types only from the
 * engine): the entry (main.tsx, through earlyShare.ts) starts a share link's job before the app's
 * chunks have arrived, and loadDocument.ts adopts it (issue 11).
 */
import type { Step } from '../../engine/index.ts';
import type { KeptLine } from '../history.ts';
import type { LoaderReply, LoaderRequest } from './serveLoads.ts';
import type { Prepared } from './prepare.ts';

export interface LoaderJob {
  /** Settles once: the prepared document, a refusal, or `cancelled` (cancel(), or a worker crash). */
  readonly result: Promise<Prepared>;
  /** The latest progress (steps replayed of total), null before the first report. */
  readonly progress: () => { readonly done: number; readonly total: number } | null;
  /** Whether the result has settled (the worker finished, failed or was cancelled). */
  readonly settled: () => boolean;
  /** Called on each progress report (replaces the previous listener). */
  onProgress: ((done: number, total: number) => void) | null;
  /** Stop the worker now; the result settles as cancelled (no effect once settled). */
  readonly cancel: () => void;
}

/** Parse and replay a scenario (text or parsed JSON) in the loader worker. */
export function startLoaderJob(request: LoaderRequest): LoaderJob {
  const worker = new Worker(new URL('./loader.worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage(request);
  return adoptLoaderJob(worker, []);
}

/** Decode and replay a share link in the share worker, which does not validate (share.worker.ts). */
export function startShareJob(hash: string): LoaderJob {
  const worker = new Worker(new URL('./share.worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage({ shareHash: hash, cursor: Infinity } satisfies LoaderRequest);
  return adoptLoaderJob(worker, []);
}

/**
 * A job for a worker already sent its request, with the events it posted so far (index.html starts
 * a big share link's worker before any chunk has run: vite.config.ts, earlyStart).
 */
export function adoptLoaderJob(worker: Worker, events: readonly Event[]): LoaderJob {
  let last: { done: number; total: number } | null = null;
  let settle: (p: Prepared) => void = () => undefined;
  let settled = false;
  const result = new Promise<Prepared>((resolve) => {
    settle = (p) => {
      worker.terminate();
      settle = () => undefined;
      settled = true;
      resolve(p);
    };
  });
  const steps: Step[] = [];
  const lines: KeptLine[] = [];
  const job: LoaderJob = {
    result,
    progress: () => last,
    settled: () => settled,
    onProgress: null,
    cancel: () => settle({ ok: false, cancelled: true }),
  };
  const onMessage = (e: MessageEvent<LoaderReply>) => {
    const m = e.data;
    if (m.kind === 'progress') {
      last = { done: m.done, total: m.total };
      job.onProgress?.(m.done, m.total);
    } else if (m.kind === 'slice') {
      for (const x of m.steps) steps.push(x as Step);
      for (const x of m.lines) lines.push(x as KeptLine);
    } else settle(m.result.ok ? { ok: true, doc: { ...m.result.doc, steps, lines } } : m.result);
  };
  const onError = (e: ErrorEvent) => {
    e.preventDefault();
    settle({ ok: false, message: `the replay stopped (${e.message || 'the worker ran out of memory'})` });
  };
  for (const e of events) {
    if (e instanceof MessageEvent) onMessage(e as MessageEvent<LoaderReply>);
    else if (e instanceof ErrorEvent) onError(e);
    else settle({ ok: false, message: 'the replay stopped (the worker could not start)' });
  }
  worker.onmessage = onMessage;
  worker.onerror = onError;
  return job;
}
