import type { DecodedField } from '../../engine/inspect/decode.ts';

export interface DecodedFieldsProps {
  readonly fields: readonly DecodedField[];
  readonly caption?: string;
}

/** A decoded entry as a table: field name, bit range, value, meaning. Zero flags are muted. */
export function DecodedFields({ fields, caption }: DecodedFieldsProps) {
  return (
    <table className="decoded">
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Bits</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.name} className={f.value === 0 || f.value === '0x0' ? 'is-zero' : undefined}>
            <th scope="row">{f.name}</th>
            <td className="mono">{f.bits}</td>
            <td className="mono">{f.value}</td>
            <td>{f.meaning}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
