/**
 * The minimap (issue 11): the whole graph drawn small on a canvas (one rect per node, so 10,000
 * nodes cost one cheap draw when the layout changes, not 10,000 SVG elements) with a box where the
 * view is. Click or drag to move the view there; focused, the arrow keys move it by half a view,
 * Home and End go to the graph's start and end. The box follows every frame of a pan or zoom
 * through `subscribe`, without a React render. Hidden while the whole graph is on screen.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { PlacedCluster } from '../../layout/clusterLayout.ts';
import type { ClusterLink } from '../../layout/clusters.ts';
import type { Placed } from '../../layout/layered.ts';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectTheme } from '../../store/selectors.ts';
import './minimap.css';
import { drawMinimap } from './minimapDraw.ts';
import { centreAt, minimapBox, viewportOnMinimap, wholeGraphShown } from './minimapGeometry.ts';
import type { Transform } from './useZoom.ts';

interface Props {
  readonly nodes: readonly Placed[];
  readonly width: number;
  readonly height: number;
  /** The graph view's size in px (0 before it is measured). */
  readonly viewW: number;
  readonly viewH: number;
  readonly latest: { readonly current: Transform };
  readonly subscribe: (l: (t: Transform) => void) => () => void;
  readonly setView: (t: Transform) => boolean;
  /** Nodes to draw highlighted (focus mode's set), or null. */
  readonly lit: ReadonlySet<string> | null;
  /** A fleet's cluster boxes and bundles (drawn instead of its nodes), and focus mode's lit clusters. */
  readonly clusters?: readonly PlacedCluster[];
  readonly links?: readonly ClusterLink[];
  readonly litClusters?: ReadonlySet<string> | null;
}

const NONE: readonly never[] = [];

/** The minimap's largest size: small on a phone (at most a quarter of the view's width), else up to 180×140. */
export function minimapMax(viewW: number, viewH: number): { w: number; h: number } {
  return viewW < 600
    ? { w: Math.min(96, viewW * 0.25), h: Math.min(96, viewH * 0.25) }
    : { w: Math.min(180, viewW * 0.3), h: Math.min(140, viewH * 0.3) };
}

export function Minimap(props: Props) {
  const { nodes, width, height, viewW, viewH, latest, subscribe, setView, lit } = props;
  const { clusters = NONE, links = NONE, litClusters = null } = props;
  const theme = useAppStore(selectTheme);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const box = useMemo(() => {
    const max = minimapMax(viewW, viewH);
    return minimapBox(width, height, max.w, max.h);
  }, [width, height, viewW, viewH]);
  const [hidden, setHidden] = useState(true);
  // View state: the user may fold the minimap away (a toggle with an accessible name).
  const [folded, setFolded] = useState(false);

  // Follow the view: move the box on every frame, show or hide the minimap when that changes.
  useLayoutEffect(() => {
    if (viewW === 0 || viewH === 0) return;
    const follow = (t: Transform) => {
      const r = viewportOnMinimap(t, viewW, viewH, box);
      const el = viewRef.current;
      if (el !== null) {
        el.style.transform = `translate(${r.x0}px, ${r.y0}px)`;
        el.style.width = `${Math.max(2, r.x1 - r.x0)}px`;
        el.style.height = `${Math.max(2, r.y1 - r.y0)}px`;
      }
      setHidden(wholeGraphShown(width, height, t, viewW, viewH));
    };
    follow(latest.current);
    return subscribe(follow);
  }, [box, width, height, viewW, viewH, latest, subscribe]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (canvas === null || ctx === null || ctx === undefined || hidden || folded) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(box.w * dpr);
    canvas.height = Math.round(box.h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, box.w, box.h);
    const css = getComputedStyle(canvas);
    const plain = css.getPropertyValue('--muted').trim() || '#656d76';
    const accent = css.getPropertyValue('--selected').trim() || '#0b57d0';
    const vm = css.getPropertyValue('--accent').trim() || accent;
    drawMinimap(ctx, box, { nodes, clusters, links, lit, litClusters }, { plain, vm, accent });
  }, [nodes, clusters, links, box, lit, litClusters, theme, hidden, folded]);

  const jump = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setView(centreAt(e.clientX - r.left, e.clientY - r.top, box, { width, height }, latest.current.k, viewW, viewH));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const t = latest.current;
    const step = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[e.key];
    let next: Transform | null = null;
    if (step !== undefined) next = { k: t.k, x: t.x + (step[0]! * viewW) / 2, y: t.y + (step[1]! * viewH) / 2 };
    else if (e.key === 'Home') next = { k: t.k, x: 12, y: 12 };
    else if (e.key === 'End') next = { k: t.k, x: viewW - 12 - width * t.k, y: viewH - 12 - height * t.k };
    if (next === null) return;
    e.preventDefault();
    setView(next);
  };

  if (viewW === 0 || viewH === 0) return null;
  return (
    <div className={`minimap-dock${folded ? ' folded' : ''}`} hidden={hidden}>
      <button
        type="button"
        className="minimap-toggle"
        data-testid="minimap-toggle"
        aria-expanded={!folded}
        aria-controls="graph-minimap"
        aria-label={folded ? 'Show the minimap' : 'Hide the minimap'}
        title={folded ? 'Show the minimap' : 'Hide the minimap'}
        onClick={() => setFolded(!folded)}
      >
        {folded ? '▢' : '–'}
      </button>
      <div
        id="graph-minimap"
        className="minimap"
        hidden={hidden || folded}
        style={{ width: box.w, height: box.h }}
        data-testid="minimap"
        tabIndex={0}
        role="group"
        aria-roledescription="minimap"
        aria-label="Minimap of the whole graph: click or drag to move the view there; arrow keys move it by half a view, Home and End go to the start and the end"
        aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight Home End"
        onKeyDown={onKeyDown}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          dragging.current = true;
          e.currentTarget.setPointerCapture?.(e.pointerId);
          jump(e);
        }}
        onPointerMove={(e) => {
          if (dragging.current) jump(e);
        }}
        onPointerUp={() => {
          dragging.current = false;
        }}
        onPointerCancel={() => {
          dragging.current = false;
        }}
      >
        <canvas ref={canvasRef} style={{ width: box.w, height: box.h }} aria-hidden="true" />
        <div className="minimap-view" ref={viewRef} data-testid="minimap-view" />
      </div>
    </div>
  );
}
