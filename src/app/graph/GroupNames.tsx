/**
 * The grouped level of the fleet overview (issue 11): where the zoom is too far out to name each VM
 * and parent device at READABLE_PX (256 VMs × 16 mdevs fitted to a laptop: 4.6 px), each VM group
 * (the VM and the devices serving it, laid out together) is named once by its VM, across the whole
 * group: a box three clusters wide holds the name at about twice the size. The boxes stay drawn
 * (every VM cluster is still shown, and clickable); only their own names give way.
 */
import { memo } from 'react';
import { GROUP_GAP, type PlacedGroup } from '../../layout/clusterLayout.ts';
import { NAME_PX, namePxPerZoom } from '../../layout/clusterLabel.ts';
import { textWidth } from '../../layout/textWidth.ts';

/**
 * The groups' names' size in screen px per unit of zoom (pure, for tests): one size for all, the
 * largest at which every name fits its group (counting the gap to the next; see `squeezed`), so the
 * rows read evenly rather than vm7 large beside vm107 small.
 */
export function groupNamePxPerZoom(groups: readonly PlacedGroup[]): number {
  let least = Infinity;
  for (const g of groups) least = Math.min(least, namePxPerZoom({ cluster: g, w: g.w, h: g.h }, GROUP_GAP));
  return least;
}

/** A name estimated wider than most of its group is condensed to that (SVG textLength, a few % at most). */
const ROOM = 0.94;

interface Props {
  readonly groups: readonly PlacedGroup[];
  /** groupNamePxPerZoom of all the layout's groups. */
  readonly perZoom: number;
  readonly k: number;
  /** Focus mode's lit clusters (null when off): a group none of whose clusters is lit is dimmed. */
  readonly litClusters: ReadonlySet<string> | null;
}

export const GroupNames = memo(function GroupNames({ groups, perZoom, k, litClusters }: Props) {
  const px = Math.min(NAME_PX, perZoom * k);
  return (
    <g className="cluster-groups" aria-hidden="true">
      {groups.map((g) => {
        const dimmed = litClusters !== null && !g.clusterIds.some((id) => litClusters.has(id));
        const squeeze = textWidth(g.name, px / k, true) > g.w * ROOM;
        return (
          <text
            key={g.clusterIds[g.clusterIds.length - 1]}
            className={`cluster-group-name${dimmed ? ' dimmed' : ''}`}
            data-group={g.name}
            x={g.x + g.w / 2}
            y={g.y + g.h / 2}
            fontSize={px / k}
            dominantBaseline="central"
            textLength={squeeze ? g.w * ROOM : undefined}
            lengthAdjust={squeeze ? 'spacingAndGlyphs' : undefined}
          >
            {g.name}
          </text>
        );
      })}
    </g>
  );
});
