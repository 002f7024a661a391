/**
 * The kept documents (store/library.ts): name, last change and step count, the one shown marked.
 * Opening one is undoable (the status line says so); deleting one frees storage (not the one shown).
 */
import { useStore } from 'zustand';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { useLibrary } from '../../store/LibraryContext.ts';
import type { Library } from '../../store/library.ts';
import type { AppState } from '../../store/createAppStore.ts';
import { openStored } from '../../store/startup.ts';
import { MenuButton } from './MenuButton.tsx';
import './status.css';

const selectDocId = (s: AppState) => s.doc.id;

function when(ms: number): string {
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function DocumentsMenu() {
  const library = useLibrary();
  if (library === null) return null;
  return <Menu library={library} />;
}

function Menu({ library }: { library: Library }) {
  return (
    <MenuButton
      label={
        <>
          <span aria-hidden="true">▤</span>
          <span className="wide-label"> Documents</span>
        </>
      }
      name="Documents"
      testId="documents-menu"
      className="documents-menu"
      title="Your recent documents, kept in this browser"
    >
      {(close) => <DocumentsList library={library} close={close} />}
    </MenuButton>
  );
}

/** The list itself (also shown inside the "⋯" menu on the narrowest screens, where the header has no room for its button). */
export function DocumentsList({ library, close }: { library: Library; close: (refocus?: boolean) => void }) {
  const store = useAppStoreApi();
  const shown = useAppStore(selectDocId);
  const docs = useStore(library.view, (v) => v.docs);
  return (
    <>
      <p className="menu-heading">Kept in this browser</p>
      {docs.length === 0 ? (
        <p className="muted documents-empty">Nothing saved yet: your work is saved here as you go.</p>
      ) : (
        <ul className="documents-list" aria-label="Documents kept in this browser" data-testid="documents-list">
          {docs.map((d) => (
            <li key={d.id} className={d.id === shown ? 'is-current' : undefined}>
              <button
                type="button"
                data-testid="documents-open"
                aria-current={d.id === shown ? 'true' : undefined}
                disabled={d.id === shown}
                onClick={() => {
                  close(true);
                  void openStored(store, library, d, true);
                }}
              >
                <span className="documents-name">{d.name}</span>
                <span className="documents-meta muted">
                  {d.id === shown ? 'open now · ' : d.origin === 'link' ? 'from a link · ' : ''}
                  {when(d.modified)} · {d.steps.toLocaleString('en-US')} steps
                </span>
              </button>
              {d.id !== shown && (
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={`Delete “${d.name}”`}
                  title="Delete from this browser"
                  onClick={() => library.remove(d.id)}
                >
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The list for the "⋯" menu: shown there only on the narrowest screens (status.css). */
export function DocumentsInMenu({ close }: { close: (refocus?: boolean) => void }) {
  const library = useLibrary();
  if (library === null) return null;
  return (
    <div className="documents-in-menu menu-section">
      <DocumentsList library={library} close={close} />
    </div>
  );
}
