// Edits of the canvas graph as pure functions: each takes a GraphDoc and returns a new one.
import { newId } from './ids';
import { uniqueName } from './naming';
import { baseNodeName, latestVersion, outputsOf, type TypeLookup } from './nodeTypes';
import type { GraphDoc, GraphEdge, GraphNode, N8nNode, NodeDescription } from './types';
import { STICKY_TYPE } from './types';
import { checkConnection, type ConnectionRequest, type Verdict } from './validation';
import { DEFAULT_STICKY_SIZE, edgeId, handleId, toGraphNode } from './workflow';

export const NODE_SPACING = 240;

export function nodeNames(doc: GraphDoc): string[] {
	return doc.nodes.map((node) => node.data.node.name);
}

function deselected<T extends { selected?: boolean }>(items: T[]): T[] {
	return items.map((item) => (item.selected ? { ...item, selected: false } : item));
}

/**
 * Fields are picked once, at the source (graph/picking.ts): a new API Action lets only its picked
 * fields out (none until one is ticked; "Full Response" is the admin's explicit choice), and a new
 * Response Field Picker passes on what the action picked, to shape or rename it. Written out, so an
 * export says so whatever the node's defaults are.
 */
function newNodeParameters(type: string): Record<string, unknown> {
	if (type.endsWith('.apiAction')) return { responseMode: 'picked' };
	if (type.endsWith('.responseFieldPicker')) return { access: 'full' };
	return {};
}

export function createN8nNode(
	type: string,
	description: NodeDescription,
	doc: GraphDoc,
	position: { x: number; y: number },
	makeId = newId,
): N8nNode {
	const id = makeId();
	const node: N8nNode = {
		parameters: newNodeParameters(type),
		type,
		typeVersion: latestVersion(description),
		position: [Math.round(position.x), Math.round(position.y)],
		id,
		name: uniqueName(baseNodeName(description), nodeNames(doc)),
	};
	if (Array.isArray(description.webhooks) && description.webhooks.length) node.webhookId = makeId();
	return node;
}

/** Where a node added by click goes: right of `after` (the selected node), else right of the rightmost node. */
export function nextPosition(doc: GraphDoc, afterId?: string): { x: number; y: number } {
	const after = doc.nodes.find((node) => node.id === afterId);
	if (after) return { x: after.position.x + NODE_SPACING, y: after.position.y };
	const working = doc.nodes.filter((node) => node.type !== 'sticky');
	if (!working.length) return { x: 200, y: 200 };
	const rightmost = working.reduce((a, b) => (b.position.x > a.position.x ? b : a));
	return { x: rightmost.position.x + NODE_SPACING, y: rightmost.position.y };
}

export interface AddResult {
	doc: GraphDoc;
	id: string;
	/** Why the new node was not connected to `after`, if it was asked to be. */
	notConnected?: string;
}

/** Adds a node (selected), connected from `after`'s first free output when that connection is allowed. */
export function addNode(
	doc: GraphDoc,
	type: string,
	description: NodeDescription,
	position: { x: number; y: number },
	lookup: TypeLookup,
	after?: string,
	makeId = newId,
): AddResult {
	const n8nNode = createN8nNode(type, description, doc, position, makeId);
	const graphNode = { ...toGraphNode(n8nNode, n8nNode.id!), selected: true };
	let next: GraphDoc = {
		...doc,
		nodes: [...deselected(doc.nodes), graphNode],
		edges: deselected(doc.edges),
	};
	let notConnected: string | undefined;
	const source = doc.nodes.find((node) => node.id === after);
	if (source && source.type !== 'sticky') {
		const used = new Set(
			doc.edges.filter((edge) => edge.source === source.id).map((edge) => edge.sourceHandle),
		);
		const ports = outputsOf(lookup(source.data.node.type)).filter(
			(port) => port.connectionType === 'main',
		);
		const port =
			ports.find((candidate) => !used.has(handleId('main', candidate.index))) ?? ports[0];
		if (port) {
			const request = {
				source: source.id,
				target: graphNode.id,
				sourceHandle: handleId('main', port.index),
				targetHandle: 'main:0',
			};
			const verdict = checkConnection(next, request, lookup);
			if (verdict.ok) next = connect(next, request);
			else notConnected = verdict.reason;
		}
	}
	return { doc: next, id: graphNode.id, notConnected };
}

export function addSticky(
	doc: GraphDoc,
	position: { x: number; y: number },
	content = '## Note\nWrite what this step is for.',
	makeId = newId,
): AddResult {
	const id = makeId();
	const node: N8nNode = {
		parameters: { content, ...DEFAULT_STICKY_SIZE },
		type: STICKY_TYPE,
		typeVersion: 1,
		position: [Math.round(position.x), Math.round(position.y)],
		id,
		name: uniqueName('Sticky Note', nodeNames(doc)),
	};
	return {
		doc: {
			...doc,
			nodes: [...deselected(doc.nodes), { ...toGraphNode(node, id), selected: true }],
			edges: deselected(doc.edges),
		},
		id,
	};
}

