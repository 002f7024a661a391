/**
 * Renders FieldDefs: a select for choices, a text input (with a datalist of suggestions) otherwise.
 * A refused value's field is marked invalid, its message under it and named by aria-describedby.
 */
import type { EngineState } from '../../engine/index.ts';
import type { FieldIssue } from './fieldIssue.ts';
import type { FieldDef, Resolved } from './fieldModel.ts';

interface Props {
  /** Prefix of element ids (unique per form). */
  readonly idPrefix: string;
  readonly fields: readonly FieldDef[];
  readonly resolved: Resolved;
  readonly state: EngineState;
  readonly onChange: (name: string, value: string) => void;
  /** The field the engine refused a value of, and what to say there. */
  readonly issue?: FieldIssue | null;
}

export function Fields({ idPrefix, fields, resolved, state, onChange, issue = null }: Props) {
  return (
    <>
      {fields.map((f) => {
        if (f.visible && !f.visible(resolved.values)) return null;
        const id = `${idPrefix}-${f.name}`;
        const value = resolved.values[f.name] ?? '';
        const choices = resolved.choices[f.name] ?? [];
        const hint = f.hint?.(state, resolved.values) ?? null;
        const error = issue !== null && issue.field === f.name ? issue.text : null;
        const describedBy = [error === null ? '' : `${id}-error`, hint === null ? '' : `${id}-hint`].join(' ').trim();
        const common = {
          id,
          'data-testid': `field-${f.name}`,
          value,
          'aria-invalid': error === null ? undefined : true,
          'aria-describedby': describedBy === '' ? undefined : describedBy,
        };
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>{f.label}</label>
            {f.kind === 'choice' ? (
              <select
                {...common}
                title={choices.find((c) => c.value === value)?.label}
                onChange={(e) => onChange(f.name, e.target.value)}
              >
                {choices.length === 0 && <option value="">— none yet —</option>}
                {choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type="text"
                spellCheck={false}
                autoComplete="off"
                placeholder={f.placeholder}
                list={choices.length > 0 ? `${id}-list` : undefined}
                onChange={(e) => onChange(f.name, e.target.value)}
              />
            )}
            {f.kind === 'text' && choices.length > 0 && (
              <datalist id={`${id}-list`}>
                {choices.map((c) => (
                  <option key={c.value} value={c.value} label={c.label} />
                ))}
              </datalist>
            )}
            {error !== null && (
              <small id={`${id}-error`} className="field-error" data-testid="field-error">
                {error}
              </small>
            )}
            {hint !== null && (
              <small id={`${id}-hint`} className="field-hint">
                {hint}
              </small>
            )}
          </div>
        );
      })}
    </>
  );
}
