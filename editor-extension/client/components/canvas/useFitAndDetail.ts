// The canvas's view after a load and its level of detail (nodeDetail.ts): fit the graph once every
// node has been measured, and say whether nodes and connections are drawn in full.
import {
	useReactFlow,
	useStore as useFlowStore,
	useUpdateNodeInternals,
	type Node,
	type ReactFlowState,
} from '@xyflow/react';
import { useEffect, useRef } from 'react';

import { editorStore } from '../../state/editor';
import { useStore } from '../../state/store';
import { FIT_AFTER_LOAD, showsDetail, viewportAfterFit } from './nodeDetail';

const paneOf = (state: ReactFlowState) => ({
	width: state.width,
	height: state.height,
	minZoom: state.minZoom,
});
const samePane = (a: ReturnType<typeof paneOf>, b: ReturnType<typeof paneOf>) =>
	a.width === b.width && a.height === b.height && a.minZoom === b.minZoom;

/** Fits a freshly loaded graph; true while nodes and connections are drawn in full. */
export function useFitAndDetail(nodes: Node[]): boolean {
	const flow = useReactFlow();
	const fitRequest = useStore(editorStore, (state) => state.fitRequest);
	// Dimension changes reach the store through onNodesChange, so `measured` says a node has been drawn.
	const initialized = nodes.every((node) => node.measured?.width);
	const fitted = useRef(0);
	// The fit is computed here, so the nodes are drawn for the zoom they will be shown at: a large
	// graph is drawn once, as boxes, and never first in full at the zoom before. React Flow's own fit
	// stands in while the pane has no size yet.
	const pane = useFlowStore(paneOf, samePane);
	const fitPending = fitRequest !== fitted.current && initialized;
	const fit = fitPending ? viewportAfterFit(nodes, pane) : undefined;
	useEffect(() => {
		if (!fitPending) return;
		fitted.current = fitRequest;
		void (fit ? flow.setViewport(fit) : flow.fitView(FIT_AFTER_LOAD));
	}, [fitPending, fit, fitRequest, flow]);
	const detailedNow = useFlowStore((state) => showsDetail(state.transform[2]));
	const detailed = fit ? showsDetail(fit.zoom) : detailedNow;
	// Zooming in brings the dots back: React Flow measures them again, or it would keep the dots it
	// found (none) when it first measured the nodes far out.
	const updateNodeInternals = useUpdateNodeInternals();
	const wasDetailed = useRef(detailed);
	useEffect(() => {
		if (detailed && !wasDetailed.current) updateNodeInternals(nodes.map((node) => node.id));
		wasDetailed.current = detailed;
	}, [detailed, nodes, updateNodeInternals]);
	return detailed;
}
