// The graph editor: React Flow with n8n's look, fed by the editor store. Deletions, undo and the
// clipboard go through the store (see ../../state/editor.ts); React Flow only reports gestures.
import { ReactFlow, useReactFlow, type Edge } from '@xyflow/react';
import { useMemo, type ReactNode } from 'react';

import {
	beginGesture,
	connectNodes,
	editorStore,
	endGesture,
	isValidConnection,
	onEdgesChange,
	onNodesChange,
} from '../../state/editor';
import { useStore } from '../../state/store';
import { CanvasContext, type CanvasInfo } from './CanvasContext';
import { CanvasOverlays } from './CanvasOverlays';
import { allowPaletteDrop, dropNode, explainConnectEnd } from './canvasGestures';
import { FinEdge } from './FinEdge';
import { FinNode } from './FinNode';
import { StickyNote } from './StickyNote';
import { useFitAndDetail } from './useFitAndDetail';
import { useFlowEdges, useFlowNodes } from './useFlowElements';
import { useViewCommands } from './useViewCommands';

const nodeTypes = { fin: FinNode, sticky: StickyNote };
const edgeTypes = { default: FinEdge };

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
	const nodes = useFlowNodes(doc.nodes, info.lookup);
	const detailed = useFitAndDetail(nodes);
	const canvasInfo = useMemo(() => ({ ...info, detailed }), [info, detailed]);
	const edges = useFlowEdges(doc.nodes, doc.edges);
	useViewCommands(flow);

	return (
		<CanvasContext.Provider value={canvasInfo}>
			<div
				className="canvas"
				data-testid="canvas"
				onDrop={(event) => dropNode(flow, event)}
				onDragOver={allowPaletteDrop}
			>
				<ReactFlow
					nodes={nodes}
					edges={detailed ? edges : NO_EDGES}
					nodeTypes={nodeTypes}
					edgeTypes={edgeTypes}
					onNodesChange={onNodesChange}
					onEdgesChange={onEdgesChange}
					onConnect={(connection) => connectNodes(connection)}
					onConnectEnd={explainConnectEnd}
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
					<CanvasOverlays
						nodes={nodes}
						edges={edges}
						detailed={detailed}
						banner={banner}
						emptyHint={emptyHint}
					/>
				</ReactFlow>
			</div>
		</CanvasContext.Provider>
	);
}
