import type { Spoken } from './useFieldIssue.ts';

/**
 * The form's polite live region for a field message that focus did not carry (useFieldIssue.ts). Not a
 * role="status": the page's status line is the one status a test or a reader looks for. Each announcement is a
 * fresh node (keyed by its count), which readers announce as an addition even when the text is the same.
 */
export function FieldIssueLive({ spoken }: { spoken: Spoken | null }) {
  return (
    <p aria-live="polite" className="visually-hidden" data-testid="field-issue-live">
      {spoken !== null && <span key={spoken.n}>{spoken.text}</span>}
    </p>
  );
}
