/**
 * The only place d3-zoom touches the DOM: a framework-free pan/zoom factory (create, destroy)
 * held in a ref, xyflow-style. During a gesture the transform is written straight onto the
 * viewport `<g>` (no React render per frame); React gets the transform only when the view needs
 * re-culling (see `needsCommit`) and when a gesture ends.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface Transform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export const MAX_ZOOM = 4;
/** Fit-to-view never enlarges beyond this (a 3-node graph should not fill the screen with one box). */
export const FIT_MAX_ZOOM = 2;

interface PanZoom {
  /** Returns the new transform, or null when there is nothing to fit (or no size yet). */
  fit(width: number, height: number, minK?: number): Transform | null;
  /** Move the view to `t` (a tour frames its nodes). Returns false before the view has a size. */
  set(t: Transform): boolean;
  destroy(): void;
}

export function toSvgTransform(t: Transform): string {
  return `translate(${t.x},${t.y}) scale(${t.k})`;
}

/** The transform that shows a `width`×`height` graph in a `boxW`×`boxH` view (pure, for tests). */
export function fitTransform(width: number, height: number, boxW: number, boxH: number, minK = 0, pad = 12): Transform {
  const k = Math.max(minK, Math.min(FIT_MAX_ZOOM, (boxW - 2 * pad) / width, (boxH - 2 * pad) / height));
  // minK keeps big graphs readable: fit the width, start at the top, scroll for the rest.
  return { k, x: Math.max(pad, (boxW - width * k) / 2), y: Math.max(pad, (boxH - height * k) / 2) };
}

function createPanZoom(svg: SVGSVGElement, onChange: (t: Transform, ended: boolean) => void): PanZoom {
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.02, MAX_ZOOM])
    // A plain drag pans even when it starts on a node; Shift+drag on a movable node is the node's
    // own gesture (GraphNode moves it), so panning never moves a node by accident.
    .filter((event: Event & { button?: number; ctrlKey?: boolean; shiftKey?: boolean }) => {
      if (event.type === 'dblclick') return false;
      const target = event.target as Element | null;
      if (
        (event.type === 'mousedown' || event.type === 'pointerdown') &&
        event.shiftKey &&
        target?.closest('[data-node][data-movable]')
      )
        return false;
      return (!event.ctrlKey || event.type === 'wheel') && !event.button;
    })
    .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) =>
      onChange({ x: event.transform.x, y: event.transform.y, k: event.transform.k }, false),
    )
    .on('end', (event: D3ZoomEvent<SVGSVGElement, unknown>) =>
      onChange({ x: event.transform.x, y: event.transform.y, k: event.transform.k }, true),
    );
  const sel = select(svg);
  sel.call(behavior);
  return {
    fit(width, height, minK = 0) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || width === 0 || height === 0) return null;
      const t = fitTransform(width, height, box.width, box.height, minK);
      behavior.transform(sel, zoomIdentity.translate(t.x, t.y).scale(t.k));
      return t;
    },
    set(t) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return false;
      behavior.transform(sel, zoomIdentity.translate(t.x, t.y).scale(t.k));
      return true;
    },
    destroy() {
      sel.on('.zoom', null);
    },
  };
}

/**
 * Pan/zoom for an SVG whose content sits in `viewportRef`'s `<g>`. Returns the committed transform
 * (what React last rendered with) and a fit function. `needsCommit(latest, committed)` decides
 * when a mid-gesture change must reach React (e.g. the view left the culled area).
 */
export function useZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  viewportRef: RefObject<SVGGElement | null>,
  needsCommit: (latest: Transform, committed: Transform) => boolean,
) {
  const [transform, setTransform] = useState<Transform>({ x: 0, y: 0, k: 1 });
  const committed = useRef<Transform>(transform);
  const latest = useRef<Transform>(transform);
  const decide = useRef(needsCommit);
  decide.current = needsCommit;
  const panZoom = useRef<PanZoom | null>(null);
  // Views that follow every frame of a gesture without a React render (the minimap).
  const listeners = useRef(new Set<(t: Transform) => void>());
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (svg === null) return;
    let frame = 0;
    const commit = () => {
      frame = 0;
      committed.current = latest.current;
      setTransform(latest.current);
    };
    const pz = createPanZoom(svg, (t, ended) => {
      // While the scale changes mid-gesture the svg carries `zooming` (cluster.css drops a fleet
      // overview's names meanwhile: re-laying out hundreds of texts at every new scale is what cost
      // a 256-VM overview its zoom frames); a pan keeps it as it was, the gesture's end clears it.
      if (ended) svg.classList.remove('zooming');
      else if (t.k !== latest.current.k) svg.classList.add('zooming');
      latest.current = t;
      viewportRef.current?.setAttribute('transform', toSvgTransform(t));
      for (const l of listeners.current) l(t);
      if (ended || decide.current(t, committed.current)) {
        if (frame === 0) frame = requestAnimationFrame(commit);
      }
    });
    panZoom.current = pz;
    return () => {
      cancelAnimationFrame(frame);
      pz.destroy();
      panZoom.current = null;
    };
  }, [svgRef, viewportRef]);
  /** Fit and commit at once (so a fit inside a layout effect renders before the next paint). */
  const fit = useCallback((width: number, height: number, minK?: number): boolean => {
    const t = panZoom.current?.fit(width, height, minK) ?? null;
    if (t === null) return false;
    latest.current = committed.current = t;
    setTransform(t);
    return true;
  }, []);
  /** Set and commit a view at once (like `fit`). */
  const setView = useCallback((t: Transform): boolean => {
    if (!(panZoom.current?.set(t) ?? false)) return false;
    latest.current = committed.current = t;
    setTransform(t);
    return true;
  }, []);
  /** Call `l` with the transform on every pan/zoom frame; returns the unsubscribe function. */
  const subscribe = useCallback((l: (t: Transform) => void) => {
    listeners.current.add(l);
    return () => void listeners.current.delete(l);
  }, []);
  return { transform, fit, setView, latest, subscribe };
}
