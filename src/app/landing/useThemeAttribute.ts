/** Keep `<html data-theme>` in step with the store's theme on pages without the workbench. */
import { useEffect } from 'react';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectTheme } from '../../store/selectors.ts';

export function useThemeAttribute(): void {
  const theme = useAppStore(selectTheme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
}
