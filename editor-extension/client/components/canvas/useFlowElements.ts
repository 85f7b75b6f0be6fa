// The graph as React Flow gets it: each node and connection labelled for screen readers, and the
// same object while it is unchanged, so a drag redraws only what moved.
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { useMemo } from 'react';

import { inputsOf, outputsOf, type TypeLookup } from '../../graph/nodeTypes';
import type { GraphEdge, GraphNode } from '../../graph/types';
import { FIN_NODE_SIZE, handlesOf } from './nodeGeometry';

const defaultEdgeOptions = {
	markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#8d939c' },
};

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

/** The document's nodes as React Flow gets them (React Flow makes them focusable: Tab, Enter, arrows). */
export function useFlowNodes(graphNodes: GraphNode[], lookup: TypeLookup): Node[] {
	return useMemo(() => graphNodes.map((node) => labelledNode(node, lookup)), [graphNodes, lookup]);
}

/** The document's connections as React Flow gets them. */
export function useFlowEdges(graphNodes: GraphNode[], graphEdges: GraphEdge[]): Edge[] {
	// The connections depend on the nodes' names only: a drag keeps the same array, so React Flow
	// does not rebuild its connection lookup on every move.
	const names = graphNodes.map((node) => `${node.id}\u0000${node.data.node.name}`).join('\u0001');
	return useMemo(() => {
		const byId = new Map(
			names.split('\u0001').map((entry) => entry.split('\u0000') as [string, string]),
		);
		return graphEdges.map((edge) => labelledEdge(edge, byId));
	}, [graphEdges, names]);
}
