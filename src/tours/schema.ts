/**
 * The tour file format (src/tours/*.json), validated on load. A stop's `commands` are scenario
 * steps (MODEL.md ops) checked again by the engine's own parser; highlights name topology node and
 * edge ids (engine/inspect/topology.ts) and walk structures (MODEL.md `walk[].structure`).
 */
import { z } from 'zod';

const text = z.string().min(1);

export const StopSchema = z
  .object({
    title: text,
    /** A few sentences; `[[term]]` / `[[term|shown]]` link the glossary. */
    text,
    /** Scenario steps applied when the visitor reaches this stop (kept raw; the engine parses them). */
    commands: z.array(z.record(z.string(), z.unknown())).default([]),
    highlight: z
      .object({
        nodes: z.array(z.string()).default([]),
        edges: z.array(z.string()).default([]),
        /** Walk structures of the last DMA to mark (`root`, `pasid-table`, `pl1`…); the first is opened. */
        walk: z.array(z.string()).default([]),
        /**
         * Nodes the graph frames at a readable zoom (default: `nodes`). When they do not all fit,
         * the last ones win (a DMA's destination, listed last, stays in view).
         */
        frame: z.array(z.string()).optional(),
      })
      .strict()
      .default({ nodes: [], edges: [], walk: [] }),
    /** Object to select (its inspector opens): an object id such as `mdev1` or `dsa0`. */
    select: z.string().optional(),
    /** Bottom tab to show. */
    tab: z.enum(['walk', 'tables', 'log', 'timeline']).optional(),
    /** Show the kernel log line the last DMA's fault would produce. */
    kernelLog: z.boolean().default(false),
    question: z.object({ q: text, a: text }).strict().optional(),
  })
  .strict();

export const TourSchema = z
  .object({
    format: z.literal('pasid-atlas/tour@1'),
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: text,
    /** One or two sentences for the landing card. */
    summary: text,
    minutes: z.number().int().positive(),
    platform: z
      .object({
        iommu: z.literal('vtd').optional(),
        addressWidth: z.union([z.literal(39), z.literal(48), z.literal(57)]).optional(),
        hostMemory: z.string().optional(),
      })
      .strict()
      .optional(),
    stops: z.array(StopSchema).min(1),
  })
  .strict();

export type Tour = z.infer<typeof TourSchema>;
export type Stop = z.infer<typeof StopSchema>;
