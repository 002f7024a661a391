/**
 * Open a scenario as a document without freezing the page: small ones are replayed at once on the
 * main thread; big ones (a large file, share link or saved document) in the loader worker, with a
 * progress task the header shows with Cancel. Cancel (or a failure) leaves the current document as
 * it was: the store changes only when the replay has finished.
 */
import { createStore } from 'zustand/vanilla';
import type { Step } from '../../engine/index.ts';
import type { KeptLine } from '../history.ts';
import type { AppStore, LoadOptions, PreparedDoc } from '../createAppStore.ts';
import { stepCountOf } from '../storage/layout.ts';
import { reviveState } from './revive.ts';
import { prepareDoc, type Prepared } from './prepare.ts';
import type { LoaderReply, LoaderRequest } from './loader.worker.ts';

/** Scenario text longer than this, or more steps than WORKER_STEPS, is replayed in the worker. */
export const WORKER_CHARS = 200_000;
export const WORKER_STEPS = 2_000;

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
}

function isBig(input: unknown): boolean {
  return typeof input === 'string' ? input.length > WORKER_CHARS : stepCountOf(input) > WORKER_STEPS;
}

function runInWorker(req: LoadRequest, cursor: number, tasks: TaskStore): Promise<Prepared> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./loader.worker.ts', import.meta.url), { type: 'module' });
    const finish = (p: Prepared) => {
      worker.terminate();
      tasks.setState({ task: null });
      resolve(p);
    };
    const cancel = () => finish({ ok: false, cancelled: true });
    tasks.setState({ task: { label: `Opening the ${req.source}`, done: 0, total: stepCountOf(req.input), cancel } });
    const steps: Step[] = [];
    const lines: KeptLine[] = [];
    worker.onmessage = (e: MessageEvent<LoaderReply>) => {
      const m = e.data;
      if (m.kind === 'progress') {
        const task = tasks.getState().task;
        if (task !== null) tasks.setState({ task: { ...task, done: m.done, total: m.total } });
      } else if (m.kind === 'slice') {
        for (const x of m.steps) steps.push(x as Step);
        for (const x of m.lines) lines.push(x as KeptLine);
      } else finish(m.result.ok ? { ok: true, doc: { ...m.result.doc, steps, lines } } : m.result);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      finish({ ok: false, message: `the replay stopped (${e.message || 'the worker ran out of memory'})` });
    };
    worker.postMessage({ input: req.input, cursor } satisfies LoaderRequest);
  });
}

function revive(doc: PreparedDoc): PreparedDoc {
  for (const st of doc.history.checkpoints) reviveState(st);
  reviveState(doc.history.cursorState);
  return { ...doc, history: { ...doc.history, memo: new Map() } };
}

/**
 * Parse, replay and install a document. Resolves true when it was installed, false when it was
 * refused (importError says why) or cancelled (a notice says so).
 */
export async function loadDocument(store: AppStore, req: LoadRequest, tasks: TaskStore): Promise<boolean> {
  const cursor = req.cursor ?? Infinity;
  tasks.getState().task?.cancel(); // one load at a time: the newest wins
  const useWorker = req.worker ?? (isBig(req.input) && typeof Worker !== 'undefined');
  const result = useWorker ? await runInWorker(req, cursor, tasks) : prepareDoc(req.input, cursor);
  if (!result.ok) {
    if ('cancelled' in result) store.getState().setNotice(`Opening the ${req.source} was cancelled; nothing changed.`);
    else store.getState().setImportError(`The ${req.source} was rejected: ${result.message}`);
    return false;
  }
  const doc = useWorker ? revive(result.doc) : result.doc;
  store.getState().installDocument(doc, Number.isFinite(cursor) ? cursor : doc.steps.length, req.source, req.options);
  return true;
}
