/** Parses and replays a big scenario off the main thread, posting progress; the page stays responsive and Cancel terminates it. */
import { prepareDoc } from './prepare.ts';
import { serveLoads } from './serveLoads.ts';

serveLoads((req, onProgress) =>
  'input' in req ? prepareDoc(req.input, req.cursor, onProgress) : { ok: false, message: 'not a scenario' },
);
