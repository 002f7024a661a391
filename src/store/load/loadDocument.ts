/**
 * Open a scenario as a document without freezing the page: small ones are replayed at once on the
 * main thread; big ones (a large file, share link or saved document) in the loader worker, with a
 * progress task the header shows with Cancel. Cancel (or a failure) leaves the current document as
 * it was: the store changes only when the replay has finished.
 */
import { createStore } from 'zustand/vanilla';
import type { AppStore, LoadOptions, PreparedDoc } from '../createAppStore.ts';
import { stepCountOf } from '../storage/layout.ts';
import { reviveState } from './revive.ts';
import { prepareDoc, type Prepared } from './prepare.ts';
import { startLoaderJob, type LoaderJob } from './loaderJob.ts';
import { WORKER_CHARS, WORKER_STEPS } from './workerSizes.ts';

export { WORKER_CHARS, WORKER_STEPS } from './workerSizes.ts';

export interface LoadTask {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  readonly cancel: () => void;
}
export type TaskStore = ReturnType<typeof createTaskStore>;
export function createTaskStore() {
  return createStore<{ task: LoadTask | null }>()(() => ({ task: null }));
}

export interface LoadRequest {
  /** Scenario text or parsed JSON. */
  readonly input: unknown;
  /** What it is, for messages ("file big.json", "share link"). */
  readonly source: string;
  readonly cursor?: number;
  readonly options?: LoadOptions;
  /** Force the worker (true) or the main thread (false); default: by size. */
  readonly worker?: boolean;
  /** A worker job already running on this input (a share link started by the entry: earlyShare.ts). */
  readonly job?: LoaderJob;
  /** This input already parsed and replayed on the main thread (a share link: earlyPrepare.ts). */
  readonly prepared?: Prepared;
}

function isBig(input: unknown): boolean {
  return typeof input === 'string' ? input.length > WORKER_CHARS : stepCountOf(input) > WORKER_STEPS;
}

/** Wait for a worker job, showing it as the header's task (with Cancel) meanwhile. */
async function awaitJob(job: LoaderJob, req: LoadRequest, tasks: TaskStore): Promise<Prepared> {
  const total = job.progress()?.total ?? stepCountOf(req.input);
  tasks.setState({
    task: { label: `Opening the ${req.source}`, done: job.progress()?.done ?? 0, total, cancel: job.cancel },
  });
  job.onProgress = (done, total) => {
    const task = tasks.getState().task;
    if (task !== null) tasks.setState({ task: { ...task, done, total } });
  };
  const result = await job.result;
  job.onProgress = null;
  if (tasks.getState().task?.cancel === job.cancel) tasks.setState({ task: null });
  return result;
}

function revive(doc: PreparedDoc): PreparedDoc {
  for (const st of doc.history.checkpoints) reviveState(st);
  reviveState(doc.history.cursorState);
  return { ...doc, history: { ...doc.history, memo: new Map() } };
}

/** The worker job that prepares the request: the one it came with, a new one for a big input, or none. */
function jobFor(req: LoadRequest, cursor: number): LoaderJob | null {
  if (req.job !== undefined) return req.job;
  const inWorker = req.worker ?? (isBig(req.input) && typeof Worker !== 'undefined');
  return inWorker ? startLoaderJob({ input: req.input, cursor }) : null;
}

/**
 * Parse, replay and install a document. Resolves true when it was installed, false when it was
 * refused (importError says why) or cancelled (a notice says so).
 */
export async function loadDocument(store: AppStore, req: LoadRequest, tasks: TaskStore): Promise<boolean> {
  const cursor = req.cursor ?? Infinity;
  tasks.getState().task?.cancel(); // one load at a time: the newest wins
  // Prepared already, or here and now (installed without waiting a turn), or by a worker job.
  const job = req.prepared === undefined ? jobFor(req, cursor) : null;
  const result = job === null ? (req.prepared ?? prepareDoc(req.input, cursor)) : await awaitJob(job, req, tasks);
  if (!result.ok) {
    if ('cancelled' in result) store.getState().setNotice(`Opening the ${req.source} was cancelled; nothing changed.`);
    else store.getState().setImportError(`The ${req.source} was rejected: ${result.message}`);
    return false;
  }
  const doc = job === null ? result.doc : revive(result.doc);
  store.getState().installDocument(doc, Number.isFinite(cursor) ? cursor : doc.steps.length, req.source, req.options);
  return true;
}
