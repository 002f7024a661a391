/** Left panel: pick an op, fill its form, apply. A context-menu pick switches and prefills the form. */
import type { OpName } from '../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectForm } from '../../store/selectors.ts';
import { FORM_OPS } from './opFields.ts';
import { OpForm } from './OpForm.tsx';

export function ActionPanel() {
  const store = useAppStoreApi();
  const form = useAppStore(selectForm);
  return (
    <section className="panel actions" aria-labelledby="actions-title" data-testid="action-panel">
      <h2 id="actions-title">Actions</h2>
      <div className="field">
        <label htmlFor="op-picker">Operation</label>
        <select id="op-picker" data-testid="op-picker" value={form.op} onChange={(e) => store.getState().openForm(e.target.value as OpName)}>
          {FORM_OPS.map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </select>
      </div>
      <OpForm key={`${form.op}:${form.nonce}`} op={form.op} prefill={form.prefill} />
    </section>
  );
}
