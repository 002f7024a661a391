/**
 * Which stored document the store holds. Every load opens a new document, so autosave writes a
 * tour, share or exercise link into its own slot and never over the user's saved work.
 */
export type DocOrigin = 'user' | 'link';

export interface DocMeta {
  readonly id: string;
  /** 'link': opened by a tour, share or exercise link and not edited since (startup does not reopen it). */
  readonly origin: DocOrigin;
}

let counter = 0;

/** A fresh document id: time plus a counter (unique within a tab) plus a random tail (unique across tabs). */
export function newDocId(now = Date.now()): string {
  counter = (counter + 1) % 1_000_000;
  return `d${now.toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

export function newDocMeta(origin: DocOrigin): DocMeta {
  return { id: newDocId(), origin };
}
