/** Share link, export, import and reset. */
import { useRef, useState } from 'react';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { clearStored, scenarioTextOf } from '../../store/persist.ts';
import { encodeShareHash, shareUrl } from '../../store/shareLink.ts';

export function FileButtons() {
  const store = useAppStoreApi();
  const fileRef = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<string | null>(null);

  const share = async () => {
    const text = scenarioTextOf(store.getState());
    const url = shareUrl(text, window.location.href);
    window.history.replaceState(null, '', encodeShareHash(text));
    try {
      await navigator.clipboard.writeText(url);
      setNote('Share link copied');
    } catch {
      setNote('Share link is in the address bar');
    }
  };

  const exportFile = () => {
    const blob = new Blob([scenarioTextOf(store.getState())], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'pasid-atlas-scenario.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    if (store.getState().loadScenario(text, `file ${file.name}`)) setNote(`Imported ${file.name}`);
    if (fileRef.current) fileRef.current.value = '';
  };

  const reset = () => {
    clearStored();
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
    store.getState().reset();
    setNote(null);
  };

  return (
    <div className="button-group" role="group" aria-label="Scenario file">
      <button type="button" data-testid="share" onClick={() => void share()}>
        Share link
      </button>
      <button type="button" data-testid="export" onClick={exportFile}>
        Export
      </button>
      <label className="button" htmlFor="import-file">
        Import
      </label>
      <input id="import-file" ref={fileRef} className="visually-hidden" type="file" accept=".json,application/json" data-testid="import-file" onChange={(e) => void importFile(e.target.files?.[0])} />
      <button type="button" data-testid="reset" className="danger" onClick={reset}>
        Reset
      </button>
      {note !== null && (
        <span className="note" role="status" data-testid="file-note">
          {note}
        </span>
      )}
    </div>
  );
}
