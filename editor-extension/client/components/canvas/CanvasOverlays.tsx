// What React Flow draws over the graph: the far-out connections, the dotted grid, the zoom buttons,
// the minimap, the banner and the hint on an empty canvas.
import {
	Background,
	BackgroundVariant,
	Controls,
	MiniMap,
	Panel,
	type Edge,
	type Node,
} from '@xyflow/react';
import type { ReactNode } from 'react';

import type { GraphNode } from '../../graph/types';
import { ConnectionsOverview } from './ConnectionsOverview';

function miniMapColor(node: Node): string {
	return (node as unknown as GraphNode).type === 'sticky' ? '#fde68a' : '#c4c8d0';
}

interface Props {
	nodes: Node[];
	edges: Edge[];
	detailed: boolean;
	banner?: ReactNode;
	emptyHint?: ReactNode;
}

export function CanvasOverlays({ nodes, edges, detailed, banner, emptyHint }: Props) {
	return (
		<>
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
			{banner && (
				<Panel position="top-center" className="canvas-banner">
					{banner}
				</Panel>
			)}
			{nodes.length === 0 && emptyHint && (
				<Panel position="top-center" className="canvas__empty">
					{emptyHint}
				</Panel>
			)}
		</>
	);
}
