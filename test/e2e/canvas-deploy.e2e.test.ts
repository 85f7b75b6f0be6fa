// The canvas server's deploy (POST /api/deploy, editor-extension/server) against real n8n: a workflow
// template, with its credential named but without an id, is created and activated in n8n through the
// public API, and then answers signed chat messages on its production webhook.
import { startServer, type RunningServer } from '../../editor-extension/server/app';
import { tempStore } from '../../editor-extension/test/server/helpers';
import { secrets } from './support/apis';
import { sendChat, userHash } from './support/chat';
import { customer } from './support/fixtures';
import { http } from './support/n8n-api';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { findNode, readTemplate, waitForWebhook, webhookUrl } from './support/workflows';

const session = new E2eSession('canvas-deploy');
const { step } = session;
let canvas: RunningServer | undefined;
const store = tempStore();

beforeAll(async () => {
	await session.open();
	canvas = await startServer({ port: 0, store });
}, SESSION_TIMEOUT);
afterAll(async () => {
	await canvas?.close();
	store.remove();
	await session.close();
}, 60000);

step(
	'the canvas deploys a template to n8n, which resolves the credential by name and answers on its webhook',
	async () => {
		const { api, apis, credentials, n8n } = session.value;
		const workflow = readTemplate('statuspage-incidents.json');
		// What the canvas holds after the user filled in the template: a credential named, not an n8n id.
		findNode(workflow, 'finTrigger').credentials = {
			finMessengerApi: { id: null, name: credentials.finMessengerApi.name },
		};
		findNode(workflow, 'apiAction').parameters.statuspageIncidents_pageUrl = apis.status.url;

		const deployed = await http(`${canvas!.url}/api/deploy`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-canvas-token': canvas!.token },
			body: JSON.stringify({ workflow, baseUrl: n8n.url, apiKey: api.apiKey, activate: true }),
		});
		expect({ status: deployed.status, body: deployed.json }).toMatchObject({
			status: 200,
			body: { active: true, url: `${n8n.url}/workflow/${deployed.json?.id}` },
		});
		expect(deployed.text).not.toContain(api.apiKey);

		const stored = await api.apiOk('GET', `/workflows/${deployed.json.id}`);
		expect(stored.active).toBe(true);
		expect(findNode(stored, 'finTrigger').credentials).toEqual({
			finMessengerApi: credentials.finMessengerApi,
		});
		expect(findNode(stored, 'apiAction').parameters).toEqual(
			findNode(workflow, 'apiAction').parameters,
		);

		const url = webhookUrl(n8n.url, stored);
		await waitForWebhook(url);
		const answer = await sendChat(url, {
			text: 'Is your API down?',
			user: { user_id: customer.user_id },
			userHash: userHash(secrets.identityVerification, customer.user_id),
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({
			actionUsed: true,
			answer: { Incident: ['Elevated API error rates in EU region'] },
		});
		expect(apis.status.requests).toHaveLength(1);
	},
);

/** POST to the canvas server's API with its session secret. */
const canvasPost = (path: string, body: unknown) =>
	http(`${canvas!.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-canvas-token': canvas!.token },
		body: JSON.stringify(body),
	});

step(
	'the canvas creates its credentials in n8n, publishes, answers, and a second deploy updates the same workflow and credential',
	async () => {
		const { api, apis, n8n } = session.value;
		const workflow = readTemplate('statuspage-incidents.json');
		findNode(workflow, 'apiAction').parameters.statuspageIncidents_pageUrl = apis.status.url;

		// Before a credential is chosen, n8n's own check names the trigger's missing credential.
		const checks = await canvasPost('/api/checks', { workflow });
		expect(checks.json.issues).toContainEqual(
			expect.objectContaining({ node: 'Fin Trigger', kind: 'credentials' }),
		);
		const refused = await canvasPost('/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: api.apiKey,
			activate: true,
		});
		expect(refused.status).toBe(400);
		expect(refused.json.error).toContain('finMessengerApi');

		// The secret is entered on the canvas only; the canvas server carries it to n8n.
		const stored = await canvasPost('/api/credentials', {
			type: 'finMessengerApi',
			name: 'Fin Messenger (from the canvas)',
			data: { identityVerificationSecret: secrets.identityVerification },
		});
		expect(stored.status).toBe(201);
		findNode(workflow, 'finTrigger').credentials = {
			finMessengerApi: { id: stored.json.id, name: stored.json.name },
		};

		const first = await canvasPost('/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: api.apiKey,
			activate: true,
		});
		expect(first.json.error).toBeUndefined();
		expect({ status: first.status, body: first.json }).toMatchObject({
			status: 200,
			body: {
				active: true,
				saved: 'created',
				credentials: [{ type: 'finMessengerApi', outcome: 'created' }],
			},
		});
		expect(first.json.message).toMatch(/published/);
		expect(first.text).not.toContain(secrets.identityVerification);
		expect(first.text).not.toContain(api.apiKey);

		const deployed = await api.apiOk('GET', `/workflows/${first.json.id}`);
		const url = webhookUrl(n8n.url, deployed);
		await waitForWebhook(url);
		const ask = () =>
			sendChat(url, {
				text: 'Is your API down?',
				user: { user_id: customer.user_id },
				userHash: userHash(secrets.identityVerification, customer.user_id),
			});
		const answer = await ask();
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({
			actionUsed: true,
			answer: { Incident: ['Elevated API error rates in EU region'] },
		});

		// Deploy again, remembering the workflow id: the same workflow and credential are updated.
		workflow.name = 'Status page incidents (renamed on the canvas)';
		const second = await canvasPost('/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: api.apiKey,
			activate: true,
			workflowId: first.json.id,
		});
		expect({ status: second.status, body: second.json }).toMatchObject({
			status: 200,
			body: {
				id: first.json.id,
				active: true,
				saved: 'updated',
				credentials: [
					{ type: 'finMessengerApi', outcome: 'updated', id: first.json.credentials[0].id },
				],
			},
		});
		const workflows = (await api.apiOk('GET', '/workflows?limit=250')).data as any[];
		expect(workflows.filter((entry) => entry.id === first.json.id)).toHaveLength(1);
		expect(workflows.filter((entry) => entry.name === workflow.name)).toHaveLength(1);
		const credentialsInN8n = (await api.apiOk('GET', '/credentials?limit=250')).data as any[];
		expect(
			credentialsInN8n.filter((entry) => entry.name === 'Fin Messenger (from the canvas)'),
		).toHaveLength(1);
		// The webhook keeps its address across updates.
		const updated = await api.apiOk('GET', `/workflows/${first.json.id}`);
		expect(updated.name).toBe('Status page incidents (renamed on the canvas)');
		expect(webhookUrl(n8n.url, updated)).toBe(url);
		await waitForWebhook(url);
		expect((await ask()).json).toMatchObject({ actionUsed: true });

		// Deleted in n8n: the next deploy creates it anew and says so.
		// As in n8n's UI: unpublish, archive, delete.
		await api.apiOk('POST', `/workflows/${first.json.id}/unpublish`);
		await api.apiOk('POST', `/workflows/${first.json.id}/archive`);
		await api.apiOk('DELETE', `/workflows/${first.json.id}`);
		const third = await canvasPost('/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: api.apiKey,
			activate: true,
			workflowId: first.json.id,
		});
		expect(third.json.error).toBeUndefined();
		expect(third.json).toMatchObject({ active: true, saved: 'recreated' });
		expect(third.json.id).not.toBe(first.json.id);
	},
);
