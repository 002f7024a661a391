/** A visible banner for import and share-link problems (the document was kept). */
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectImportError } from '../../store/selectors.ts';

export function ErrorBanner() {
  const store = useAppStoreApi();
  const message = useAppStore(selectImportError);
  if (message === null) return null;
  return (
    <div className="banner error" role="alert" data-testid="error-banner">
      <span>{message}</span>
      <button type="button" onClick={() => store.getState().setImportError(null)} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
