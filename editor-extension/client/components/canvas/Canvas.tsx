// The graph editor: React Flow with n8n's look, fed by the editor store. Deletions, undo and the
// clipboard go through the store (see ../../state/editor.ts); React Flow only reports gestures.
import {
	Background,
	BackgroundVariant,
	Controls,
	MarkerType,
	MiniMap,
	Panel,
	ReactFlow,
	useReactFlow,
	type Edge,
	type FinalConnectionState,
	type Node,
} from '@xyflow/react';
import { useEffect, useMemo, type DragEvent, type ReactNode } from 'react';

import { inputsOf, outputsOf, type TypeLookup } from '../../graph/nodeTypes';
import type { GraphEdge, GraphNode } from '../../graph/types';
import {
	addNodeOfType,
	beginGesture,
	connectNodes,
	editorStore,
	endGesture,
	explainRefusedConnection,
	isValidConnection,
	onEdgesChange,
	onNodesChange,
	view,
} from '../../state/editor';
import { useStore } from '../../state/store';
import { DRAG_TYPE } from '../palette/PaletteNode';
import { CanvasContext, type CanvasInfo } from './CanvasContext';
import { ConnectionsOverview } from './ConnectionsOverview';
import { FinEdge } from './FinEdge';
import { FinNode } from './FinNode';
import { FIN_NODE_SIZE, handlesOf } from './nodeGeometry';
import { StickyNote } from './StickyNote';
import { useFitAndDetail } from './useFitAndDetail';

const nodeTypes = { fin: FinNode, sticky: StickyNote };
const edgeTypes = { default: FinEdge };
const defaultEdgeOptions = {
	markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#8d939c' },
};

function miniMapColor(node: Node): string {
	return (node as unknown as GraphNode).type === 'sticky' ? '#fde68a' : '#c4c8d0';
}

/** Per type lookup (the catalog), each graph node as React Flow gets it: the same object while it is unchanged. */
const labelledNodes = new WeakMap<TypeLookup, WeakMap<GraphNode, Node>>();

function labelledNode(node: GraphNode, lookup: TypeLookup): Node {
	let cache = labelledNodes.get(lookup);
	if (!cache) labelledNodes.set(lookup, (cache = new WeakMap()));
	let labelled = cache.get(node);
	if (!labelled) {
		const type = node.data.node.type;
		const description = lookup(type);
		labelled = (node.type === 'sticky'
			? { ...node, ariaLabel: 'Sticky note' }
			: {
					...node,
					ariaLabel: `Node ${node.data.node.name} (Enter opens it)`,
					// Its size and dots, known up front (nodeGeometry.ts): shown and connected in the
					// first frame, never measured and drawn a second time.
					measured: node.measured ?? { width: FIN_NODE_SIZE, height: FIN_NODE_SIZE },
					handles: handlesOf(inputsOf(description, type), outputsOf(description)),
				}) as unknown as Node;
		cache.set(node, labelled);
	}
	return labelled;
}

const labelledEdges = new WeakMap<GraphEdge, Edge>();

function labelledEdge(edge: GraphEdge, names: Map<string, string>): Edge {
	const ariaLabel = `Connection from ${names.get(edge.source) ?? edge.source} to ${names.get(edge.target) ?? edge.target}`;
	let labelled = labelledEdges.get(edge);
	if (labelled?.ariaLabel !== ariaLabel) {
		labelled = { ...edge, ...defaultEdgeOptions, ariaLabel } as unknown as Edge;
		labelledEdges.set(edge, labelled);
	}
	return labelled;
}

const NO_EDGES: Edge[] = [];

interface Props {
	info: CanvasInfo;
	banner?: ReactNode;
	emptyHint?: ReactNode;
}

