// Hostile-suite workflows: a template file imported unchanged, filled in as a user does (the e2e
// support's own steps), given its own webhook id so one template can be deployed several times.
import { randomUUID } from 'node:crypto';

import type { E2eSession, CredentialRef } from '../../real-n8n/support/session';
import {
	fillInAndActivate,
	importUnchanged,
	isNode,
	readTemplate,
	waitForWebhook,
} from '../../real-n8n/support/workflows';

export interface Deployed {
	id: string;
	name: string;
	url: string;
}

export interface DeployOptions {
	/** Credentials by type, instead of the session's (e.g. a token credential whose endpoint is down). */
	credentials?: Record<string, CredentialRef>;
	/** Changes the workflow's nodes and connections after the user's fill-in (an error branch). */
	change?: (workflow: { nodes: any[]; connections: any }) => void;
}

export async function deployTemplate(
	session: E2eSession,
	file: string,
	name: string,
	fillIn: (node: any) => void,
	options: DeployOptions = {},
): Promise<Deployed> {
	const { api, n8n } = session.value;
	const template = readTemplate(file);
	const stored = await importUnchanged(api, template);
	const webhookId = randomUUID();
	const workflow = { ...stored, name, nodes: structuredClone(stored.nodes) };
	workflow.connections = structuredClone(stored.connections);
	for (const node of workflow.nodes) if (isNode(node, 'finTrigger')) node.webhookId = webhookId;
	options.change?.(workflow);
	await fillInAndActivate(api, workflow, options.credentials ?? session.value.credentials, fillIn);
	const url = `${n8n.url}/webhook/${webhookId}/fin`;
	await waitForWebhook(url);
	return { id: stored.id, name, url };
}

/**
 * An error branch a user adds to a template: the API Action's error output goes to a Set node that
 * answers the chat with the error's message (n8n puts the node's error message in `json.error` of
 * the error output's item), so no fault leaves the chat without an answer.
 */
export function withErrorAnswer(actionName: string) {
	return (workflow: { nodes: any[]; connections: any }) => {
		const action = workflow.nodes.find((node) => node.name === actionName);
		if (!action || !isNode(action, 'apiAction')) throw new Error(`No API Action "${actionName}"`);
		action.onError = 'continueErrorOutput';
		workflow.nodes.push({
			id: randomUUID(),
			name: 'Action Failed',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [action.position[0] + 220, action.position[1] + 200],
			parameters: {
				mode: 'raw',
				jsonOutput:
					'={\n  "answer": null,\n  "actionUsed": false,\n  "error": {{ JSON.stringify($json.error) }}\n}',
				options: {},
			},
		});
		const outputs = workflow.connections[actionName].main;
		outputs[1] = [{ node: 'Action Failed', type: 'main', index: 0 }];
	};
}
