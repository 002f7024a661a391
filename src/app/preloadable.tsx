/**
 * A lazily loaded component that can be fetched ahead (`preload()`), and that renders at once —
 * without suspending — when its chunk has arrived before it is first rendered. React.lazy alone
 * suspends on every first render (its promise settles a microtask later), and React holds back the
 * reveal of content until 300 ms after the last fallback it showed (FALLBACK_THROTTLE_MS): on a
 * share link that delay was most of a second's idle time before the first graph (issue 11).
 */
import { lazy, useState, type ComponentType, type JSX } from 'react';

export interface Preloadable<P extends object> {
  (props: P): JSX.Element;
  /** Fetch the chunk now (once); resolves when it is ready. */
  preload(): Promise<unknown>;
}

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (pending ??= load().then((c) => {
      loaded = c;
      return c;
    }));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  function View(props: P) {
    // Chosen once per instance: switching from Lazy to the loaded type later would remount the view.
    const [Shown] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Shown {...props} />;
  }
  return Object.assign(View, { preload });
}
