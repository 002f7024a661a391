/**
 * The form of one guided action: its kernel-terms summary, fields with state-derived defaults, the
 * ops it will run (so the recipe is never a black box), and Apply. A recipe of several ops is applied
 * with the store's applyGroup: all or nothing, one undo step, each op in the log.
 */
import { useMemo, useState, type SubmitEvent } from 'react';
import { validateCommand, type ValidCommand } from '../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState } from '../../store/selectors.ts';
import { fieldIssue } from './fieldIssue.ts';
import { editField, resolveFields, type Values } from './fieldModel.ts';
import { FieldIssueLive } from './FieldIssueLive.tsx';
import { Fields } from './Fields.tsx';
import { keepFocusAcrossRemount } from './keepFocus.ts';
import type { Intent } from './intents.ts';
import { useFieldIssue } from './useFieldIssue.ts';

export function IntentForm({ intent, prefill }: { intent: Intent; prefill: Values }) {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const [edits, setEdits] = useState<Values>(prefill);
  const resolved = resolveFields(intent.fields, state, edits);
  const commands = useMemo(() => intent.expand(resolved.values, state), [intent, resolved.values, state]);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const { issue, spoken, show, edited } = useFieldIssue(`i-${intent.id}`);

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const steps: ValidCommand[] = [];
    for (const c of commands) {
      const checked = validateCommand(c);
      if (!checked.ok) {
        const op = String(c['op']);
        const at = fieldIssue(
          checked,
          intent.fields,
          resolved.values,
          (key) => intent.sources?.[`${op}.${key}`] ?? key,
        );
        show(e.currentTarget, at);
        setError(at === null ? { code: 'Invalid', message: `${op}: ${checked.message}` } : null);
        return;
      }
      steps.push(checked.command);
    }
    show(e.currentTarget, null);
    const s = store.getState();
    const ok = steps.length === 1 && steps[0] ? s.apply(steps[0]) : s.applyGroup(steps, intent.title);
    if (!ok) {
      const err = store.getState().lastError;
      setError(err === null ? null : { code: err.code, message: err.message });
      return;
    }
    setError(null);
    // A traced DMA stays in the form for the next one; anything else starts over from the new state.
    if (intent.id === 'dma') store.getState().setTab('walk');
    else {
      keepFocusAcrossRemount(e.currentTarget);
      store.getState().openIntent(intent.id);
    }
  };

  return (
    <form
      className="op-form intent-form"
      data-testid={`intent-${intent.id}`}
      onSubmit={onSubmit}
      aria-labelledby={`intent-title-${intent.id}`}
    >
      <h3 id={`intent-title-${intent.id}`} className="intent-title">
        {intent.title}
      </h3>
      <p className="op-summary muted">{intent.summary}</p>
      <Fields
        idPrefix={`i-${intent.id}`}
        fields={intent.fields}
        resolved={resolved}
        state={state}
        issue={issue}
        onChange={(name, v) => {
          edited(name);
          setEdits((old) => editField(intent.fields, old, name, v));
        }}
      />
      <div className="form-actions">
        <p className="intent-ops" data-testid="intent-ops">
          Runs {commands.length === 1 ? 'one op' : `${commands.length} ops, undone as one`}:{' '}
          <code>{commands.map((c) => String(c['op'])).join(' → ')}</code>
        </p>
        <button type="submit" className="primary" data-testid="apply-intent">
          {intent.id === 'dma' ? 'Trace' : 'Apply'}
        </button>
      </div>
      <FieldIssueLive spoken={spoken} />
      {error !== null && (
        <p role="alert" className="form-error" data-testid="form-error">
          <strong>{error.code}</strong> {error.message}
        </p>
      )}
    </form>
  );
}
