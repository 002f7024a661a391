/**
 * The status line under the header (role="status", as mail and document apps have): what a load,
 * Reset or document switch just did, with Undo; the way back to the user's saved work while a
 * link's document is shown; and a long load's progress with Cancel.
 */
import { useStore } from 'zustand';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { useLibrary } from '../../store/LibraryContext.ts';
import type { AppState } from '../../store/createAppStore.ts';
import type { Library } from '../../store/library.ts';
import { openStored } from '../../store/startup.ts';
import './status.css';

const selectNotice = (s: AppState) => s.notice;
const selectDoc = (s: AppState) => s.doc;

export function StatusMessage() {
  const library = useLibrary();
  const store = useAppStoreApi();
  const notice = useAppStore(selectNotice);
  return (
    <div className="status-line">
      {/* Progress sits outside the live region: its numbers change ten times a second. */}
      {library !== null && <Progress library={library} />}
      <div className="status-live" role="status" data-testid="status-line">
        {notice !== null && (
          <span className="status-item" data-testid="status-message" key={notice.id}>
            <span>{notice.text}</span>
            {notice.undo && (
              <button type="button" data-testid="status-undo" onClick={() => store.getState().undo()}>
                Undo
              </button>
            )}
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss"
              onClick={() => store.getState().setNotice(null)}
            >
              ✕
            </button>
          </span>
        )}
        {library !== null && <SavedWork library={library} />}
      </div>
    </div>
  );
}

/** "Your saved work: open it" while the document shown came from a link and other work is kept. */
function SavedWork({ library }: { library: Library }) {
  const store = useAppStoreApi();
  const doc = useAppStore(selectDoc);
  useStore(library.view, (v) => v.docs); // re-render when the list changes
  const saved = doc.origin === 'link' ? library.savedWork(doc.id) : null;
  if (saved === null) return null;
  return (
    <span className="status-item" data-testid="saved-work">
      <span>
        Your saved work, “{saved.name}” ({saved.steps.toLocaleString('en-US')} steps), is kept:
      </span>
      <button type="button" data-testid="saved-work-open" onClick={() => void openStored(store, library, saved, true)}>
        Open it
      </button>
    </span>
  );
}

/**
 * 12,345: digits grouped by hand, because a page's first toLocaleString sets up Intl (over 100 ms
 * on a loaded machine), and this line shows while a big document loads, before the first graph.
 */
const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');

function Progress({ library }: { library: Library }) {
  const task = useStore(library.tasks, (t) => t.task);
  if (task === null) return null;
  const pct = task.total > 0 ? Math.round((100 * task.done) / task.total) : 0;
  return (
    <span className="status-item" data-testid="load-progress">
      <span>
        {task.label}
        {task.total > 0 ? `: ${grouped(task.done)} of ${grouped(task.total)} steps` : ' …'}
      </span>
      <progress max={100} value={pct} aria-label={`${task.label}: ${pct}%`} />
      <button type="button" data-testid="load-cancel" onClick={task.cancel}>
        Cancel
      </button>
    </span>
  );
}
