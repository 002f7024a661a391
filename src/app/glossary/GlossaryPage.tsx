/** The glossary as a page (`#glossary`, `#glossary=<term>` scrolls to a term). */
import { useEffect } from 'react';
import { GLOSSARY, lookupTerm, termSlug } from '../../glossary/terms.ts';
import { useThemeAttribute } from '../landing/useThemeAttribute.ts';
import '../landing/landing.css';

const SORTED = [...GLOSSARY].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));

export function GlossaryPage({ term }: { term: string | null }) {
  useThemeAttribute();
  useEffect(() => {
    const entry = term === null ? undefined : lookupTerm(term);
    if (entry) document.getElementById(termSlug(entry))?.scrollIntoView?.({ block: 'start' });
  }, [term]);
  return (
    <main className="landing glossary-page" data-testid="glossary-page">
      <p>
        <a href="#tours">← Tours</a> · <a href="#workbench">Workbench</a>
      </p>
      <h1>Glossary</h1>
      {term !== null && term !== '' && lookupTerm(term) === undefined && (
        <p role="alert" data-testid="glossary-unknown">
          The glossary has no entry for “{term.length > 60 ? `${term.slice(0, 60)}…` : term}”; every term is listed
          below.
        </p>
      )}
      <p>
        The words the tours use, in plain terms. Facts follow the Linux kernel and the Intel VT-d specification; where
        PASID Atlas simplifies, the entry says so.
      </p>
      <dl className="glossary-list">
        {SORTED.map((t) => (
          <div key={t.term} id={termSlug(t)} className="glossary-entry">
            <dt>
              {t.term}
              {t.aliases && t.aliases.length > 0 && <span className="glossary-aliases"> ({t.aliases.join(', ')})</span>}
            </dt>
            <dd>
              {t.short}
              {t.more && <> {t.more}</>}
            </dd>
          </div>
        ))}
      </dl>
    </main>
  );
}
