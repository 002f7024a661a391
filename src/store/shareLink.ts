/** Share links: `#s=` + lz-string of the scenario JSON. Hash only, no history routing. */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

const PREFIX = '#s=';

export function encodeShareHash(scenarioText: string): string {
  return PREFIX + compressToEncodedURIComponent(JSON.stringify(JSON.parse(scenarioText)));
}

export type ShareDecode = { kind: 'none' } | { kind: 'ok'; text: string } | { kind: 'broken'; message: string };

/** Decode a location hash; anything that is not `#s=<valid lz-string>` other than an empty hash is broken. */
export function decodeShareHash(hash: string): ShareDecode {
  if (!hash.startsWith(PREFIX)) return { kind: 'none' };
  const payload = hash.slice(PREFIX.length);
  if (payload === '') return { kind: 'broken', message: 'the link has no scenario data after #s=' };
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (text === null || text === '') return { kind: 'broken', message: 'the data after #s= could not be decompressed' };
  return { kind: 'ok', text };
}

/** A full share URL for the current page. */
export function shareUrl(scenarioText: string, href: string): string {
  return href.replace(/#.*$/, '') + encodeShareHash(scenarioText);
}
