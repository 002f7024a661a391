/** Tour prose with its markup rendered: glossary terms as tooltips, `code` as code. */
import { parseMarkup } from '../../tours/markup.ts';
import { GlossaryTerm } from '../glossary/GlossaryTerm.tsx';

export function TourText({ text }: { text: string }) {
  return (
    <>
      {parseMarkup(text).map((s, i) =>
        s.kind === 'term' ? (
          <GlossaryTerm key={i} term={s.term}>
            {s.text}
          </GlossaryTerm>
        ) : s.kind === 'code' ? (
          <code key={i}>{s.text}</code>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
