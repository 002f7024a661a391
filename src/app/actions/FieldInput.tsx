/** One form field: a select for references, enums and booleans, a text input otherwise. */
import type { FieldSpec } from './opFields.ts';

interface Props {
  readonly op: string;
  readonly spec: FieldSpec;
  readonly value: string;
  readonly options: readonly string[];
  readonly onChange: (value: string) => void;
}

export function FieldInput({ op, spec, value, options, onChange }: Props) {
  const id = `f-${op}-${spec.name}`;
  const label = spec.optional ? `${spec.name} (optional)` : spec.name;
  const common = { id, 'data-testid': `field-${spec.name}`, value, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  const { kind } = spec.field;
  let control;
  if (kind === 'ref' || kind === 'enum' || kind === 'bool') {
    const choices = kind === 'bool' ? ['true', 'false'] : options;
    const blank = spec.optional || kind === 'ref' ? [''] : [];
    const all = [...blank, ...choices];
    if (value !== '' && !all.includes(value)) all.push(value);
    control = (
      <select {...common}>
        {all.map((o) => (
          <option key={o} value={o}>
            {o === '' ? (kind === 'ref' && options.length === 0 ? '— none yet —' : '—') : o}
          </option>
        ))}
      </select>
    );
  } else {
    control = <input {...common} type="text" spellCheck={false} autoComplete="off" placeholder={spec.help ?? kind} />;
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
    </div>
  );
}
