/**
 * Runs a design comparison off the critical path: in a Web Worker where there is one, otherwise in
 * a setTimeout after the "Running…" state has painted (jsdom, or a worker that fails to start).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { compareDesigns, type DesignRow } from '../../engine/index.ts';

export type CompareOpts = Parameters<typeof compareDesigns>[0];
export type RunState =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly rows: readonly DesignRow[]; readonly ms: number; readonly opts: CompareOpts }
  | { readonly status: 'error'; readonly message: string };

type Reply = { ok: true; rows: DesignRow[] } | { ok: false; message: string };

export function useCompareRun(): [RunState, (opts: CompareOpts) => void] {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const cancel = useRef<(() => void) | null>(null);
  useEffect(() => () => cancel.current?.(), []);

  const run = useCallback((opts: CompareOpts) => {
    cancel.current?.();
    setState({ status: 'running' });
    const t0 = performance.now();
    let live = true;
    const finish = (reply: Reply) => {
      if (!live) return;
      live = false;
      cancel.current = null;
      setState(
        reply.ok
          ? { status: 'done', rows: reply.rows, ms: performance.now() - t0, opts }
          : { status: 'error', message: reply.message },
      );
    };
    const inline = () => {
      const timer = setTimeout(() => {
        try {
          finish({ ok: true, rows: compareDesigns(opts) });
        } catch (error) {
          finish({ ok: false, message: error instanceof Error ? error.message : String(error) });
        }
      }, 0);
      cancel.current = () => {
        live = false;
        clearTimeout(timer);
      };
    };
    if (typeof Worker === 'undefined') return inline();
    let worker: Worker;
    try {
      worker = new Worker(new URL('./compare.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      return inline();
    }
    worker.onmessage = (e: MessageEvent<Reply>) => {
      worker.terminate();
      finish(e.data);
    };
    worker.onerror = () => {
      worker.terminate();
      if (live) inline();
    };
    worker.postMessage(opts);
    cancel.current = () => {
      live = false;
      worker.terminate();
    };
  }, []);

  return [state, run];
}
