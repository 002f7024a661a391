/**
 * A command a form built, refused by the engine's validateCommand, shown where the user can fix it:
 * at the form field that holds the bad value, in the form's words ("IOVA: expected a hex address
 * such as 0x1000") rather than the scenario file's ("iova: expected a hex string", which an import
 * still shows, MODEL.md). The engine decides which field is wrong (the refusal's path); this only
 * finds that field in the form and rewords the file-format phrases.
 */
import { FIELD_MESSAGES, formatPath, type InvalidCommand } from '../../engine/index.ts';
import type { FieldDef, Values } from './fieldModel.ts';

/** The refused value's field (its name) and the sentence shown under it. */
export interface FieldIssue {
  readonly field: string;
  readonly text: string;
}

/** The file format's phrases (engine FIELD_MESSAGES) as a form says them; other issues read well as they are. */
const FORM_WORDS: Readonly<Record<keyof typeof FIELD_MESSAGES, string>> = {
  hex: 'expected a hex address such as 0x1000',
  size: 'expected a size such as 4KiB, 2MiB, 1GiB, 0x1000 or a byte count',
  id: 'expected a name such as vm1; it cannot be empty',
  bdf: 'expected a PCI address such as 0000:6a:01.0 (segment:bus:device.function)',
};

/** An empty choice (nothing to pick yet) refused as a missing id. */
const NOTHING_TO_CHOOSE = 'there is nothing to choose yet: create one first';

function formWords(issue: string, field: FieldDef): string {
  const kind = (Object.keys(FIELD_MESSAGES) as (keyof typeof FIELD_MESSAGES)[]).find(
    (k) => FIELD_MESSAGES[k] === issue,
  );
  if (kind === undefined) return issue;
  return kind === 'id' && field.kind === 'choice' ? NOTHING_TO_CHOOSE : FORM_WORDS[kind];
}

/** A field's label without the "(optional)" the form shows beside it. */
const title = (f: FieldDef) => f.label.replace(/ \(optional\)$/, '');

/**
 * The form field holding the refused value, and what to say there; null when no field of the form
 * that is shown holds it (the form then shows the engine's message as a whole-form error).
 * `fieldOf` names the form field a command key was built from (the same name in a raw op's form).
 */
export function fieldIssue(
  refusal: InvalidCommand,
  fields: readonly FieldDef[],
  values: Values,
  fieldOf: (key: string) => string = (key) => key,
): FieldIssue | null {
  const [key, ...inside] = refusal.path;
  if (typeof key !== 'string') return null;
  const field = fields.find((f) => f.name === fieldOf(key));
  if (field === undefined || (field.visible !== undefined && !field.visible(values))) return null;
  // A value with parts (hwptInvalidate's commands): name the part inside it, `[0].asid`.
  const where = inside.length === 0 ? '' : `${formatPath(inside)}: `;
  return { field: field.name, text: `${title(field)}: ${where}${formWords(refusal.issue, field)}` };
}

/**
 * Move focus to a form's field by its element id (the form's idPrefix and the field's name). Returns whether
 * focus moved: false when the field already had it (or is not in the form), so nothing new is read out.
 */
export function focusField(form: Element, id: string): boolean {
  const el = form.ownerDocument.getElementById(id);
  if (el === null || !form.contains(el) || el === form.ownerDocument.activeElement) return false;
  el.focus();
  return el === form.ownerDocument.activeElement;
}
