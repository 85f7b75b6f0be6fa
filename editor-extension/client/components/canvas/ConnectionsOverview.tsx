// Zoomed far out (nodeDetail.ts), every connection in one drawing: the curves React Flow would draw,
// from dot to dot as nodeGeometry.ts places them, in a single path under the nodes. React Flow's own
// connections cost a component with three store subscriptions and an <svg> each: for a 200-node
// graph fitted on screen that was a third of its first render, for lines a few pixels long that no
// one can click. Zoomed in, React Flow draws them again, selectable by mouse and keyboard.
import {
	EdgeLabelRenderer,
	getBezierPath,
	Position,
	type Edge,
	type Node,
	type NodeHandle,
} from '@xyflow/react';
import { useMemo } from 'react';

/** Where a connection meets this dot, as React Flow computes it: the middle of its outer side. */
function dotPoint(node: Node, dot: NodeHandle): { x: number; y: number } {
	const x = node.position.x + dot.x;
	const y = node.position.y + dot.y;
	const width = dot.width ?? 0;
	const height = dot.height ?? 0;
	switch (dot.position) {
		case Position.Right:
			return { x: x + width, y: y + height / 2 };
		case Position.Top:
			return { x: x + width / 2, y };
		case Position.Bottom:
			return { x: x + width / 2, y: y + height };
		default:
			return { x, y: y + height / 2 };
	}
}

/** The SVG path of every connection whose two dots are known. */
export function overviewPath(nodes: Node[], edges: Edge[]): string {
	const byId = new Map(nodes.map((node) => [node.id, node]));
	const dot = (node: Node | undefined, type: 'source' | 'target', id?: string | null) =>
		node?.handles?.find((handle) => handle.type === type && handle.id === id);
	const curves: string[] = [];
	for (const edge of edges) {
		const source = byId.get(edge.source);
		const target = byId.get(edge.target);
		const from = dot(source, 'source', edge.sourceHandle);
		const to = dot(target, 'target', edge.targetHandle);
		if (!source || !target || !from || !to) continue;
		const start = dotPoint(source, from);
		const end = dotPoint(target, to);
		const [curve] = getBezierPath({
			sourceX: start.x,
			sourceY: start.y,
			sourcePosition: from.position,
			targetX: end.x,
			targetY: end.y,
			targetPosition: to.position,
		});
		curves.push(curve);
	}
	return curves.join(' ');
}

export function ConnectionsOverview({ nodes, edges }: { nodes: Node[]; edges: Edge[] }) {
	const path = useMemo(() => overviewPath(nodes, edges), [nodes, edges]);
	return (
		// React Flow's layer under the nodes, moved and scaled with them.
		<EdgeLabelRenderer>
			<svg className="connections-overview" data-testid="connections-overview" aria-hidden="true">
				<path d={path} />
			</svg>
		</EdgeLabelRenderer>
	);
}
