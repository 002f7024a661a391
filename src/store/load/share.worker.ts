/**
 * A big share link's replay, started by index.html before any of the app has loaded (issue 11):
 * decode and replay only. The page validates the same text itself meanwhile (startup.ts) and uses
 * this worker's document only when it is valid, so this chunk carries no parser or schema: it
 * starts sooner and the replay no longer waits for the validation.
 */
import { decodeShareHash } from '../shareLink.ts';
import { replayText } from './replayText.ts';
import { serveLoads } from './serveLoads.ts';

serveLoads((req, onProgress) => {
  if (!('shareHash' in req)) return { ok: false, message: 'not a share link' };
  const link = decodeShareHash(req.shareHash);
  if (link.kind !== 'ok') return { ok: false, message: link.kind === 'broken' ? link.message : 'not a share link' };
  return replayText(link.text, req.cursor, onProgress);
});
