/**
 * Keep `<html data-theme>` in step with the theme on pages without the workbench. Inside the app
 * it follows the store; on the landing page shown before the app has loaded (src/app/Root.tsx) it
 * is the theme the visitor chose last time, or the system's.
 */
import { useContext, useEffect, useSyncExternalStore } from 'react';
import { readFirstView, localOrNull } from '../../store/firstView.ts';
import { StoreContext } from '../../store/StoreContext.ts';

let startTheme: 'light' | 'dark' | undefined;
function storedOrSystemTheme(): 'light' | 'dark' {
  startTheme ??=
    readFirstView(localOrNull()).theme ??
    ((window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false) ? 'dark' : 'light');
  return startTheme;
}
/** Forget the theme read at start (component tests share one module graph, test/setup-dom.ts). */
export function forgetStartTheme(): void {
  startTheme = undefined;
}
const noSubscribe = () => () => undefined;

export function useThemeAttribute(): void {
  const store = useContext(StoreContext);
  const theme = useSyncExternalStore(store?.subscribe ?? noSubscribe, () =>
    store === null ? storedOrSystemTheme() : store.getState().theme,
  );
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
}
