/**
 * A live `<svg>` as a standalone SVG document: every element's computed style inlined (CSS
 * variables come out resolved, as a file has no stylesheet) and a background rect in the theme's
 * colour. `whole` frames everything drawn (the viewport group's bounding box); `view` keeps the
 * on-screen size and pan/zoom.
 */

/** Presentation properties an SVG drawing depends on. */
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
  'paint-order',
  'color',
] as const;

export interface SerializedSvg {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

export interface SerializeOptions {
  readonly mode: 'whole' | 'view';
  /** Background colour; resolved from the SVG's own computed background when omitted. */
  readonly background?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const decl: string[] = [];
  for (const p of PROPS) {
    const v = cs.getPropertyValue(p);
    if (v !== '' && !v.includes('var(')) decl.push(`${p}:${v}`);
  }
  if (decl.length > 0) dst.setAttribute('style', decl.join(';'));
  // Attributes such as stroke="var(--edge)" mean nothing without the stylesheet; the inlined computed value replaces them.
  for (const attr of [...dst.attributes])
    if (attr.value.includes('var(') && attr.name !== 'style') dst.removeAttribute(attr.name);
  dst.removeAttribute('class');
  dst.removeAttribute('tabindex');
  const a = src.children;
  const b = dst.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i]!, b[i]!);
}

function resolvedBackground(svg: SVGSVGElement): string {
  const own = getComputedStyle(svg).backgroundColor;
  if (own && own !== 'transparent' && own !== 'rgba(0, 0, 0, 0)') return own;
  const root = getComputedStyle(document.documentElement);
  return (
    root.getPropertyValue('--bg').trim() ||
    (document.documentElement.dataset['theme'] === 'dark' ? '#14171c' : '#ffffff')
  );
}

/** Serialize `svg` as a standalone document. */
export function serializeSvg(svg: SVGSVGElement, opts: SerializeOptions): SerializedSvg {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  const rect = svg.getBoundingClientRect();
  let width = Math.max(1, Math.round(rect.width || Number(svg.getAttribute('width')) || 800));
  let height = Math.max(1, Math.round(rect.height || Number(svg.getAttribute('height')) || 600));
  let viewBox = `0 0 ${width} ${height}`;
  const viewport = svg.querySelector(':scope > g');
  if (opts.mode === 'whole' && viewport instanceof SVGGraphicsElement && typeof viewport.getBBox === 'function') {
    const box = viewport.getBBox();
    if (box.width > 0 && box.height > 0) {
      const pad = 16;
      width = Math.ceil(box.width + 2 * pad);
      height = Math.ceil(box.height + 2 * pad);
      viewBox = `${Math.floor(box.x - pad)} ${Math.floor(box.y - pad)} ${width} ${height}`;
      clone.querySelector(':scope > g')?.removeAttribute('transform');
    }
  }
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', viewBox);
  clone.removeAttribute('style');
  clone.setAttribute('style', `background:${opts.background ?? resolvedBackground(svg)}`);
  const [x, y] = viewBox.split(' ');
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('x', x ?? '0');
  bg.setAttribute('y', y ?? '0');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', opts.background ?? resolvedBackground(svg));
  clone.insertBefore(bg, clone.firstChild);
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
  return { text, width, height };
}
