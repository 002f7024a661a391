/** The graph's `<svg>` as a standalone document; `whole` fits the view first so no node is culled off screen. */
import { serializeSvg, type SerializedSvg } from './serializeSvg.ts';

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export async function topologySvg(whole: boolean): Promise<SerializedSvg | null> {
  if (whole) {
    document.querySelector<HTMLButtonElement>('[data-testid="fit-view"]')?.click();
    await nextFrame();
    await nextFrame();
  }
  const svg = document.querySelector<SVGSVGElement>('[data-testid="graph-svg"]');
  return svg === null ? null : serializeSvg(svg, { mode: whole ? 'whole' : 'view' });
}
