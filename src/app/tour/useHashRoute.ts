/** The current hash route, kept in sync with `location.hash` (hash routing only, no history API). */
import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routeHash, type Route } from '../../tours/route.ts';

export type Navigate = (route: Route, opts?: { replace?: boolean }) => void;

export function useHashRoute(initial: Route): [Route, Navigate] {
  const [route, setRoute] = useState<Route>(initial);
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash) ?? { view: 'landing' });
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback<Navigate>((next, opts) => {
    setRoute(next);
    const hash = routeHash(next);
    if (window.location.hash === hash) return;
    // Stepping inside a tour replaces the entry, so Back leaves the tour instead of undoing stops.
    if (opts?.replace) window.location.replace(hash);
    else window.location.hash = hash;
  }, []);
  return [route, navigate];
}
