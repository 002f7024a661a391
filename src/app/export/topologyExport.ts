/**
 * The topology as a standalone SVG document for export: ExportGraph (the whole graph, whole labels,
 * legend) rendered off screen in the page, so its computed styles are the current theme's, then
 * serialised with those styles inlined.
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { topologyOf } from '../../engine/inspect/topology.ts';
import { describePlatform } from '../../engine/index.ts';
import { layoutTopology } from '../../layout/layered.ts';
import { withPositions } from '../../layout/pinned.ts';
import { currentState, type AppState } from '../../store/createAppStore.ts';
import { dmaPathNodes } from '../graph/dmaPath.ts';
import { ExportGraph } from './ExportGraph.tsx';
import { serializeSvg, type SerializedSvg } from './serializeSvg.ts';

export function topologySvg(s: AppState): SerializedSvg {
  const state = currentState(s);
  const topo = topologyOf(state);
  const layout = withPositions(layoutTopology(topo, { maxDetailWidth: Infinity }), s.positions);
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = 'position:fixed;left:-100000px;top:0;';
  document.body.appendChild(host);
  const root = createRoot(host);
  try {
    flushSync(() =>
      root.render(
        createElement(ExportGraph, {
          layout,
          edges: topo.edges,
          path: dmaPathNodes(state, s.lastDma),
          selection: s.selection,
          title: `PASID Atlas · ${s.title}`,
          words: describePlatform(state.platform),
        }),
      ),
    );
    const svg = host.querySelector('svg');
    if (svg === null) throw new Error('the graph did not render');
    return serializeSvg(svg, { mode: 'whole' });
  } finally {
    root.unmount();
    host.remove();
  }
}
