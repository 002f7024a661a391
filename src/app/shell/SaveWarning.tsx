/**
 * A persistent warning while autosave fails (quota, private mode, storage disabled): what failed
 * and what to do, with the export one click away. It goes away by itself once a save works again.
 */
import { useStore } from 'zustand';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { useLibrary } from '../../store/LibraryContext.ts';
import type { Library } from '../../store/library.ts';
import { scenarioTextOf } from '../../store/persist.ts';
import { downloadText } from '../export/download.ts';

export function SaveWarning() {
  const library = useLibrary();
  return library === null ? null : <Warning library={library} />;
}

function Warning({ library }: { library: Library }) {
  const store = useAppStoreApi();
  const warning = useStore(library.view, (v) => v.warning);
  if (warning === null) return null;
  return (
    <div className="banner warning save-warning" role="alert" data-testid="save-warning">
      <span>{warning}</span>
      <button
        type="button"
        className="banner-action"
        data-testid="save-warning-export"
        onClick={() => downloadText(scenarioTextOf(store.getState()), 'pasid-atlas-scenario.json', 'application/json')}
      >
        Export now
      </button>
    </div>
  );
}
