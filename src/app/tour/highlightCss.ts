/**
 * A stop's highlights as CSS rules keyed by the stable data attributes the graph and walk views
 * already render (`data-node`, `data-testid="edge-…"`, the n-th walk card). Declarative rules
 * survive the graph's viewport culling and re-renders without the tour reaching into those views.
 */
export function highlightCss(nodes: readonly string[], edges: readonly string[], walkSteps: readonly number[]): string {
  const q = (s: string) => JSON.stringify(s);
  const rules: string[] = [];
  if (nodes.length > 0) {
    const sel = nodes.map((n) => `.graph-svg [data-node=${q(n)}] .node-box`).join(',\n');
    rules.push(`${sel} { stroke: var(--tour-hl); stroke-width: 4px; }`);
    rules.push(`.graph-svg .nodes > g:not(${nodes.map((n) => `[data-node=${q(n)}]`).join(',')}) { opacity: 0.55; }`);
  }
  if (edges.length > 0) {
    const sel = edges.map((e) => `.graph-svg [data-testid=${q(`edge-${e}`)}] path`).join(',\n');
    rules.push(`${sel} { stroke-width: 4px !important; opacity: 1; }`);
  }
  if (walkSteps.length > 0) {
    const sel = walkSteps.map((i) => `.walk-cards > li:nth-child(${i + 1})`).join(',\n');
    rules.push(`${sel} { outline: 3px solid var(--tour-hl); outline-offset: -1px; }`);
  }
  return rules.join('\n');
}
