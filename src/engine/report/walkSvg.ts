/**
 * A standalone SVG summary of one DMA walk: the request, the RID / PASID / address bit strips and
 * every memory read with its address and raw entry, then the outcome. A string, so it exports as a
 * file as is (no stylesheet: every colour is an attribute) and tests read it without a DOM.
 */
import { addressStrip } from '../inspect/decode.ts';
import { decomposePasid, decomposeRequester } from '../inspect/strips.ts';
import { DESCRIBE } from '../iommu/registry.ts';
import type { IommuKind } from '../iommu/types.ts';
import { formatSize, hex } from '../hex.ts';
import type { WalkStep } from '../iommu/steps.ts';

export interface WalkSvgPalette {
  readonly bg: string;
  readonly fg: string;
  readonly muted: string;
  readonly border: string;
  readonly ok: string;
  readonly fault: string;
  /** Fills of the bit-strip fields, cycled. */
  readonly fields: readonly string[];
}

export const LIGHT_WALK_PALETTE: WalkSvgPalette = {
  bg: '#ffffff',
  fg: '#1b1f24',
  muted: '#4d5561',
  border: '#c9ced6',
  ok: '#1a7f37',
  fault: '#b3261e',
  fields: ['#dbe7f7', '#d9f0df', '#f3e8cc', '#e8def9', '#f8dcdd', '#d5ecee'],
};

export const DARK_WALK_PALETTE: WalkSvgPalette = {
  bg: '#14171c',
  fg: '#e8eaed',
  muted: '#b0b7c3',
  border: '#3a414d',
  ok: '#7ee2a8',
  fault: '#ffb4ab',
  fields: ['#22344d', '#1f3a2a', '#3d3420', '#33284a', '#47262a', '#1e3b3e'],
};

export interface WalkSvgInput {
  /** Whose words and bit layouts the strips use (default VT-d). */
  readonly iommu?: IommuKind | undefined;
  readonly device: string;
  readonly rid: number | null;
  readonly pasid: number | null;
  readonly iova: string;
  readonly access: 'read' | 'write';
  readonly addressWidth: number;
  readonly outcome: 'translated' | 'fault';
  readonly pa?: bigint | undefined;
  readonly fault?: string | undefined;
  /** As the `dma` result gives them (typed: printed in hex here); the outcome line names each one present. */
  readonly reason?: number | undefined;
  readonly iotlb?: 'hit' | 'miss' | undefined;
  readonly pageSize?: number | undefined;
  readonly target?: { readonly vm: string; readonly gpa: bigint } | null | undefined;
  readonly walk: readonly Pick<WalkStep, 'structure' | 'index' | 'entryAddr' | 'entry'>[];
}

/** One line: translated to which PA (and which VM's GPA) or which fault, then IOTLB hit or miss and the page size. */
export function walkOutcomeLine(input: WalkSvgInput): string {
  const head =
    input.outcome === 'translated'
      ? `Translated → PA ${input.pa === undefined ? '?' : hex(input.pa)}${input.target ? ` in ${input.target.vm} at GPA ${hex(input.target.gpa)}` : ' (host memory)'}`
      : `Fault: ${input.fault ?? '?'}${input.reason !== undefined ? ` (reason ${hex(input.reason)})` : ''}`;
  const facts = [
    input.iotlb !== undefined ? `IOTLB ${input.iotlb}` : null,
    input.pageSize !== undefined ? `${formatSize(input.pageSize)} page` : null,
  ].filter((f) => f !== null);
  return [head, ...facts].join(' · ');
}

export interface WalkSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

