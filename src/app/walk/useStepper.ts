import { useCallback, useEffect, useState } from 'react';

export const PLAY_INTERVAL_MS = 700;

export interface Stepper {
  readonly index: number;
  readonly playing: boolean;
  back: () => void;
  forward: () => void;
  toggle: () => void;
  goTo: (i: number) => void;
}

/** Current step of a walk of `count` steps, with a play timer that advances every PLAY_INTERVAL_MS. */
export function useStepper(count: number, initial = 0): Stepper {
  const [index, setIndex] = useState(initial);
  const [playing, setPlaying] = useState(false);
  const last = Math.max(0, count - 1);

  useEffect(() => {
    if (!playing) return;
    if (index >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setIndex((i) => Math.min(i + 1, last)), PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, index, last]);

  const back = useCallback(() => setIndex((i) => Math.max(0, i - 1)), []);
  const forward = useCallback(() => setIndex((i) => Math.min(last, i + 1)), [last]);
  const goTo = useCallback((i: number) => setIndex(Math.max(0, Math.min(last, i))), [last]);
  const toggle = useCallback(() => {
    // Play from the start when already at the end.
    if (!playing && index >= last) setIndex(0);
    setPlaying(!playing);
  }, [playing, index, last]);

  return { index: Math.min(index, last), playing, back, forward, toggle, goTo };
}
