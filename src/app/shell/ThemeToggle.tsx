/** Light/dark switch; the theme is a view setting (never in the op log). */
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectTheme } from '../../store/selectors.ts';

/** `inMenu`: the copy in the ⋯ menu, shown on the narrowest screens where the header has no room. */
export function ThemeToggle({ inMenu = false }: { inMenu?: boolean } = {}) {
  const store = useAppStoreApi();
  const theme = useAppStore(selectTheme);
  const next = theme === 'light' ? 'dark' : 'light';
  const name = theme === 'light' ? 'Dark' : 'Light';
  return (
    <button
      type="button"
      className={inMenu ? 'narrowest-only' : 'theme-toggle'}
      data-testid={inMenu ? 'theme-toggle-menu' : 'theme-toggle'}
      aria-label={`${name} theme`}
      title={`Switch to the ${name.toLowerCase()} theme`}
      onClick={() => store.getState().setTheme(next)}
    >
      {theme === 'light' ? '☾' : '☀'}
      <span className="wide-label"> {name}</span>
    </button>
  );
}
