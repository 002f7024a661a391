/**
 * The inspector's "On its paths" lists: the objects on the selection's paths (engine/inspect/related.ts),
 * grouped by kind, each a link that selects that object and centres it in the graph.
 */
import { useMemo, useState } from 'react';
import type { EngineState } from '../../engine/index.ts';
import { relatedOf, type RelatedGroup, type RelatedItem } from '../../engine/inspect/related.ts';

interface Props {
  readonly state: EngineState;
  readonly selectedId: string | null;
  /** Select `item` and bring it into view. */
  readonly onPick: (item: RelatedItem) => void;
}

/** A group longer than this shows its first items and a "Show all" button (a shared domain may have hundreds). */
const SHOWN = 24;

export function RelatedList({ state, selectedId, onPick }: Props) {
  const groups = useMemo(() => relatedOf(state, selectedId), [state, selectedId]);
  if (groups.length === 0) return null;
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <section className="related" aria-labelledby="related-title" data-testid="related">
      <h4 id="related-title">
        On its paths <span className="muted">({total})</span>
      </h4>
      {groups.map((g) => (
        <Group key={`${selectedId}:${g.kind}`} group={g} onPick={onPick} />
      ))}
    </section>
  );
}

function Group({ group, onPick }: { readonly group: RelatedGroup; readonly onPick: (item: RelatedItem) => void }) {
  const [all, setAll] = useState(false);
  const items = all ? group.items : group.items.slice(0, SHOWN);
  const hidden = group.items.length - items.length;
  return (
    <>
      <h5 className="related-kind">
        {group.title} <span className="muted">{group.items.length}</span>
      </h5>
      <ul className="related-items" aria-label={group.title}>
        {items.map((item) => (
          <li key={item.nodeId}>
            <button
              type="button"
              className="related-link"
              data-testid={`related-${item.ref}`}
              title={`${item.detail === '' ? '' : `${item.detail}: `}select it and show it in the graph`}
              onClick={() => onPick(item)}
            >
              {item.label}
            </button>
          </li>
        ))}
        {hidden > 0 && (
          <li>
            <button type="button" className="related-more" onClick={() => setAll(true)}>
              Show all {group.items.length}
            </button>
          </li>
        )}
      </ul>
    </>
  );
}
