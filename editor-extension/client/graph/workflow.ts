// n8n workflow JSON <-> the canvas graph, without loss: unknown node fields, unknown workflow fields,
// sticky notes, empty outputs, the order of targets and connections to missing nodes all survive a
// round trip. Nodes are keyed by id on the canvas and by name in n8n's `connections`.
import type {
	GraphDoc,
	GraphEdge,
	GraphNode,
	N8nConnection,
	N8nConnections,
	N8nNode,
	N8nWorkflow,
	OrphanConnection,
} from './types';
import { STICKY_TYPE } from './types';
import { newId } from './ids';

export const DEFAULT_STICKY_SIZE = { width: 240, height: 160 };

export function handleId(connectionType: string, index: number): string {
	return `${connectionType}:${index}`;
}

export function parseHandle(handle: string | null | undefined): {
	connectionType: string;
	index: number;
} {
	const match = /^(.+):(\d+)$/.exec(handle ?? '');
	return match
		? { connectionType: match[1], index: Number(match[2]) }
		: { connectionType: 'main', index: 0 };
}

export function edgeId(
	source: string,
	sourceHandle: string,
	target: string,
	targetHandle: string,
): string {
	return `${source}/${sourceHandle}->${target}/${targetHandle}`;
}

function stickySize(node: N8nNode): { width: number; height: number } {
	const width = Number(node.parameters?.width);
	const height = Number(node.parameters?.height);
	return {
		width: Number.isFinite(width) && width > 0 ? width : DEFAULT_STICKY_SIZE.width,
		height: Number.isFinite(height) && height > 0 ? height : DEFAULT_STICKY_SIZE.height,
	};
}

/** A canvas node for an n8n node. The n8n node is kept whole in `data.node` (its position lives on the canvas). */
export function toGraphNode(node: N8nNode, id: string): GraphNode {
	const [x, y] = Array.isArray(node.position) ? node.position : [0, 0];
	const graphNode: GraphNode = {
		id,
		type: node.type === STICKY_TYPE ? 'sticky' : 'fin',
		position: { x, y },
		data: { node },
	};
	if (node.type === STICKY_TYPE) {
		const size = stickySize(node);
		graphNode.width = size.width;
		graphNode.height = size.height;
		graphNode.zIndex = -1;
	}
	return graphNode;
}

export function workflowToGraph(workflow: N8nWorkflow, makeId: () => string = newId): GraphDoc {
	const { nodes: rawNodes, connections: rawConnections, ...fields } = workflow;
	const { nodes, idByName } = graphNodesOf(rawNodes ?? [], makeId);
	const { edges, orphans, emptySources } = graphEdgesOf(rawConnections ?? {}, nodes, idByName);
	return {
		nodes,
		edges,
		meta: { fields, orphans, ...(emptySources.length ? { emptySources } : {}) },
	};
}

/** The canvas nodes, each with a unique id (its own when it has one), and the id of each name. */
function graphNodesOf(rawNodes: N8nNode[], makeId: () => string) {
	const nodes: GraphNode[] = [];
	const usedIds = new Set<string>();
	const idByName = new Map<string, string>();
	for (const node of rawNodes) {
		let id = typeof node.id === 'string' && node.id && !usedIds.has(node.id) ? node.id : makeId();
		while (usedIds.has(id)) id = makeId();
		usedIds.add(id);
		if (!idByName.has(node.name)) idByName.set(node.name, id);
		nodes.push(toGraphNode(node, id));
	}
	return { nodes, idByName };
}

type Connections = NonNullable<N8nWorkflow['connections']>;

/**
 * The edges of n8n's connections; a connection whose end is not a node is kept as an orphan and a
 * source with no outputs by its name, so both are exported unchanged. Records each source's output
 * shape (which slots are null) on its node's data.
 */
function graphEdgesOf(
	rawConnections: Connections,
	nodes: GraphNode[],
	idByName: Map<string, string>,
) {
	const edges: GraphEdge[] = [];
	const orphans: OrphanConnection[] = [];
	const emptySources: string[] = [];
	const nodeById = new Map(nodes.map((node) => [node.id, node]));
	for (const [sourceName, byType] of Object.entries(rawConnections)) {
		const sourceId = idByName.get(sourceName);
		if (!byType || Object.keys(byType).length === 0) {
			emptySources.push(sourceName);
			continue;
		}
		for (const [connectionType, outputs] of Object.entries(byType)) {
			if (sourceId) {
				const data = nodeById.get(sourceId)!.data;
				data.outputShape = {
					...data.outputShape,
					[connectionType]: (outputs ?? []).map((slot) => slot === null),
				};
			}
			(outputs ?? []).forEach((targets, outputIndex) => {
				(targets ?? []).forEach((entry, order) => {
					const targetId = idByName.get(entry.node);
					if (!sourceId || !targetId) {
						orphans.push({ source: sourceName, connectionType, outputIndex, entry });
						return;
					}
					const { node: _node, type, index, ...extra } = entry;
					const sourceHandle = handleId(connectionType, outputIndex);
					const targetHandle = handleId(type ?? connectionType, Number(index ?? 0));
					let id = edgeId(sourceId, sourceHandle, targetId, targetHandle);
					if (edges.some((edge) => edge.id === id)) id = `${id}#${order}`;
					edges.push({
						id,
						source: sourceId,
						target: targetId,
						sourceHandle,
						targetHandle,
						data: { connectionType, order, ...(Object.keys(extra).length ? { extra } : {}) },
					});
				});
			});
		}
	}
	return { edges, orphans, emptySources };
}

