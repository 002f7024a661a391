/**
 * The tour file format (src/tours/*.json), validated on load. A stop's `commands` are scenario
 * steps (MODEL.md ops) checked again by the engine's own parser; highlights name topology node and
 * edge ids (engine/inspect/topology.ts) and walk structures (MODEL.md `walk[].structure`).
 * zod/mini like the scenario schema (src/engine/scenario/schema.ts), so one zod flavour ships.
 */
import * as z from 'zod/mini';

const text = z.string().check(z.minLength(1));
const strings = () => z._default(z.array(z.string()), []);

export const StopSchema = z.strictObject({
  title: text,
  /** A few sentences; `[[term]]` / `[[term|shown]]` link the glossary. */
  text,
  /** Scenario steps applied when the visitor reaches this stop (kept raw; the engine parses them). */
  commands: z._default(z.array(z.record(z.string(), z.unknown())), []),
  highlight: z._default(
    z.strictObject({
      nodes: strings(),
      edges: strings(),
      /** Walk structures of the last DMA to mark (`root`, `pasid-table`, `pl1`…); the first is opened. */
      walk: strings(),
      /**
       * Nodes the graph frames at a readable zoom (default: `nodes`). When they do not all fit,
       * the last ones win (a DMA's destination, listed last, stays in view).
       */
      frame: z.optional(z.array(z.string())),
    }),
    { nodes: [], edges: [], walk: [] },
  ),
  /** Object to select (its inspector opens): an object id such as `mdev1` or `dsa0`. */
  select: z.optional(z.string()),
  /** Bottom tab to show. */
  tab: z.optional(z.enum(['walk', 'tables', 'log', 'timeline'])),
  /** Show the kernel log line the last DMA's fault would produce. */
  kernelLog: z._default(z.boolean(), false),
  question: z.optional(z.strictObject({ q: text, a: text })),
});

export const TourSchema = z.strictObject({
  format: z.literal('pasid-atlas/tour@1'),
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  title: text,
  /** One or two sentences for the landing card. */
  summary: text,
  minutes: z.int().check(z.positive()),
  platform: z.optional(
    z.strictObject({
      iommu: z.optional(z.literal('vtd')),
      addressWidth: z.optional(z.union([z.literal(39), z.literal(48), z.literal(57)])),
      hostMemory: z.optional(z.string()),
    }),
  ),
  stops: z.array(StopSchema).check(z.minLength(1)),
});

export type Tour = z.infer<typeof TourSchema>;
export type Stop = z.infer<typeof StopSchema>;