/** Adds an edge; call checkConnection first (connectChecked does both). */
export function connect(doc: GraphDoc, request: ConnectionRequest): GraphDoc {
	const sourceHandle = request.sourceHandle ?? 'main:0';
	const targetHandle = request.targetHandle ?? 'main:0';
	const edge: GraphEdge = {
		id: edgeId(request.source, sourceHandle, request.target, targetHandle),
		source: request.source,
		target: request.target,
		sourceHandle,
		targetHandle,
		data: { connectionType: sourceHandle.split(':')[0] },
	};
	return { ...doc, edges: [...doc.edges, edge] };
}

export function connectChecked(
	doc: GraphDoc,
	request: ConnectionRequest,
	lookup: TypeLookup,
): { doc: GraphDoc; verdict: Verdict } {
	const verdict = checkConnection(doc, request, lookup);
	return { doc: verdict.ok ? connect(doc, request) : doc, verdict };
}

/** Removes nodes (with their edges) and edges. */
export function removeElements(
	doc: GraphDoc,
	nodeIds: Iterable<string>,
	edgeIds: Iterable<string> = [],
): GraphDoc {
	const nodesGone = new Set(nodeIds);
	const edgesGone = new Set(edgeIds);
	return {
		...doc,
		nodes: doc.nodes.filter((node) => !nodesGone.has(node.id)),
		edges: doc.edges.filter(
			(edge) =>
				!edgesGone.has(edge.id) && !nodesGone.has(edge.source) && !nodesGone.has(edge.target),
		),
	};
}

export function selectedIds(doc: GraphDoc): { nodes: string[]; edges: string[] } {
	return {
		nodes: doc.nodes.filter((node) => node.selected).map((node) => node.id),
		edges: doc.edges.filter((edge) => edge.selected).map((edge) => edge.id),
	};
}

export function selectOnly(doc: GraphDoc, ids: Iterable<string>): GraphDoc {
	const wanted = new Set(ids);
	return {
		...doc,
		nodes: doc.nodes.map((node) =>
			Boolean(node.selected) === wanted.has(node.id)
				? node
				: { ...node, selected: wanted.has(node.id) },
		),
		edges: deselected(doc.edges),
	};
}

export function updateN8nNode(
	doc: GraphDoc,
	id: string,
	change: (node: N8nNode) => N8nNode,
): GraphDoc {
	return {
		...doc,
		nodes: doc.nodes.map((graphNode: GraphNode) =>
			graphNode.id === id
				? { ...graphNode, data: { ...graphNode.data, node: change(graphNode.data.node) } }
				: graphNode,
		),
	};
}

export function renameNode(
	doc: GraphDoc,
	id: string,
	wanted: string,
): { doc: GraphDoc; verdict: Verdict } {
	const node = doc.nodes.find((candidate) => candidate.id === id);
	const name = wanted.trim();
	if (!node)
		return { doc, verdict: { ok: false, reason: 'That node is no longer on the canvas.' } };
	if (!name)
		return {
			doc,
			verdict: { ok: false, reason: 'A node needs a name: n8n connects nodes by name.' },
		};
	if (name === node.data.node.name) return { doc, verdict: { ok: true } };
	if (doc.nodes.some((other) => other.id !== id && other.data.node.name === name)) {
		return {
			doc,
			verdict: {
				ok: false,
				reason: `Another node is already called "${name}". Node names must be unique.`,
			},
		};
	}
	const oldName = node.data.node.name;
	let next = updateN8nNode(doc, id, (n8nNode) => ({ ...n8nNode, name }));
	const pinData = next.meta.fields.pinData as Record<string, unknown> | undefined;
	if (pinData && oldName in pinData) {
		const { [oldName]: pinned, ...rest } = pinData;
		next = {
			...next,
			meta: { ...next.meta, fields: { ...next.meta.fields, pinData: { ...rest, [name]: pinned } } },
		};
	}
	return { doc: next, verdict: { ok: true } };
}

export function toggleDisabled(doc: GraphDoc, ids: string[]): GraphDoc {
	const wanted = new Set(ids);
	const targets = doc.nodes.filter((node) => wanted.has(node.id) && node.type !== 'sticky');
	const disable = targets.some((node) => !node.data.node.disabled);
	let next = doc;
	for (const target of targets) {
		next = updateN8nNode(next, target.id, ({ disabled: _disabled, ...rest }) =>
			disable ? { ...rest, disabled: true } : (rest as N8nNode),
		);
	}
	return next;
}
