// A workflow of one package node, shaped like what n8n exports, for tests of a single node.
import type { IDataObject } from 'n8n-workflow';

import { PACKAGE_NAME } from './package-types';
import type { WorkflowJson } from './run-workflow';

export function singleNodeWorkflow(
	nodeName: string,
	type: string,
	parameters: IDataObject,
	extra: IDataObject = {},
): WorkflowJson {
	return {
		name: `${nodeName} test`,
		nodes: [
			{
				id: `${type}-under-test`,
				name: nodeName,
				type: `${PACKAGE_NAME}.${type}`,
				typeVersion: 1,
				position: [0, 0],
				parameters,
				...extra,
			},
		],
		connections: {},
	} as WorkflowJson;
}

/**
 * `workflow` started by a Fin Trigger connected to its first node. Items given to `runWorkflow` as
 * `input` then become the trigger's output, as in n8n, where a webhook's items are handed to the
 * trigger node, which passes them on: what a test hands in is what Fin Trigger emitted in this
 * execution, the only identity the API Action and Audience Filter accept (nodes/shared/trigger-origin).
 */
export function afterFinTrigger(workflow: WorkflowJson, triggerName = 'Fin Trigger'): WorkflowJson {
	const first = workflow.nodes[0];
	return {
		...workflow,
		nodes: [
			{
				id: 'fin-trigger-of-test',
				name: triggerName,
				type: `${PACKAGE_NAME}.finTrigger`,
				typeVersion: 2,
				position: [-200, 0],
				parameters: {},
				webhookId: 'fin-trigger-of-test',
			},
			...workflow.nodes,
		],
		connections: {
			...workflow.connections,
			[triggerName]: { main: [[{ node: first.name, type: 'main', index: 0 }]] },
		},
	} as WorkflowJson;
}
