/**
 * A mid-sized share link (issue 11: the 2,240-step fleet's first graph ≤ 400 ms) is decoded,
 * validated and replayed on the main thread as soon as this chunk arrives: index.html imports it
 * before the entry chunk (React) has even been evaluated (vite.config.ts, earlyStart), so the work
 * fills the time the page otherwise spends waiting for and compiling the app's chunks.
 * startup.ts then takes the finished document instead of starting on it.
 *
 * Why not the share worker for such a link: on two cores the worker only starts 60–150 ms after
 * navigation (Chromium creates its thread late) and then competes with the page's own compiling;
 * measured, the page reached its first graph ~50 ms later with it than without it. Bigger links
 * (earlyShare.ts) still go to the worker, where a replay of seconds can show progress and be
 * cancelled.
 */
import { decodeShareHash, type ShareDecode } from '../shareLink.ts';
import { EARLY_TEXT_CHARS } from './workerSizes.ts';
import { prepareDoc, type Prepared } from './prepare.ts';

/** What was done early for one hash: the decoded link, and the document unless it was left to the worker. */
export interface EarlyPrepared {
  readonly link: ShareDecode;
  readonly prepared: Prepared | null;
}

/** What index.html's early start leaves (vite.config.ts, earlyStart): the early chunk's import, then its run. */
declare global {
  interface Window {
    __atlasEarlyPrepare?: Promise<unknown>;
  }
}

let early: { readonly hash: string; readonly done: EarlyPrepared } | null = null;
/** Set once the app has looked (takeEarlyPrepared): a preparation that comes later would be wasted. */
let taken = false;

/**
 * Decode, validate and replay `hash` now (the caller checked its size: vite.config.ts). A decoded
 * text longer than EARLY_TEXT_CHARS is only decoded (the loader worker replays it, with progress);
 * a replay that throws is left to the normal path, which reports it.
 */
export function prepareShareEarly(hash: string): void {
  if (taken) return;
  performance.mark('atlas:doc-start');
  const link = decodeShareHash(hash);
  let prepared: Prepared | null = null;
  if (link.kind === 'ok' && link.text.length <= EARLY_TEXT_CHARS) {
    try {
      prepared = prepareDoc(link.text, Infinity);
    } catch {
      prepared = null;
    }
  }
  early = { hash, done: { link, prepared } };
  // For the browser tests: which path a link took (the early chunk is the engine, loaded either way).
  if (prepared !== null) performance.mark('atlas:prepared-early');
}

/**
 * What was prepared early for `hash`, once; null when nothing was (or it was for another hash).
 * Waits for a preparation index.html started: on a busy machine its chunk may arrive after the
 * app's, and replaying the link again meanwhile would only compete with it.
 */
export async function takeEarlyPrepared(hash: string): Promise<EarlyPrepared | null> {
  const started = typeof window === 'undefined' ? undefined : window.__atlasEarlyPrepare;
  if (started !== undefined) {
    delete window.__atlasEarlyPrepare;
    await started;
  }
  const done = early;
  early = null;
  taken = true;
  return done !== null && done.hash === hash ? done.done : null;
}
