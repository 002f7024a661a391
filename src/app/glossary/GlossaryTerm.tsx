/**
 * A glossary term inside prose: a focusable button whose definition shows as a tooltip on hover
 * and focus (aria-describedby), and toggles on click for touch screens. Esc closes it.
 */
import { useId, useState } from 'react';
import { lookupTerm, termSlug } from '../../glossary/terms.ts';

export function GlossaryTerm({ term, children }: { term: string; children: string }) {
  const entry = lookupTerm(term);
  const id = useId();
  const [open, setOpen] = useState(false);
  if (entry === undefined) return <>{children}</>;
  return (
    <span className={`gloss${open ? ' is-open' : ''}`}>
      <button
        type="button"
        className="gloss-term"
        aria-describedby={id}
        data-term={termSlug(entry)}
        onClick={() => setOpen(!open)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        {children}
      </button>
      <span role="tooltip" id={id} className="gloss-tip">
        <strong>{entry.term}</strong>: {entry.short}
      </span>
    </span>
  );
}
