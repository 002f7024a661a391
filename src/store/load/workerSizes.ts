/**
 * Where a document is replayed (loadDocument.ts): scenario text longer than WORKER_CHARS, or more steps
 * than WORKER_STEPS, goes to the loader worker. On its own so that the share link's early chunk
 * (earlyPrepare.ts) reads the number without pulling the loader into its module graph.
 */
export const WORKER_CHARS = 200_000;
export const WORKER_STEPS = 2_000;
/**
 * The longest decoded share link the early path (earlyPrepare.ts) replays on the main thread before
 * the app shows; a longer one goes to the loader worker. Its hash was short (WORKER_HASH_CHARS), but
 * lz-string can expand a short hash into far more text. The 256×16 fleet is 486 KiB of scenario.
 */
export const EARLY_TEXT_CHARS = 600_000;