export function Canvas({ info, banner, emptyHint }: Props) {
	const flow = useReactFlow();
	const doc = useStore(editorStore, (state) => state.history.present);
	// Screen readers name each node and connection (React Flow makes them focusable: Tab, Enter, arrows).
	// A node or connection that did not change keeps its object, so a drag redraws only what moved.
	const nodes = useMemo(
		() => doc.nodes.map((node) => labelledNode(node, info.lookup)),
		[doc.nodes, info.lookup],
	);
	const detailed = useFitAndDetail(nodes);
	const canvasInfo = useMemo(() => ({ ...info, detailed }), [info, detailed]);
	// The connections depend on the nodes' names only: a drag keeps the same array, so React Flow
	// does not rebuild its connection lookup on every move.
	const names = doc.nodes.map((node) => `${node.id}\u0000${node.data.node.name}`).join('\u0001');
	const edges = useMemo(() => {
		const byId = new Map(
			names.split('\u0001').map((entry) => entry.split('\u0000') as [string, string]),
		);
		return doc.edges.map((edge) => labelledEdge(edge, byId));
	}, [doc.edges, names]);

	useEffect(() => {
		view.fitView = () => void flow.fitView({ padding: 0.25, duration: 200, maxZoom: 1.2 });
		view.zoomIn = () => void flow.zoomIn({ duration: 150 });
		view.zoomOut = () => void flow.zoomOut({ duration: 150 });
		view.resetZoom = () => void flow.zoomTo(1, { duration: 150 });
		view.center = () => {
			const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
			if (!pane) return undefined;
			return flow.screenToFlowPosition({
				x: pane.left + pane.width / 2,
				y: pane.top + pane.height / 2,
			});
		};
		view.reveal = (position) => {
			const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
			if (!pane) return;
			const topLeft = flow.flowToScreenPosition(position);
			const bottomRight = flow.flowToScreenPosition({ x: position.x + 100, y: position.y + 150 });
			const margin = 40;
			const inside =
				topLeft.x >= pane.left + margin &&
				topLeft.y >= pane.top + margin &&
				bottomRight.x <= pane.right - margin &&
				bottomRight.y <= pane.bottom - margin;
			if (!inside) void flow.fitView({ padding: 0.25, duration: 200, maxZoom: flow.getZoom() });
		};
	}, [flow]);

	const onDrop = (event: DragEvent) => {
		const type = event.dataTransfer.getData(DRAG_TYPE);
		if (!type) return;
		event.preventDefault();
		const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
		addNodeOfType(type, {
			x: Math.round((point.x - 50) / 20) * 20,
			y: Math.round((point.y - 50) / 20) * 20,
		});
	};

	const onConnectEnd = (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
		if (
			state.isValid ||
			!state.fromNode ||
			!state.toNode ||
			(state.fromNode.id === state.toNode.id && !state.toHandle)
		)
			return;
		const forward = state.fromHandle?.type !== 'target';
		explainRefusedConnection({
			source: forward ? state.fromNode.id : state.toNode.id,
			target: forward ? state.toNode.id : state.fromNode.id,
			sourceHandle: forward ? state.fromHandle?.id : (state.toHandle?.id ?? 'main:0'),
			targetHandle: forward ? (state.toHandle?.id ?? 'main:0') : state.fromHandle?.id,
		});
	};

	return (
		<CanvasContext.Provider value={canvasInfo}>
			<div
				className="canvas"
				data-testid="canvas"
				onDrop={onDrop}
				onDragOver={(event) => {
					if (event.dataTransfer.types.includes(DRAG_TYPE)) {
						event.preventDefault();
						event.dataTransfer.dropEffect = 'copy';
					}
				}}
			>
				<ReactFlow
					nodes={nodes}
					edges={detailed ? edges : NO_EDGES}
					nodeTypes={nodeTypes}
					edgeTypes={edgeTypes}
					onNodesChange={onNodesChange}
					onEdgesChange={onEdgesChange}
					onConnect={(connection) => connectNodes(connection)}
					onConnectEnd={onConnectEnd}
					isValidConnection={(connection) => isValidConnection(connection)}
					onNodeDragStart={beginGesture}
					onNodeDragStop={endGesture}
					onSelectionDragStart={beginGesture}
					onSelectionDragStop={endGesture}
					deleteKeyCode={null}
					selectionKeyCode="Shift"
					multiSelectionKeyCode={['Meta', 'Control']}
					snapToGrid
					snapGrid={[20, 20]}
					// Low enough that zoom-to-fit shows a 200-node chain whole.
					minZoom={0.01}
					maxZoom={2.5}
					fitView
					fitViewOptions={{ padding: 0.25, maxZoom: 1.2 }}
					connectionRadius={30}
				>
					{!detailed && <ConnectionsOverview nodes={nodes} edges={edges} />}
					<Background variant={BackgroundVariant.Dots} gap={20} size={1.3} color="#c9ccd3" />
					<Controls showInteractive={false} position="top-left" />
					<MiniMap
						pannable
						zoomable
						nodeColor={miniMapColor}
						nodeStrokeWidth={2}
						position="bottom-right"
						ariaLabel="Minimap"
					/>
					{banner && <Panel position="top-center">{banner}</Panel>}
					{doc.nodes.length === 0 && emptyHint && (
						<Panel position="top-center" className="canvas__empty">
							{emptyHint}
						</Panel>
					)}
				</ReactFlow>
			</div>
		</CanvasContext.Provider>
	);
}
