/** What each edge style means. */
const ITEMS = [
  ['primary', 'primary (RID_PASID)'],
  ['aux', 'aux PASID'],
  ['owns', 'owns'],
  ['assigned', 'assigned'],
  ['backs', 'backs'],
] as const;

export function GraphLegend() {
  return (
    <ul className="legend" aria-label="Edge kinds">
      {ITEMS.map(([kind, label]) => (
        <li key={kind}>
          <svg width="28" height="10" aria-hidden="true">
            <line className={`legend-line edge-${kind}`} x1="0" y1="5" x2="28" y2="5" />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}
