/** Moves keyboard focus into the graph: the node that holds the graph's one Tab stop (roving tabindex). */
export function focusGraph(): boolean {
  const svg = document.querySelector<SVGSVGElement>('[data-testid="graph-svg"]');
  const node =
    svg?.querySelector<SVGGElement>('[data-node][tabindex="0"]') ?? svg?.querySelector<SVGGElement>('[data-node]');
  const target = node ?? svg;
  if (!target) return false;
  target.focus({ preventScroll: true });
  target.scrollIntoView?.({ block: 'nearest' });
  return true;
}
