/**
 * "Show this node in the graph" for panels outside it (the inspector's lists): the graph's view
 * store opens the node's cluster and centres it at a readable zoom (graphView.revealNode).
 */
import { graphView } from './graphView.ts';

/** Ask the graph to centre a topology node (`vm:vm37`…); served when a graph is shown. */
export function centreOnNode(nodeId: string): void {
  graphView.getState().revealNode(nodeId);
}
