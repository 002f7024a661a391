/**
 * A big share link starts loading before the app's chunks have arrived (index.html, else main.tsx):
 * the share worker decodes and replays it while the page downloads and compiles the app, and
 * startup.ts adopts the job, validating the link itself meanwhile. A mid-sized link is prepared on
 * the main thread as soon as its chunk arrives instead (earlyPrepare.ts says why); a small one is
 * quicker still with the app, so it simply waits for it (issue 11: first graph ≤ 400 ms).
 */
import { adoptLoaderJob, startShareJob, type LoaderJob } from './loaderJob.ts';

/** What index.html's early start leaves for the entry (vite.config.ts, earlyStart). */
interface EarlyStart {
  readonly hash: string;
  readonly worker: Worker;
  readonly events: Event[];
}
declare global {
  interface Window {
    __atlasEarly?: EarlyStart;
  }
}

/** A hash at least this long (about 1,000 steps of scenario) is loaded early: earlyPrepare.ts. */
export const EARLY_HASH_CHARS = 8_000;
/**
 * A hash longer than this (about 12,000 steps) is loaded early in the share worker instead. Up to
 * here the main thread is quicker: the 256 VMs × 16 mdevs fleet (75,682 characters, 8,960 steps)
 * showed its first graph after ~455 ms that way against ~760 ms through the worker, whose thread
 * starts late and whose document is cloned back to the page. Beyond, a replay of seconds belongs in
 * the worker, where it shows progress and can be cancelled (512×16: ~1.2 s on the main thread).
 */
export const WORKER_HASH_CHARS = 100_000;

let early: { readonly hash: string; readonly job: LoaderJob } | null = null;

/**
 * Start loading `hash` in the share worker when it is a big share link (and workers exist), or
 * adopt the worker index.html started on it.
 */
export function startEarlyShareLoad(hash: string): void {
  const started = window.__atlasEarly;
  delete window.__atlasEarly;
  if (started !== undefined) {
    if (started.hash === hash) {
      early = { hash, job: adoptLoaderJob(started.worker, started.events) };
      return;
    }
    started.worker.terminate();
  }
  if (!hash.startsWith('#s=') || hash.length <= WORKER_HASH_CHARS || typeof Worker === 'undefined') return;
  early = { hash, job: startShareJob(hash) };
}

/** The job started for `hash`, once (a job for another hash is cancelled: the link changed meanwhile). */
export function takeEarlyShareLoad(hash: string): LoaderJob | null {
  const taken = early;
  early = null;
  if (taken === null) return null;
  if (taken.hash === hash) return taken.job;
  taken.job.cancel();
  return null;
}
