/**
 * A form's refused field (fieldIssue.ts) and how a screen reader hears it. On Apply the first bad field takes
 * focus, and the reader reads it with its message (aria-describedby). When that field already had focus (Enter
 * pressed in it), focus does not move and nothing would be read, so the message goes to the form's polite live
 * region instead (FieldIssueLive) — only then, so the usual case is not announced twice.
 */
import { useState } from 'react';
import { focusField, type FieldIssue } from './fieldIssue.ts';

/** What the live region says; `n` changes on every announcement so a repeated message is read again. */
export interface Spoken {
  readonly text: string;
  readonly n: number;
}

export function useFieldIssue(idPrefix: string) {
  const [issue, setIssue] = useState<FieldIssue | null>(null);
  const [spoken, setSpoken] = useState<Spoken | null>(null);

  /** Show `at` (or clear it) after an Apply of `form`, moving focus to its field or announcing it there. */
  const show = (form: Element, at: FieldIssue | null) => {
    setIssue(at);
    const moved = at !== null && focusField(form, `${idPrefix}-${at.field}`);
    setSpoken((old) => (at === null || moved ? null : { text: at.text, n: (old?.n ?? 0) + 1 }));
  };

  /** The user edited `name`: its message no longer holds. */
  const edited = (name: string) => {
    if (issue?.field !== name) return;
    setIssue(null);
    setSpoken(null);
  };

  return { issue, spoken, show, edited };
}
