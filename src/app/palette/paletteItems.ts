/**
 * What the command palette offers: every guided action and every raw op, with the words it is found
 * by. Pure data (running an item is the palette's job).
 */
import type { OpName } from '../../engine/index.ts';
import { INTENTS } from '../actions/intents.ts';
import { OP_FAMILIES } from '../actions/opCatalog.ts';

export type PaletteTarget =
  { readonly kind: 'intent'; readonly id: string } | { readonly kind: 'op'; readonly op: OpName };

export interface PaletteItem {
  /** Unique, usable as an element id suffix. */
  readonly key: string;
  readonly group: string;
  readonly title: string;
  readonly summary: string;
  readonly keywords: readonly string[];
  readonly target: PaletteTarget;
}

export const PALETTE_ITEMS: readonly PaletteItem[] = [
  ...INTENTS.map((i) => ({
    key: `intent-${i.id}`,
    group: `Build · ${i.group}`,
    title: i.title,
    summary: i.summary,
    keywords: i.keywords,
    target: { kind: 'intent' as const, id: i.id },
  })),
  ...OP_FAMILIES.flatMap((fam) =>
    fam.ops.map((o) => ({
      key: `op-${o.op}`,
      group: `Raw op · ${fam.name}`,
      title: o.op,
      summary: o.summary,
      keywords: [],
      target: { kind: 'op' as const, op: o.op },
    })),
  ),
];
