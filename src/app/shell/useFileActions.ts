/** Share link, scenario export, import and reset: the header's file actions and their one-line note. */
import { useEffect, useRef, useState } from 'react';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { useLibrary } from '../../store/LibraryContext.ts';
import { loadDocument } from '../../store/load/loadDocument.ts';
import { scenarioTextOf } from '../../store/persist.ts';
import { encodeShareHash, shareUrl } from '../../store/shareLink.ts';
import { downloadText } from '../export/download.ts';

export function useFileActions() {
  const store = useAppStoreApi();
  const library = useLibrary();
  const fileRef = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<string | null>(null);
  // The note speaks of the document as it was ("Share link copied"): once its steps or the document
  // itself change, it would be stale, so it goes.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.steps !== prev.steps || s.doc !== prev.doc || s.cursor !== prev.cursor) setNote(null);
      }),
    [store],
  );

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

  const exportFile = () =>
    downloadText(scenarioTextOf(store.getState()), 'pasid-atlas-scenario.json', 'application/json');

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    if (fileRef.current) fileRef.current.value = '';
    setNote(null);
    // A big file is replayed in the loader worker (progress and Cancel in the header); the status line says what happened.
    if (library !== null) await loadDocument(store, { input: text, source: `file ${file.name}` }, library.tasks);
    else store.getState().loadScenario(text, `file ${file.name}`);
  };

  // Reset starts a new empty document: the old one stays among the kept documents and Undo brings it back.
  const reset = () => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
    store.getState().reset();
    setNote(null);
  };

  return { fileRef, note, setNote, share, exportFile, importFile, reset };
}

export type FileActions = ReturnType<typeof useFileActions>;
