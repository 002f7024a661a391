/**
 * View state of the attachment graph that other panels may drive (issue 11): which clusters the
 * user opened, and requests to bring a node into view. View-only: nothing here is part of the
 * document, undo never sees it. GraphView serves `reveal` requests (open the node's cluster, centre
 * the node at a readable zoom); the find box, focus mode and the tables call `revealNode`.
 *
 * A vanilla zustand store (usable outside React, e.g. from tests) with a `useGraphView` hook.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface RevealRequest {
  /** A topology node id (`vm:vm37`, `device:dsa0`, `pasid:dsa0/1`…). */
  readonly nodeId: string;
  /** Increases with every request, so asking twice for the same node reveals it twice. */
  readonly seq: number;
}

export interface GraphViewState {
  /** Clusters opened by the user (or by a reveal), drawn open at any zoom. */
  readonly opened: ReadonlySet<string>;
  /** Clusters the user closed, drawn closed even at a zoom that opens the others (until opened or Fit). */
  readonly closed: ReadonlySet<string>;
  readonly reveal: RevealRequest | null;
  openCluster(id: string): void;
  closeCluster(id: string): void;
  /** Open the node's cluster and centre the node at zoom ≥ 1 (served by GraphView). */
  revealNode(nodeId: string): void;
  /** Forget opened clusters (a new document). */
  reset(): void;
}

function without(s: ReadonlySet<string>, id: string): ReadonlySet<string> {
  if (!s.has(id)) return s;
  const out = new Set(s);
  out.delete(id);
  return out;
}

export function createGraphViewStore() {
  // Never reset: GraphView serves only requests newer than the last it served, so a reveal asked
  // after a reset (Fit) must still count up from there.
  let seq = 0;
  return createStore<GraphViewState>()((set, get) => ({
    opened: new Set(),
    closed: new Set(),
    reveal: null,
    openCluster(id) {
      const { opened, closed } = get();
      if (opened.has(id) && !closed.has(id)) return;
      set({ opened: new Set([...opened, id]), closed: without(closed, id) });
    },
    closeCluster(id) {
      const { opened, closed } = get();
      if (closed.has(id) && !opened.has(id)) return;
      set({ opened: without(opened, id), closed: new Set([...closed, id]) });
    },
    revealNode(nodeId) {
      seq += 1;
      set({ reveal: { nodeId, seq } });
    },
    reset() {
      set({ opened: new Set(), closed: new Set(), reveal: null });
    },
  }));
}

/** The one graph view of the page (there is one GraphView). */
export const graphView = createGraphViewStore();

export function useGraphView<T>(selector: (s: GraphViewState) => T): T {
  return useStore(graphView, selector);
}

export const selectOpened = (s: GraphViewState) => s.opened;
export const selectClosed = (s: GraphViewState) => s.closed;
export const selectReveal = (s: GraphViewState) => s.reveal;
