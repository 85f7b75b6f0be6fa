// Copy and paste in n8n's own clipboard format (a workflow fragment: `{nodes, connections}`), so nodes
// copied here paste into n8n and nodes copied in n8n paste here.
import { newId } from './ids';
import { uniqueName } from './naming';
import { isTriggerType, type TypeLookup } from './nodeTypes';
import type { GraphDoc, GraphNode, N8nWorkflow } from './types';
import { buildConnections, parseWorkflowJson, toN8nNode, workflowToGraph } from './workflow';

export function copySelection(doc: GraphDoc, ids: Iterable<string>): string {
	const wanted = new Set(ids);
	const nodes = doc.nodes.filter((node) => wanted.has(node.id));
	const edges = doc.edges.filter((edge) => wanted.has(edge.source) && wanted.has(edge.target));
	const fragment: N8nWorkflow = {
		nodes: nodes.map(toN8nNode),
		connections: buildConnections(nodes, edges),
	};
	return JSON.stringify(fragment, null, 2);
}

export interface PasteResult {
	doc: GraphDoc;
	/** Canvas ids of the pasted nodes (the caller selects them). */
	pastedIds: string[];
	/** What was left out and why, for the user. */
	notices: string[];
}

export interface PasteOptions {
	/** Where the top-left pasted node goes; default: 40px right and below where it was copied from. */
	at?: { x: number; y: number };
	makeId?: () => string;
}

/** Adds the nodes of a copied fragment under new ids and unique names; a second trigger is left out. */
export function pasteFragment(
	doc: GraphDoc,
	text: string,
	lookup: TypeLookup,
	options: PasteOptions = {},
): PasteResult {
	const makeId = options.makeId ?? newId;
	const fragment = parseWorkflowJson(text);
	const notices: string[] = [];
	const hasTrigger = doc.nodes.some((node) => isTriggerType(node.data.node.type, lookup));
	const kept = fragment.nodes.filter((node) => {
		if (hasTrigger && isTriggerType(node.type, lookup)) {
			notices.push(`${node.name} was not pasted: this action already has a trigger.`);
			return false;
		}
		return true;
	});
	if (!kept.length) return { doc, pastedIds: [], notices };

	const piece = workflowToGraph(
		{ ...fragment, nodes: kept.map(({ id: _id, ...node }) => node) },
		makeId,
	);
	const taken = new Set(doc.nodes.map((node) => node.data.node.name));
	const webhookIds = new Set(doc.nodes.map((node) => node.data.node.webhookId).filter(Boolean));
	const minX = Math.min(...piece.nodes.map((node) => node.position.x));
	const minY = Math.min(...piece.nodes.map((node) => node.position.y));
	const shift = options.at ? { x: options.at.x - minX, y: options.at.y - minY } : { x: 40, y: 40 };
	const pasted: GraphNode[] = piece.nodes.map((node) => {
		const name = uniqueName(node.data.node.name, taken);
		taken.add(name);
		const n8nNode = { ...node.data.node, id: node.id, name };
		if (n8nNode.webhookId && webhookIds.has(n8nNode.webhookId)) n8nNode.webhookId = makeId();
		return {
			...node,
			position: { x: node.position.x + shift.x, y: node.position.y + shift.y },
			selected: true,
			data: { ...node.data, node: n8nNode },
		};
	});
	return {
		doc: {
			...doc,
			nodes: [
				...doc.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
				...pasted,
			],
			edges: [
				...doc.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
				...piece.edges,
			],
		},
		pastedIds: pasted.map((node) => node.id),
		notices,
	};
}
