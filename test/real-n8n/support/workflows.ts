// The workflow templates in n8n as a user handles them, checked with jest: import a file unchanged,
// fill it in and activate it. The jest-free half (reading templates, webhooks, executions) is
// real-n8n/templates.ts, re-exported here.
import { randomUUID } from 'node:crypto';

import type { N8nClient } from '../../../real-n8n/n8n-api';
import { isNode } from '../../../real-n8n/templates';
import type { CredentialRef } from './session';

export {
	AGENT_TEMPLATE_FILES,
	TEMPLATE_FILES,
	findNode,
	isNode,
	nodesRun,
	readTemplate,
	settledExecutions,
	waitForWebhook,
	webhookUrl,
} from '../../../real-n8n/templates';

/**
 * Imports a template file exactly as it is, the way the editor's "Import from File" and Save do
 * (POST /rest/workflows with the file's JSON), and checks that n8n kept every node and parameter.
 * As the editor's import does (n8n 2.40.7), a Fin Trigger without a webhookId (the templates ship
 * none) gets a new random one first; it is set on `template` too, so webhookUrl(template) works.
 */
export async function importUnchanged(api: N8nClient, template: any): Promise<any> {
	for (const node of template.nodes)
		if (isNode(node, 'finTrigger') && node.webhookId === undefined) node.webhookId = randomUUID();
	const imported = await api.rest('POST', '/rest/workflows', template);
	expect({ status: imported.status, message: imported.json?.message }).toEqual({
		status: 200,
		message: undefined,
	});
	const stored = await api.apiOk('GET', `/workflows/${imported.json.data.id}`);
	expect(stored.connections).toEqual(template.connections);
	expect(stored.nodes.map((node: any) => node.name).sort()).toEqual(
		template.nodes.map((node: any) => node.name).sort(),
	);
	for (const node of template.nodes) {
		const kept = stored.nodes.find((candidate: any) => candidate.name === node.name);
		const { name, type, typeVersion, parameters, webhookId } = kept;
		expect({ name, type, typeVersion, parameters, webhookId }).toEqual({
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion,
			parameters: node.parameters,
			webhookId: node.webhookId,
		});
	}
	return stored;
}

/**
 * What a user does after importing, through the public API: picks the credentials of the types the
 * nodes ask for, applies `fillIn` (e.g. the API's address), saves and activates.
 */
export async function fillInAndActivate(
	api: N8nClient,
	stored: any,
	credentials: Record<string, CredentialRef>,
	fillIn: (node: any) => void,
): Promise<void> {
	const nodes = structuredClone(stored.nodes);
	for (const node of nodes) {
		if (isNode(node, 'finTrigger'))
			node.credentials = { finMessengerApi: credentials.finMessengerApi };
		const authentication = node.parameters.authentication ?? 'none';
		if (isNode(node, 'apiAction') && authentication !== 'none') {
			const type =
				authentication === 'genericCredentialType'
					? node.parameters.genericAuthType
					: authentication;
			if (!credentials[type])
				throw new Error(
					`Node "${node.name}" needs a "${type}" credential: create one in test/real-n8n/support/session.ts`,
				);
			node.credentials = { [type]: credentials[type] };
		}
		fillIn(node);
	}
	await api.apiOk('PUT', `/workflows/${stored.id}`, {
		name: stored.name,
		nodes,
		connections: stored.connections,
		settings: stored.settings,
	});
	const activated = await api.apiOk('POST', `/workflows/${stored.id}/activate`);
	expect(activated.active).toBe(true);
}
