// What a canvas test runs: the graph without sticky notes and without nodes of other packages that
// the canvas server cannot execute (it runs n8n's own Set, If, ... with their real classes:
// engine/base-node-types.ts). Those nodes stay on the canvas and in exports; they run once the
// workflow is in n8n.
import { isRunnableBaseType } from '../../../engine/base-node-types';
import type { TypeLookup } from './nodeTypes';
import type { N8nConnections, N8nWorkflow } from './types';
import { STICKY_TYPE } from './types';

export function testableWorkflow(
	workflow: N8nWorkflow,
	lookup: TypeLookup,
): { workflow: N8nWorkflow; skipped: string[] } {
	const skipped = workflow.nodes
		.filter(
			(node) => node.type !== STICKY_TYPE && !lookup(node.type) && !isRunnableBaseType(node.type),
		)
		.map((node) => node.name);
	if (!skipped.length) return { workflow, skipped };
	const gone = new Set(skipped);
	const connections: N8nConnections = {};
	for (const [source, byType] of Object.entries(workflow.connections)) {
		if (gone.has(source)) continue;
		connections[source] = Object.fromEntries(
			Object.entries(byType).map(([type, outputs]) => [
				type,
				outputs.map((targets) => (targets ?? []).filter((target) => !gone.has(target.node))),
			]),
		);
	}
	return {
		workflow: {
			...workflow,
			nodes: workflow.nodes.filter((node) => !gone.has(node.name)),
			connections,
		},
		skipped,
	};
}
