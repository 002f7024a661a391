/**
 * The height of the bottom panel (walk, tables, log…): the CSS default until the splitter moves
 * it, or "expanded" (the walk or the tables take the work area, the graph keeps a strip). View
 * state only: never in the op log.
 */
import { useCallback, useState, type CSSProperties } from 'react';

/** The graph and the bottom panel never get smaller than this (px). */
export const MIN_PANE = 120;
/** The CSS default of --bottom-h (panels/workarea.css). */
const DEFAULT_PERCENT = 38;

export interface BottomPane {
  /** px, or null for the CSS default. */
  readonly height: number | null;
  readonly expanded: boolean;
  /** The panel's share of the work area's height, for the splitter's aria-valuenow. */
  readonly percent: number;
  setHeight(px: number, areaHeight: number): void;
  toggleExpanded: () => void;
  readonly style: CSSProperties;
}

export function clampPane(px: number, areaHeight: number): number {
  return Math.round(Math.max(MIN_PANE, Math.min(areaHeight - MIN_PANE, px)));
}

export function useBottomPane(): BottomPane {
  const [height, setH] = useState<number | null>(null);
  const [percent, setPercent] = useState(DEFAULT_PERCENT);
  const [expanded, setExpanded] = useState(false);
  const setHeight = useCallback((px: number, areaHeight: number) => {
    const h = clampPane(px, areaHeight);
    setExpanded(false);
    setH(h);
    setPercent(areaHeight > 0 ? Math.round((h / areaHeight) * 100) : DEFAULT_PERCENT);
  }, []);
  const toggleExpanded = useCallback(() => setExpanded((e) => !e), []);
  const value = expanded ? `calc(100% - ${MIN_PANE + 30}px)` : height === null ? undefined : `${height}px`;
  const style = (value === undefined ? {} : { '--bottom-h': value }) as CSSProperties;
  return { height, expanded, percent: expanded ? 80 : percent, setHeight, toggleExpanded, style };
}
