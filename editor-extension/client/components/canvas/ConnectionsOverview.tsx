// Zoomed far out (nodeDetail.ts), every connection drawn by one component: the curves React Flow
// would draw, from dot to dot as nodeGeometry.ts places them, in one SVG under the nodes. React
// Flow's own connections cost a component with three store subscriptions and an <svg> each: for a
// 200-node graph fitted on screen that was a third of its first render, for lines a few pixels long
// that no one can click. Tab still reaches each connection; Enter zooms to it, where React Flow's
// connection takes the focus (a second Enter selects it, as zoomed in).
import {
	EdgeLabelRenderer,
	getBezierPath,
	Position,
	useReactFlow,
	type Edge,
	type Node,
	type NodeHandle,
} from '@xyflow/react';
import { useMemo, type KeyboardEvent } from 'react';

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

interface Curve {
	edge: Edge;
	path: string;
	middle: { x: number; y: number };
}

/** The curve of every connection whose two dots are known. */
function overviewCurves(nodes: Node[], edges: Edge[]): Curve[] {
	const byId = new Map(nodes.map((node) => [node.id, node]));
	const dot = (node: Node | undefined, type: 'source' | 'target', id?: string | null) =>
		node?.handles?.find((handle) => handle.type === type && handle.id === id);
	const curves: Curve[] = [];
	for (const edge of edges) {
		const source = byId.get(edge.source);
		const target = byId.get(edge.target);
		const from = dot(source, 'source', edge.sourceHandle);
		const to = dot(target, 'target', edge.targetHandle);
		if (!source || !target || !from || !to) continue;
		const start = dotPoint(source, from);
		const end = dotPoint(target, to);
		const [path, x, y] = getBezierPath({
			sourceX: start.x,
			sourceY: start.y,
			sourcePosition: from.position,
			targetX: end.x,
			targetY: end.y,
			targetPosition: to.position,
		});
		curves.push({ edge, path, middle: { x, y } });
	}
	return curves;
}

/** Focuses React Flow's element of this connection once it is drawn (a few frames at most). */
function focusWhenDrawn(id: string, frames = 30) {
	const element = document.querySelector<SVGElement>(
		`.react-flow__edge[data-id="${CSS.escape(id)}"]`,
	);
	if (element) element.focus();
	else if (frames > 0) requestAnimationFrame(() => focusWhenDrawn(id, frames - 1));
}

export function ConnectionsOverview({ nodes, edges }: { nodes: Node[]; edges: Edge[] }) {
	const flow = useReactFlow();
	const curves = useMemo(() => overviewCurves(nodes, edges), [nodes, edges]);
	// One listener for all of them: a handler per connection costs 200 closures on a first render.
	const reach = (event: KeyboardEvent<SVGSVGElement>) => {
		if (event.key !== 'Enter' && event.key !== ' ') return;
		const id = (event.target as SVGElement).dataset.id;
		const curve = curves.find((candidate) => candidate.edge.id === id);
		if (!curve) return;
		event.preventDefault();
		void flow.setCenter(curve.middle.x, curve.middle.y, { zoom: 1 });
		focusWhenDrawn(curve.edge.id);
	};
	return (
		// React Flow's layer under the nodes, moved and scaled with them.
		<EdgeLabelRenderer>
			<svg className="connections-overview" data-testid="connections-overview" onKeyDown={reach}>
				{curves.map((curve) => (
					<path
						key={curve.edge.id}
						data-id={curve.edge.id}
						d={curve.path}
						tabIndex={0}
						role="button"
						aria-label={`${curve.edge.ariaLabel ?? 'Connection'} (Enter zooms to it)`}
					/>
				))}
			</svg>
		</EdgeLabelRenderer>
	);
}
