/** What each edge style means; the iommufd-era kinds are listed only when the graph has them. */
import { useState } from 'react';
import { describePlatform, type IommuDescribe } from '../../engine/index.ts';
import type { TopoEdgeKind } from '../../engine/inspect/topology.ts';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectEngineState } from '../../store/selectors.ts';

/** The IOMMU words a legend names its tag and untagged entry with (its describe record). */
export type LegendWords = Pick<IommuDescribe, 'untaggedNode' | 'tag'>;

const LEGEND_ITEMS: readonly (readonly [TopoEdgeKind, (w: LegendWords) => string, boolean])[] = [
  ['primary', (w) => `primary (${w.untaggedNode})`, true],
  ['aux', (w) => `aux ${w.tag.short}`, true],
  ['pasid', (w) => `${w.tag.short} attach`, false],
  ['parent', () => 'nested → parent', false],
  ['stage1', () => 'stage-1 table', false],
  ['owns', () => 'owns', true],
  ['assigned', () => 'assigned', true],
  ['backs', () => 'backs', true],
];

/** The legend's entries for a graph whose edges have the kinds in `present`, in its IOMMU's words. */
export function legendItems(
  present: ReadonlySet<string> | undefined,
  words: LegendWords,
): (readonly [TopoEdgeKind, string])[] {
  return LEGEND_ITEMS.filter(([kind, , always]) => always || present?.has(kind)).map(
    ([kind, label]) => [kind, label(words)] as const,
  );
}

/** On narrow screens the list folds behind a "Legend" toggle (styles.css), so the toolbar stays one line. */
export function GraphLegend({ present }: { present?: ReadonlySet<string> } = {}) {
  const [open, setOpen] = useState(false);
  const words = describePlatform(useAppStore((s) => selectEngineState(s).platform));
  return (
    <>
      <button
        type="button"
        className="legend-toggle icon-button"
        aria-expanded={open}
        aria-controls="graph-legend"
        onClick={() => setOpen(!open)}
      >
        Legend
      </button>
      <ul id="graph-legend" className={open ? 'legend is-open' : 'legend'} aria-label="Legend">
        {legendItems(present, words).map(([kind, label]) => (
          <li key={kind}>
            <svg width="28" height="10" aria-hidden="true">
              <line className={`legend-line edge-${kind}`} x1="0" y1="5" x2="28" y2="5" />
            </svg>
            {label}
          </li>
        ))}
        {/* How the pointer works on the graph (issue 11: moving a node is deliberate). */}
        <li className="legend-gesture" data-testid="graph-gestures">
          Drag: pan · Shift+drag: move a node · /: find · F: focus
        </li>
      </ul>
    </>
  );
}
