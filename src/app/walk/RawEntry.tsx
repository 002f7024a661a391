import { hex } from '../../engine/index.ts';
import { entryQwords } from './labels.ts';

export interface RawEntryProps {
  /** Entry size in 32-bit words (the walk step's `words`). */
  readonly words: number;
  readonly entry: bigint;
}

/** A raw entry, one qword per line (highest first), hex digits grouped by four. */
export function RawEntry({ words, entry }: RawEntryProps) {
  const qwords = entryQwords(words, entry);
  const shown = qwords.filter((q) => q.index < 4 || q.text !== '0000_0000_0000_0000');
  const hidden = qwords.length - shown.length;
  return (
    <div className="raw-entry mono" aria-label={`raw entry ${hex(entry)}`}>
      {shown.map((q) => (
        <div key={q.index}>
          <span className="raw-q">q{q.index}</span> {q.text}
        </div>
      ))}
      {hidden > 0 ? <div className="muted">q4–q7 all zero</div> : null}
    </div>
  );
}
