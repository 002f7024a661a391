/**
 * The field model shared by the guided actions and the raw op forms. A field's default is computed
 * from the current engine state (and the fields before it), so defaults follow the state: an id just
 * used is no longer offered, a deleted object disappears from the choices after Reset, a DMA form's
 * IOVA lands in a range the chosen device has mapped. What the user typed wins while it is valid.
 */
import type { EngineState } from '../../engine/index.ts';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** Values resolved so far, in field order (a field's default may read the fields before it). */
export type Values = Readonly<Record<string, string>>;

export interface FieldDef {
  readonly name: string;
  readonly label: string;
  /** A select of `choices`, or a text input (with `suggestions` offered in a datalist). */
  readonly kind: 'choice' | 'text';
  readonly initial: (state: EngineState, v: Values) => string;
  readonly choices?: (state: EngineState, v: Values) => readonly Choice[];
  readonly suggestions?: (state: EngineState, v: Values) => readonly Choice[];
  readonly optional?: boolean;
  /** Placeholder / one-line hint under the field. */
  readonly placeholder?: string;
  readonly hint?: (state: EngineState, v: Values) => string | null;
  /** Shown only when this holds (a hidden field keeps its value but the recipe ignores it). */
  readonly visible?: (v: Values) => boolean;
  /** Changing this field resets what the user typed in the fields after it (they depend on it). */
  readonly drives?: boolean;
}

export interface Resolved {
  readonly values: Values;
  readonly choices: Readonly<Record<string, readonly Choice[]>>;
}

/**
 * Resolve every field: the user's value when it is still a valid choice (or any text), otherwise the
 * state-derived default; a choice field whose default is not offered falls back to its first choice.
 */
export function resolveFields(fields: readonly FieldDef[], state: EngineState, given: Values): Resolved {
  const values: Record<string, string> = {};
  const choices: Record<string, readonly Choice[]> = {};
  for (const f of fields) {
    const offered = f.kind === 'choice' ? (f.choices?.(state, values) ?? []) : (f.suggestions?.(state, values) ?? []);
    choices[f.name] = offered;
    const isOffered = (x: string) => offered.some((c) => c.value === x);
    let value = given[f.name] ?? f.initial(state, values);
    if (f.kind === 'choice' && !isOffered(value)) {
      const fallback = f.initial(state, values);
      value = isOffered(fallback) ? fallback : (offered[0]?.value ?? '');
    }
    values[f.name] = value;
  }
  return { values, choices };
}

/** Given values after `name` changed: a driving field drops what was typed after it. */
export function editField(fields: readonly FieldDef[], edits: Values, name: string, value: string): Values {
  const at = fields.findIndex((f) => f.name === name);
  const next: Record<string, string> = { ...edits, [name]: value };
  if (!fields[at]?.drives) return next;
  const dropped = new Set(fields.slice(at + 1).map((f) => f.name));
  return Object.fromEntries(Object.entries(next).filter(([k]) => !dropped.has(k)));
}
