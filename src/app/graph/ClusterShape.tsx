/**
 * A cluster of the fleet overview (issue 11). Closed: one box with its name and counts, the text
 * kept at a constant size on screen (semantic zoom: the box shrinks as you zoom out, the name does
 * not, until it no longer fits the box). Click, Enter or Space opens it in place. Open: a frame
 * with a small title around its nodes.
 */
import { memo, type KeyboardEvent } from 'react';
import { CLUSTER_GAP, CLUSTER_PAD, type PlacedCluster } from '../../layout/clusterLayout.ts';
import { NAME_PX, namePxPerZoom } from '../../layout/clusterLabel.ts';
import { textWidth } from '../../layout/textWidth.ts';

/** Screen px of a closed cluster's counts line at most. */
const SUMMARY_PX = 10;
/** Below this the counts line is left out rather than drawn unreadably small. */
const MIN_SUMMARY_PX = 8.5;

/**
 * The name's font size in screen px for a closed cluster at zoom `k` (pure, for tests): as large as
 * the box allows up to NAME_PX, counting the gap to the next box; a name that then runs wider than
 * its box is drawn condensed to fit (SVG textLength, about 10% at most), which is what keeps 128
 * device names at ≥ 9 px and apart at 1280×720.
 */
export function closedNamePx(c: PlacedCluster, k: number): number {
  return Math.min(NAME_PX, namePxPerZoom(c, CLUSTER_GAP) * k);
}

interface Props {
  readonly placed: PlacedCluster;
  readonly k: number;
  readonly open: boolean;
  readonly tabStop: boolean;
  readonly onOpen: (clusterId: string) => void;
  readonly onClose: (clusterId: string) => void;
  /** Focus mode: holds an object on the focused object's paths ('in') or not ('out'); undefined when off. */
  readonly focus?: 'in' | 'out' | undefined;
}

export const ClusterShape = memo(function ClusterShape({ placed, k, open, tabStop, onOpen, onClose, focus }: Props) {
  const { cluster, x, y, w, h } = placed;
  const lit = focus === undefined ? '' : focus === 'in' ? ' in-focus' : ' dimmed';
  // In a VM group: its name gives way to the group's on the grouped overview (cluster.css, GroupNames).
  const grouped = placed.group === undefined ? '' : ' in-group';
  const cls = `cluster cluster-${cluster.kind}${open ? ' open' : ''}${grouped}${lit}`;
  if (open) {
    // The close control: a round × in the title band's corner, about 18 px on screen at any zoom.
    const r = Math.min(16, Math.max(5, 9 / k));
    return (
      <g className={cls} data-cluster={cluster.id} data-focus={focus}>
        <rect className="cluster-box" x={x} y={y} width={w} height={h} rx={12} />
        <text className="cluster-title" x={x + CLUSTER_PAD} y={y + 19}>
          {cluster.name}
          <tspan className="cluster-summary"> {cluster.summary}</tspan>
        </text>
        <g
          className="cluster-close"
          role="button"
          tabIndex={-1}
          aria-label={`Close ${cluster.name}`}
          aria-keyshortcuts="Backspace"
          data-testid={`close-${cluster.id}`}
          transform={`translate(${x + w - r - 4 / k},${y + r + 3 / k})`}
          onClick={() => onClose(cluster.id)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault();
            onClose(cluster.id);
          }}
        >
          <title>Close {cluster.name} (Backspace on one of its nodes)</title>
          <circle r={r} />
          <path
            d={`M${-r / 2.6},${-r / 2.6}L${r / 2.6},${r / 2.6}M${r / 2.6},${-r / 2.6}L${-r / 2.6},${r / 2.6}`}
            strokeWidth={Math.max(1.5, 2 / k)}
          />
        </g>
      </g>
    );
  }
  const namePx = closedNamePx(placed, k);
  const room = w * 0.94;
  const squeeze = textWidth(cluster.name, namePx / k, true) > room;
  const sumPx = Math.min(SUMMARY_PX, (w * 0.92 * k) / Math.max(1, textWidth(cluster.summary, 1)));
  const withSummary = cluster.summary !== '' && sumPx >= MIN_SUMMARY_PX && h * k >= namePx + sumPx + 8;
  const cy = y + h / 2 - (withSummary ? (sumPx * 0.7) / k : 0);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onOpen(cluster.id);
  };
  return (
    <g
      className={cls}
      data-cluster={cluster.id}
      data-testid={`cluster-${cluster.id}`}
      data-focus={focus}
      role="button"
      tabIndex={tabStop ? 0 : -1}
      aria-label={`${cluster.name}${cluster.summary ? `: ${cluster.summary}` : ''}. Open the cluster`}
      onClick={() => onOpen(cluster.id)}
      onKeyDown={onKeyDown}
    >
      <rect className="cluster-box" x={x} y={y} width={w} height={h} rx={12 / Math.max(k, 0.2)} />
      <text
        className="cluster-name"
        x={x + w / 2}
        y={cy}
        fontSize={namePx / k}
        dominantBaseline="central"
        textLength={squeeze ? room : undefined}
        lengthAdjust={squeeze ? 'spacingAndGlyphs' : undefined}
      >
        {cluster.name}
      </text>
      {withSummary && (
        <text
          className="cluster-count"
          x={x + w / 2}
          y={cy + (namePx * 0.6 + sumPx * 0.75) / k}
          fontSize={sumPx / k}
          dominantBaseline="central"
        >
          {cluster.summary}
        </text>
      )}
    </g>
  );
});
