// The workflow templates in n8n: import a file unchanged, fill it in as a user does, activate it,
// and read its executions back.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nClient } from '../../../real-n8n/n8n-api';
import { packageName } from '../../../real-n8n/package';
import { repoRoot } from '../../../real-n8n/runtime';
import type { CredentialRef } from './session';

export const TEMPLATE_FILES = [
	'electricity-usage.json',
	'shopify-order-status.json',
	'statuspage-incidents.json',
];

/** Templates with n8n's AI Agent: run by ai-agent-tools.e2e.test.ts with a scripted model. */
export const AGENT_TEMPLATE_FILES = ['ai-agent-order-status-and-incidents.json'];

export function readTemplate(file: string): any {
	return JSON.parse(readFileSync(join(repoRoot, 'templates/workflows', file), 'utf8'));
}

export const isNode = (node: any, name: string) => node.type === `${packageName}.${name}`;

export const findNode = (workflow: any, name: string) =>
	workflow.nodes.find((node: any) => isNode(node, name));

/** Production URL of a workflow's Fin Trigger (webhook path `fin`, prefixed by the node's webhookId). */
export function webhookUrl(n8nUrl: string, workflow: any): string {
	return `${n8nUrl}/webhook/${findNode(workflow, 'finTrigger').webhookId}/fin`;
}

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

/**
 * n8n answers the activate call before the production webhook is registered: wait until a CORS
 * preflight for it gets 204 (an unknown webhook gets an error). A preflight starts no execution.
 */
export async function waitForWebhook(url: string): Promise<void> {
	const deadline = Date.now() + 30000;
	for (;;) {
		const preflight = await fetch(url, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
			signal: AbortSignal.timeout(5000),
		});
		await preflight.arrayBuffer();
		if (preflight.status === 204) return;
		if (Date.now() > deadline)
			throw new Error(
				`The webhook ${url} was not registered 30 s after activation (last preflight: HTTP ${preflight.status})`,
			);
		await new Promise((done) => setTimeout(done, 200));
	}
}

/** The workflow's executions, newest first, once n8n has finished saving them (the list stays put for a second). */
export async function settledExecutions(api: N8nClient, workflowId: string): Promise<any[]> {
	let last = await api.executions(workflowId);
	for (let stable = 0; stable < 4;) {
		await new Promise((done) => setTimeout(done, 250));
		const next = await api.executions(workflowId);
		const same =
			next.length === last.length &&
			next.every((execution: any) => execution.status !== 'running' && execution.status !== 'new');
		stable = same ? stable + 1 : 0;
		last = next;
	}
	return last;
}

/** Names of the nodes an execution ran, sorted. */
export function nodesRun(execution: any): string[] {
	return Object.keys(execution.data?.resultData?.runData ?? {}).sort();
}
