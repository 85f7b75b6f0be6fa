// How much of the graph the canvas draws at a zoom. Below DETAIL_MIN_ZOOM a node is under 30 px on
// screen, its name under 4 px and its dots under 4 px: a node is drawn as its box only (coloured by
// its kind, status and problems, still focusable and named for screen readers) and the connections
// as one drawing (ConnectionsOverview); everything comes back when zoomed in. A 200-node chain
// fitted on screen is at about 0.02: drawn in full there it took about 500 ms to its first frame on
// a 2-core machine, drawn this way under 200 ms (issue 15: first render under 300 ms).
import { getNodesBounds, getViewportForBounds, type Node, type Viewport } from '@xyflow/react';

export const DETAIL_MIN_ZOOM = 0.3;

/** How the canvas fits a graph after loading it (the fit the first render is drawn for). */
export const FIT_AFTER_LOAD = { padding: 0.2, maxZoom: 1.2 };

export function showsDetail(zoom: number): boolean {
	return zoom >= DETAIL_MIN_ZOOM;
}

/**
 * The viewport that fits `nodes` into a pane of this size, as React Flow's fitView computes it;
 * undefined while a node has no size yet or the pane has none.
 */
export function viewportAfterFit(
	nodes: Node[],
	pane: { width: number; height: number; minZoom: number },
): Viewport | undefined {
	if (!nodes.length || !pane.width || !pane.height) return undefined;
	if (nodes.some((node) => !node.measured?.width || !node.measured.height)) return undefined;
	return getViewportForBounds(
		getNodesBounds(nodes),
		pane.width,
		pane.height,
		pane.minZoom,
		FIT_AFTER_LOAD.maxZoom,
		FIT_AFTER_LOAD.padding,
	);
}
