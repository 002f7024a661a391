/**
 * Side panel (right of the graph; last on a phone): a guided action (by intent, grouped) or a raw
 * op (grouped by family, one line each), its form, apply. A context-menu pick or the command
 * palette switches and prefills the form.
 * The panel and its forms (fields, defaults, reference pickers) are one chunk of their own
 * (panels/lazyPanels.ts): the graph paints first, the panel a moment later behind the Loading line.
 */
import type { OpName } from '../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectForm } from '../../store/selectors.ts';
import { PaletteButton } from '../palette/PaletteButton.tsx';
import { IntentForm } from './IntentForm.tsx';
import { INTENT_GROUPS, INTENTS, intentById } from './intents.ts';
import { OP_FAMILIES } from './opCatalog.ts';
import { OpForm } from './OpForm.tsx';
import './actions.css';

export function ActionPanel() {
  const store = useAppStoreApi();
  const form = useAppStore(selectForm);
  const intent = intentById(form.intent);
  return (
    <section className="panel actions" aria-labelledby="actions-title" data-testid="action-panel">
      <div className="actions-head">
        <h2 id="actions-title">Actions</h2>
        <PaletteButton compact={false} />
      </div>
      <div className="field">
        <label htmlFor="intent-picker">Build</label>
        <select
          id="intent-picker"
          data-testid="intent-picker"
          value={intent?.id ?? ''}
          onChange={(e) => store.getState().openIntent(e.target.value)}
        >
          {intent === undefined && <option value="">— a guided action —</option>}
          {INTENT_GROUPS.map((g) => (
            <optgroup key={g} label={g}>
              {INTENTS.filter((i) => i.group === g).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="op-picker">Raw op</label>
        <select
          id="op-picker"
          data-testid="op-picker"
          value={intent === undefined ? form.op : ''}
          onChange={(e) => store.getState().openForm(e.target.value as OpName)}
        >
          {intent !== undefined && <option value="">— pick an op —</option>}
          {OP_FAMILIES.map((fam) => (
            <optgroup key={fam.name} label={fam.name}>
              {fam.ops.map((o) => (
                <option key={o.op} value={o.op}>
                  {o.op} — {o.summary}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {intent !== undefined ? (
        <IntentForm key={`${intent.id}:${form.nonce}`} intent={intent} prefill={form.prefill} />
      ) : (
        <OpForm key={`${form.op}:${form.nonce}`} op={form.op} prefill={form.prefill} />
      )}
    </section>
  );
}
