import type { ReactNode } from 'react';

export interface FieldsProps {
  readonly rows: readonly (readonly [string, ReactNode])[];
}

/** A compact label/value list. */
export function Fields({ rows }: FieldsProps) {
  return (
    <dl className="fields">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
