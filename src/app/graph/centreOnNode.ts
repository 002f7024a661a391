/**
 * "Show this node in the graph" for panels outside it (the inspector's lists). A stand-in until the
 * graph's view store (graphView.revealNode) lands on main; GraphView serves the request.
 */
type Handler = (nodeId: string) => void;
let handler: Handler | null = null;

/** Ask the graph to centre a topology node (`vm:vm37`…); nothing happens while no graph is shown. */
export function centreOnNode(nodeId: string): void {
  handler?.(nodeId);
}

/** GraphView registers itself; the returned function unregisters it. */
export function serveCentreRequests(h: Handler): () => void {
  handler = h;
  return () => {
    if (handler === h) handler = null;
  };
}
