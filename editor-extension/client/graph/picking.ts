// Picking at the source: ticks in "Pick fields" always become the API Action's own picked fields, so
// what it did not pick never leaves it (nor is stored with n8n's executions). A Response Field Picker
// after it only shapes or renames the action's answer. The preview re-runs the real nodes on the
// response the last test received, so it is what production answers.
import type { GraphDoc, GraphNode, N8nWorkflow } from './types';

export const isApiAction = (type: string) => type.endsWith('.apiAction');

/**
 * The API Action whose fields a "Pick fields" tab edits: the node itself, or the nearest API Action
 * feeding it (following connections backwards, nearest first).
 */
export function pickSource(doc: GraphDoc, nodeId: string): GraphNode | undefined {
	const byId = new Map(doc.nodes.map((node) => [node.id, node]));
	const seen = new Set<string>();
	let frontier = [nodeId];
	while (frontier.length) {
		const next: string[] = [];
		for (const id of frontier) {
			if (seen.has(id)) continue;
			seen.add(id);
			const node = byId.get(id);
			if (node && isApiAction(node.data.node.type)) return node;
			next.push(
				...doc.edges
					.filter((edge) => edge.target === id && edge.data?.connectionType !== 'ai_tool')
					.map((edge) => edge.source),
			);
		}
		frontier = next;
	}
	return undefined;
}

/**
 * The workflow with each named API Action answering the recorded response instead of calling its API
 * ("Mock Response" is the node's own way to do that): the same nodes then pick and shape it exactly as
 * they will in production, with no request sent.
 */
export function withRecordedResponses(
	workflow: N8nWorkflow,
	responses: Record<string, unknown>,
): N8nWorkflow {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			Object.prototype.hasOwnProperty.call(responses, node.name)
				? {
						...node,
						parameters: {
							...node.parameters,
							responseSource: 'mock',
							mockResponse: JSON.stringify(responses[node.name]),
						},
					}
				: node,
		),
	};
}

/** Picked pointers that found nothing (or only nulls) for this customer, by the node's own `fieldsUsed`. */
export function unfoundPointers(picked: string[], fieldsUsed: unknown): string[] {
	const used = new Set(Array.isArray(fieldsUsed) ? fieldsUsed : []);
	return picked.filter((pointer) => !used.has(pointer));
}