/** The n8n node of a canvas node, with the canvas position (and a sticky note's size) written back. */
export function toN8nNode(graphNode: GraphNode): N8nNode {
	const node: N8nNode = {
		...graphNode.data.node,
		position: [graphNode.position.x, graphNode.position.y],
	};
	if (node.type === STICKY_TYPE) {
		const current = stickySize(node);
		const width = graphNode.width ?? current.width;
		const height = graphNode.height ?? current.height;
		if (width !== current.width || height !== current.height) {
			node.parameters = {
				...node.parameters,
				width: Math.round(width),
				height: Math.round(height),
			};
		}
	}
	return node;
}

/** n8n's `connections` for a set of canvas nodes and edges (edges to nodes outside the set are left out). */
export function buildConnections(nodes: GraphNode[], edges: GraphEdge[]): N8nConnections {
	const nameById = new Map(nodes.map((node) => [node.id, node.data.node.name]));
	const connections: N8nConnections = {};
	const sorted = edges
		.map((edge, position) => ({ edge, position }))
		.filter(({ edge }) => nameById.has(edge.source) && nameById.has(edge.target))
		.sort(
			(a, b) =>
				(a.edge.data?.order ?? Infinity) - (b.edge.data?.order ?? Infinity) ||
				a.position - b.position,
		);
	for (const node of nodes) {
		const shape = node.data.outputShape;
		if (!shape) continue;
		for (const [connectionType, slots] of Object.entries(shape)) {
			const outputs = (connections[node.data.node.name] ??= {})[connectionType] ?? [];
			slots.forEach((isNull, index) => (outputs[index] = isNull ? null : []));
			connections[node.data.node.name][connectionType] = outputs;
		}
	}
	for (const { edge } of sorted) {
		const { connectionType, index: outputIndex } = parseHandle(edge.sourceHandle);
		const target = parseHandle(edge.targetHandle);
		const byType = (connections[nameById.get(edge.source)!] ??= {});
		const outputs = (byType[connectionType] ??= []);
		for (let i = 0; i <= outputIndex; i++) if (outputs[i] === undefined) outputs[i] = [];
		const entry: N8nConnection = {
			node: nameById.get(edge.target)!,
			type: target.connectionType,
			index: target.index,
			...(edge.data?.extra ?? {}),
		};
		(outputs[outputIndex] ??= []).push(entry);
	}
	for (const byType of Object.values(connections)) {
		for (const outputs of Object.values(byType)) {
			for (let i = 0; i < outputs.length; i++) if (outputs[i] === undefined) outputs[i] = [];
		}
	}
	return connections;
}

export function graphToWorkflow(doc: GraphDoc): N8nWorkflow {
	const nodes = doc.nodes.map(toN8nNode);
	const connections = buildConnections(doc.nodes, doc.edges);
	const names = new Set(nodes.map((node) => node.name));
	for (const orphan of doc.meta.orphans) {
		// Kept only while it still points at something missing; otherwise it would come back as a new edge.
		if (names.has(orphan.source) && names.has(orphan.entry.node)) continue;
		const outputs = ((connections[orphan.source] ??= {})[orphan.connectionType] ??= []);
		for (let i = 0; i <= orphan.outputIndex; i++) if (outputs[i] === undefined) outputs[i] = [];
		(outputs[orphan.outputIndex] ??= []).push(orphan.entry);
	}
	for (const name of doc.meta.emptySources ?? []) connections[name] ??= {};
	return { ...doc.meta.fields, nodes, connections } as N8nWorkflow;
}

export function emptyDoc(name = 'My action'): GraphDoc {
	return {
		nodes: [],
		edges: [],
		meta: { fields: { name, settings: { executionOrder: 'v1' } }, orphans: [] },
	};
}

/** Parses pasted or uploaded text as n8n workflow JSON, with an error that says what to do. */
export function parseWorkflowJson(text: string): N8nWorkflow {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new Error(
			`This is not valid JSON (${(error as Error).message}). Paste the whole file n8n exported, from { to }.`,
		);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new Error(
			'This JSON is not an n8n workflow: expected an object with "nodes" and "connections".',
		);
	}
	const workflow = value as Partial<N8nWorkflow>;
	if (!Array.isArray(workflow.nodes)) {
		throw new Error(
			'This JSON has no "nodes" list, so it is not an n8n workflow. In n8n use "Download" or select nodes and copy them.',
		);
	}
	for (const [index, node] of workflow.nodes.entries()) {
		if (
			!node ||
			typeof node !== 'object' ||
			typeof node.name !== 'string' ||
			typeof node.type !== 'string'
		) {
			throw new Error(
				`Node ${index + 1} has no "name" or "type": the file is damaged. Export it from n8n again.`,
			);
		}
	}
	return {
		...workflow,
		nodes: workflow.nodes,
		connections: workflow.connections ?? {},
	} as N8nWorkflow;
}
