import type { AddressField } from '../../engine/inspect/decode.ts';

export interface BitStripProps {
  readonly title: string;
  readonly fields: readonly AddressField[];
  /** Id of the field the current step indexes (a walk structure name), if any. */
  readonly highlight: string | null;
}

/** A value split into coloured bit fields, high bits on the left; widths follow the bit counts. */
export function BitStrip({ title, fields, highlight }: BitStripProps) {
  if (fields.length === 0) return null;
  return (
    <figure className="bitstrip" aria-label={title}>
      <figcaption className="bitstrip-title">{title}</figcaption>
      <div className="bitstrip-row">
        {fields.map((f, i) => (
          <div
            key={f.id}
            className={`bitstrip-field field-${i % 6}${f.id === highlight ? ' is-current' : ''}`}
            style={{ flexGrow: Math.max(3, f.hi - f.lo + 1) }}
            data-field={f.id}
            title={`bits ${f.bits}: ${f.label}`}
            aria-current={f.id === highlight ? 'true' : undefined}
          >
            <span className="bitstrip-bits">
              {f.bits} <span className="bitstrip-label">{f.label}</span>
            </span>
            <span className="bitstrip-value">{f.value}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
