/**
 * The form of one op, generated from its field description. The command is validated with the
 * engine's parseStep, then applied; a refusal shows the errno and message (role="alert").
 */
import { useState, type FormEvent } from 'react';
import { parseStep, type Command, type OpName } from '../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectLastError } from '../../store/selectors.ts';
import { FieldInput } from './FieldInput.tsx';
import { OP_FIELDS, commandFromValues, initialValues } from './opFields.ts';
import { refOptions } from './refOptions.ts';

export function OpForm({ op, prefill }: { op: OpName; prefill: Readonly<Record<string, string>> }) {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const lastError = useAppStore(selectLastError);
  const [values, setValues] = useState(() => {
    // Reference fields start on the first existing object, so a form is usable as it opens.
    const v = initialValues(op, prefill);
    for (const spec of OP_FIELDS[op]) {
      if (spec.field.kind === 'ref' && !spec.optional && v[spec.name] === '') v[spec.name] = refOptions(state, spec.field.source)[0] ?? '';
    }
    return v;
  });
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const checked = parseStep(commandFromValues(op, values));
    if (!checked.ok) {
      setFormError(checked.message);
      return;
    }
    setFormError(null);
    const ok = store.getState().apply(checked.step as Command);
    if (ok && op === 'dma') store.getState().setTab('walk');
  };

  const refused = lastError !== null && lastError.op === op ? lastError : null;
  return (
    <form className="op-form" data-testid={`form-${op}`} onSubmit={onSubmit} aria-label={`${op} command`}>
      {OP_FIELDS[op].map((spec) => (
        <FieldInput
          key={spec.name}
          op={op}
          spec={spec}
          value={values[spec.name] ?? ''}
          options={spec.field.kind === 'ref' ? refOptions(state, spec.field.source) : spec.field.kind === 'enum' ? spec.field.options : []}
          onChange={(v) => setValues((old) => ({ ...old, [spec.name]: v }))}
        />
      ))}
      <button type="submit" className="primary" data-testid={`apply-${op}`}>
        Apply {op}
      </button>
      {formError !== null && (
        <p role="alert" className="form-error" data-testid="form-error">
          Invalid: {formError}
        </p>
      )}
      {refused !== null && formError === null && (
        <p role="alert" className="form-error" data-testid="form-error">
          <strong>{refused.code}</strong> {refused.message}
        </p>
      )}
    </form>
  );
}