const W = 960;
const PAD = 16;
const ROW = 22;
const STRIP_H = 40;
const MONO = "ui-monospace, 'SFMono-Regular', Menlo, monospace";
const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Escape text for SVG character data and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function text(x: number, y: number, s: string, attrs: string): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(s)}</text>`;
}

/** A strip's fields: label, bit range and value. */
interface StripField {
  readonly label: string;
  readonly hi: number;
  readonly lo: number;
  readonly bits: string;
  readonly value: number | string;
}

/** Strip values in hex (the PASID strips of the walk view count in decimal). */
const inHex = (fields: readonly StripField[]): StripField[] =>
  fields.map((f) => ({ ...f, value: typeof f.value === 'number' ? '0x' + f.value.toString(16) : f.value }));

function strip(title: string, fields: readonly StripField[], y: number, p: WalkSvgPalette): string {
  const parts = [text(PAD, y + 12, title, `fill="${p.muted}" font-family="${SANS}" font-size="12"`)];
  const weights = fields.map((f) => Math.max(3, f.hi - f.lo + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let x = PAD;
  const span = W - 2 * PAD;
  fields.forEach((f, i) => {
    const w = (span * (weights[i] ?? 0)) / total;
    const top = y + 18;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${top}" width="${w.toFixed(1)}" height="${STRIP_H}" fill="${p.fields[i % p.fields.length] ?? p.bg}" stroke="${p.border}"/>`,
    );
    parts.push(text(x + 4, top + 15, `${f.bits} ${f.label}`, `fill="${p.muted}" font-family="${SANS}" font-size="11"`));
    parts.push(
      text(x + 4, top + 32, String(f.value), `fill="${p.fg}" font-family="${MONO}" font-size="13" font-weight="600"`),
    );
    x += w;
  });
  return parts.join('');
}

/** Render the walk summary. */
export function walkSvg(input: WalkSvgInput, palette: WalkSvgPalette = LIGHT_WALK_PALETTE): WalkSvg {
  const p = palette;
  const body: string[] = [];
  let y = PAD;
  const iommu = input.iommu ?? 'vtd';
  const words = DESCRIBE[iommu];
  // Each IOMMU's own bit strips (its descriptor's layouts), with the levels this walk read.
  const read = new Set(input.walk.map((s) => s.structure));
  const pasidText =
    input.pasid === null ? `no ${words.tag.name} (${words.untagged})` : `${words.tag.name} ${input.pasid}`;
  body.push(
    text(
      PAD,
      y + 16,
      `DMA ${input.access} from ${input.device} · IOVA ${input.iova} · ${pasidText}`,
      `fill="${p.fg}" font-family="${SANS}" font-size="16" font-weight="600"`,
    ),
  );
  y += 30;
  // The result first, as in the walk view; repeated under the reads.
  const outcome = walkOutcomeLine(input);
  const outcomeAttrs = `fill="${input.outcome === 'translated' ? p.ok : p.fault}" font-family="${SANS}" font-size="15" font-weight="700"`;
  body.push(text(PAD, y + 8, outcome, outcomeAttrs));
  y += 26;
  if (input.rid !== null) {
    const rid = decomposeRequester(iommu, input.rid, read);
    body.push(strip(rid.title, inHex(rid.fields), y, p));
    y += STRIP_H + 28;
  }
  if (input.pasid !== null) {
    const tag = decomposePasid(iommu, input.pasid, read);
    body.push(strip(tag.title, inHex(tag.fields), y, p));
    y += STRIP_H + 28;
  }
  body.push(strip(`Address ${input.iova}`, addressStrip(iommu, input.iova, input.addressWidth), y, p));
  y += STRIP_H + 34;

  const cols = [PAD, PAD + 36, PAD + 150, PAD + 220, PAD + 380];
  const head = ['#', 'structure', 'index', 'entry address', 'raw entry'];
  head.forEach((h, i) =>
    body.push(text(cols[i] ?? PAD, y, h, `fill="${p.muted}" font-family="${SANS}" font-size="12" font-weight="600"`)),
  );
  y += 6;
  body.push(`<line x1="${PAD}" y1="${y}" x2="${W - PAD}" y2="${y}" stroke="${p.border}"/>`);
  input.walk.forEach((s, i) => {
    y += ROW;
    const cells = [String(i + 1), s.structure, String(s.index), hex(s.entryAddr), hex(s.entry)];
    cells.forEach((c, j) =>
      body.push(text(cols[j] ?? PAD, y, c, `fill="${p.fg}" font-family="${j === 1 ? SANS : MONO}" font-size="12"`)),
    );
  });
  if (input.walk.length === 0) {
    y += ROW;
    body.push(
      text(
        PAD,
        y,
        input.iotlb === 'hit' ? 'no memory reads: the IOTLB hit' : 'no memory reads',
        `fill="${p.muted}" font-family="${SANS}" font-size="12"`,
      ),
    );
  }
  y += ROW + 10;
  body.push(text(PAD, y, outcome, outcomeAttrs));
  const height = y + PAD;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-label="Translation walk">` +
    `<rect width="100%" height="100%" fill="${p.bg}"/>${body.join('')}</svg>`;
  return { svg, width: W, height };
}
