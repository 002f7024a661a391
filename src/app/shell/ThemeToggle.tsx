/** Light/dark switch; the theme is a view setting (never in the op log). */
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectTheme } from '../../store/selectors.ts';

export function ThemeToggle() {
  const store = useAppStoreApi();
  const theme = useAppStore(selectTheme);
  const next = theme === 'light' ? 'dark' : 'light';
  return (
    <button type="button" data-testid="theme-toggle" aria-pressed={theme === 'dark'} onClick={() => store.getState().setTheme(next)}>
      {theme === 'light' ? '☾ Dark' : '☀ Light'}
    </button>
  );
}
