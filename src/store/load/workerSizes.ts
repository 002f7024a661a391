/**
 * Where a document is replayed (loadDocument.ts): scenario text longer than WORKER_CHARS, or more steps
 * than WORKER_STEPS, goes to the loader worker. On its own so that the share link's early chunk
 * (earlyPrepare.ts) reads the number without pulling the loader into its module graph.
 */
export const WORKER_CHARS = 200_000;
export const WORKER_STEPS = 2_000;
