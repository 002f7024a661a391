/**
 * The form of one raw op. Field defaults follow the engine state (opDefaults.ts); the command is
 * validated once with the engine's validateCommand, then applied (the store takes the ValidCommand as is).
 * A value of the wrong form is shown at its field (fieldIssue.ts), which takes focus (or, when it has it, the message is
 * announced: useFieldIssue.ts); a refusal by the
 * engine shows the errno and message (role="alert"). After a success the form starts over from the new
 * state, so a new id is offered.
 */
import { useMemo, useState, type SubmitEvent } from 'react';
import { validateCommand, type OpName } from '../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectLastError } from '../../store/selectors.ts';
import { fieldIssue } from './fieldIssue.ts';
import { editField, resolveFields, type Values } from './fieldModel.ts';
import { FieldIssueLive } from './FieldIssueLive.tsx';
import { Fields } from './Fields.tsx';
import { keepFocusAcrossRemount } from './keepFocus.ts';
import { opSummary } from './opCatalog.ts';
import { opFieldDefs } from './opDefaults.ts';
import { commandFromValues } from './opFields.ts';
import { useFieldIssue } from './useFieldIssue.ts';

export function OpForm({ op, prefill }: { op: OpName; prefill: Readonly<Record<string, string>> }) {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const lastError = useAppStore(selectLastError);
  const fields = useMemo(() => opFieldDefs(op), [op]);
  const [edits, setEdits] = useState<Values>(prefill);
  const resolved = resolveFields(fields, state, edits);
  const [formError, setFormError] = useState<string | null>(null);
  const { issue, spoken, show, edited } = useFieldIssue(`f-${op}`);

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const checked = validateCommand(commandFromValues(op, resolved.values));
    if (!checked.ok) {
      // The raw form's fields are the command's own keys.
      const at = fieldIssue(checked, fields, resolved.values);
      show(e.currentTarget, at);
      setFormError(at === null ? checked.message : null);
      return;
    }
    show(e.currentTarget, null);
    setFormError(null);
    const ok = store.getState().apply(checked.command);
    if (!ok) return;
    // A DMA is often traced again with one change; every other op starts over from the new state.
    if (op === 'dma') store.getState().setTab('walk');
    else {
      keepFocusAcrossRemount(e.currentTarget);
      store.getState().openForm(op);
    }
  };

  const refused = lastError !== null && lastError.op === op ? lastError : null;
  return (
    <form className="op-form" data-testid={`form-${op}`} onSubmit={onSubmit} aria-label={`${op} command`}>
      <p className="op-summary muted">{opSummary(op)}</p>
      <Fields
        idPrefix={`f-${op}`}
        fields={fields}
        resolved={resolved}
        state={state}
        issue={issue}
        onChange={(name, v) => {
          edited(name);
          setEdits((old) => editField(fields, old, name, v));
        }}
      />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid={`apply-${op}`}>
          Apply {op}
        </button>
      </div>
      <FieldIssueLive spoken={spoken} />
      {formError !== null && (
        <p role="alert" className="form-error" data-testid="form-error">
          Invalid: {formError}
        </p>
      )}
      {refused !== null && formError === null && issue === null && (
        <p role="alert" className="form-error" data-testid="form-error">
          <strong>{refused.code}</strong> {refused.message}
        </p>
      )}
    </form>
  );
}
