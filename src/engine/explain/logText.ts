/**
 * Small text helpers for kernel log lines: hex output in the project's form, PCI addresses in any
 * of the forms the kernel has printed (`00:1a.0`, `0x00:0x02.0` in 5.9–5.10, `0000:73:00.1`), and
 * the prefixes a pasted log may carry (mail quoting, dmesg timestamps, syslog/journalctl headers).
 */

/** `0x…`, lowercase, no leading zeros. */
export function hexOut(v: bigint | number): string {
  return '0x' + v.toString(16);
}

const BDF = /^(?:(?:0x)?([0-9a-f]{1,4}):)?(?:0x)?([0-9a-f]{1,2}):(?:0x)?([0-9a-f]{1,2})\.([0-7])$/i;

/** A requester as `SSSS:BB:DD.F` (segment 0000 when the text has none), or null if it is not one. */
export function normalBdf(text: string): string | null {
  const m = BDF.exec(text.trim());
  if (!m) return null;
  const seg = Number.parseInt(m[1] ?? '0', 16);
  const bus = Number.parseInt(m[2]!, 16);
  const dev = Number.parseInt(m[3]!, 16);
  if (dev > 0x1f) return null;
  const h = (n: number, w: number) => n.toString(16).padStart(w, '0');
  return `${h(seg, 4)}:${h(bus, 2)}:${h(dev, 2)}.${m[4]}`;
}

const PREFIXES: readonly RegExp[] = [
  /^[\s>|]+/, // mail quoting
  /^\[\s*\d+\.\d+\]\s*/, // dmesg
  /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} +\d+ [\d:]+ \d{4}\]\s*/, // dmesg -T
  /^\d{4}-\d\d-\d\dT[\d:.]+(?:[+-]\d\d:?\d\d|Z)?\s+\S+\s+kernel:\s*/, // journalctl -o short-iso
  /^[A-Z][a-z]{2} +\d+ [\d:]+ \S+ kernel:\s*/, // syslog / journalctl
  /^kernel:\s*/,
  /^<\d>\s*/, // printk level
];

/** The line without the prefixes a log or a mail quote adds in front of the kernel's text. */
export function stripPrefix(line: string): string {
  let s = line;
  for (let changed = true; changed;) {
    changed = false;
    for (const re of PREFIXES) {
      const t = s.replace(re, '');
      if (t !== s) {
        s = t;
        changed = true;
      }
    }
  }
  return s;
}

/** Parse a number the kernel printed in hex (with or without 0x). */
export function parseHex(text: string): bigint {
  return BigInt('0x' + text.replace(/^0x/i, ''));
}
