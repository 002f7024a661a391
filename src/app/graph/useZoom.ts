/**
 * The only place d3-zoom touches the DOM: a framework-free pan/zoom factory (create, update,
 * destroy) held in a ref, xyflow-style. React reads the transform from state and renders.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

export interface Transform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

interface PanZoom {
  fit(width: number, height: number, minK?: number): void;
  destroy(): void;
}

function createPanZoom(svg: SVGSVGElement, onChange: (t: Transform) => void): PanZoom {
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.02, 4])
    // Don't start a pan on nodes (they handle clicks and keys themselves).
    .filter((event: Event & { button?: number; ctrlKey?: boolean }) => {
      if (event.type === 'dblclick') return false;
      const target = event.target as Element | null;
      if (event.type === 'mousedown' && target?.closest('[data-node]')) return false;
      return (!event.ctrlKey || event.type === 'wheel') && !event.button;
    })
    .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => onChange({ x: event.transform.x, y: event.transform.y, k: event.transform.k }));
  const sel = select(svg);
  sel.call(behavior);
  return {
    fit(width, height, minK = 0) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || width === 0 || height === 0) return;
      const pad = 24;
      // minK keeps big graphs readable: fit the width, start at the top, scroll for the rest.
      const k = Math.max(minK, Math.min(2, (box.width - 2 * pad) / width, (box.height - 2 * pad) / height));
      const x = Math.max(pad, (box.width - width * k) / 2);
      const y = Math.max(pad, (box.height - height * k) / 2);
      sel.call(behavior.transform, zoomIdentity.translate(x, y).scale(k));
    },
    destroy() {
      sel.on('.zoom', null);
    },
  };
}

/** Pan/zoom for an SVG: the current transform and a fit-to-view function. */
export function useZoom(svgRef: RefObject<SVGSVGElement | null>) {
  const [transform, setTransform] = useState<Transform>({ x: 0, y: 0, k: 1 });
  const panZoom = useRef<PanZoom | null>(null);
  useEffect(() => {
    const svg = svgRef.current;
    if (svg === null) return;
    let frame = 0;
    let pending: Transform | null = null;
    // Coalesce zoom events to one React render per animation frame.
    const pz = createPanZoom(svg, (t) => {
      pending = t;
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          if (pending) setTransform(pending);
        });
    });
    panZoom.current = pz;
    return () => {
      cancelAnimationFrame(frame);
      pz.destroy();
      panZoom.current = null;
    };
  }, [svgRef]);
  const fit = useCallback((width: number, height: number, minK?: number) => panZoom.current?.fit(width, height, minK), []);
  return { transform, fit };
}
