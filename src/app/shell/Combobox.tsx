/**
 * One combobox over a listbox (WAI-ARIA APG "combobox with listbox popup"): focus stays in the
 * input, `aria-activedescendant` names the active option; ↑/↓ move (wrapping), Home/End and
 * PageUp/PageDown jump, Enter chooses, Esc leaves. A click on an option chooses it without taking
 * focus from the input. Used by the graph's find box (`/`) and the command palette (Ctrl+K), which
 * differ only in what they list and what choosing does.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './combobox.css';

interface Props<T> {
  readonly items: readonly T[];
  /** A stable key per item; option ids are `${idPrefix}-${key}` (made id-safe). */
  readonly keyOf: (item: T) => string;
  readonly idPrefix: string;
  /** The input's and the listbox's accessible names. */
  readonly label: string;
  readonly listLabel: string;
  readonly placeholder: string;
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly onChoose: (item: T) => void;
  readonly onEscape: () => void;
  /** An option's content: `.combo-main`, `.combo-side` and `.combo-detail` spans are styled. */
  readonly renderItem: (item: T) => ReactNode;
  /** The status line under the list (a polite `role="status"`). */
  readonly status: ReactNode;
  readonly testIds: { readonly input: string; readonly status: string };
  /** Keep Tab in the input (a dialog whose only control it is). */
  readonly trapTab?: boolean;
  /** Shown between the list and the status when nothing matches. */
  readonly empty?: ReactNode;
}

const PAGE = 8;

export function Combobox<T>(p: Props<T>) {
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const n = p.items.length;
  const at = Math.min(active, Math.max(n - 1, 0));
  useEffect(() => {
    // The caret goes after a query typed before the input existed (the palette's type-ahead).
    const el = input.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);
  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
  }, [at, p.items]);

  const optionId = (item: T) => `${p.idPrefix}-${p.keyOf(item).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const listId = `${p.idPrefix}-list`;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const last = Math.max(n - 1, 0);
    const moves: Record<string, () => number> = {
      ArrowDown: () => (at + 1) % Math.max(n, 1),
      ArrowUp: () => (at - 1 + n) % Math.max(n, 1),
      Home: () => 0,
      End: () => last,
      PageDown: () => Math.min(at + PAGE, last),
      PageUp: () => Math.max(at - PAGE, 0),
    };
    const move = moves[e.key];
    const item = p.items[at];
    if (move) setActive(move());
    else if (e.key === 'Enter') {
      if (item !== undefined) p.onChoose(item);
    } else if (e.key === 'Escape') p.onEscape();
    else if (e.key !== 'Tab' || p.trapTab !== true) return;
    e.preventDefault();
  };
  const current = p.items[at];
  return (
    <>
      <input
        ref={input}
        className="combo-input"
        data-testid={p.testIds.input}
        role="combobox"
        aria-expanded={n > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current === undefined ? undefined : optionId(current)}
        aria-label={p.label}
        placeholder={p.placeholder}
        spellCheck={false}
        autoComplete="off"
        value={p.query}
        onChange={(e) => {
          p.onQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul ref={list} id={listId} className="combo-list" role="listbox" aria-label={p.listLabel}>
        {p.items.map((item, i) => (
          <li
            key={p.keyOf(item)}
            id={optionId(item)}
            role="option"
            aria-selected={i === at}
            className="combo-option"
            data-testid={optionId(item)}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => i !== at && setActive(i)}
            onClick={() => p.onChoose(item)}
          >
            {p.renderItem(item)}
          </li>
        ))}
      </ul>
      {n === 0 && p.empty}
      <p className="combo-status" role="status" data-testid={p.testIds.status}>
        {p.status}
      </p>
    </>
  );
}
