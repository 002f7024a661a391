/**
 * A header menu (disclosure pattern): a button that opens a fixed-position list kept on screen.
 * Escape or a click outside closes it and gives focus back to the button; ↑/↓ move between the
 * list's controls. Fixed positioning, because the header clips what overflows its one line.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  /** Visible button text. */
  readonly label: ReactNode;
  /** Accessible name of the button and the list, when the text alone is not enough (an icon). */
  readonly name: string;
  readonly testId: string;
  readonly className?: string;
  readonly title?: string;
  /**
   * The list's content; `close()` closes the menu leaving focus alone (call it before an action that
   * opens a dialog or moves focus), `close(true)` gives focus back to the button (an action done in place).
   */
  readonly children: (close: (refocus?: boolean) => void) => ReactNode;
}

const FOCUSABLE = 'button:not(:disabled), a[href], input:not(:disabled), select:not(:disabled), label.button';

export function MenuButton({ label, name, testId, className, title, children }: Props) {
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState({ top: 0, left: 0 });
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const toggle = () => {
    const r = buttonRef.current?.getBoundingClientRect();
    // Right-aligned under the button when it sits in the right half of the screen, always on screen.
    if (r) setAt({ top: r.bottom + 4, left: Math.max(4, Math.min(r.left, window.innerWidth - 272)) });
    setOpen(!open);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      close();
      e.preventDefault();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    if (document.activeElement instanceof HTMLSelectElement) return;
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length];
    next?.focus();
    e.preventDefault();
  };

  return (
    <div className={`menu-button ${className ?? ''}`} ref={rootRef} onKeyDown={open ? onKeyDown : undefined}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={name}
        title={title ?? name}
        data-testid={testId}
        onClick={toggle}
      >
        {label}
      </button>
      {open && (
        <div
          id={id}
          ref={listRef}
          className="menu-list"
          role="group"
          aria-label={name}
          style={at}
          data-testid={`${testId}-list`}
        >
          {children((refocus = false) => close(refocus))}
        </div>
      )}
    </div>
  );
}
