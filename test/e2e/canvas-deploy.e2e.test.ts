// The canvas server's deploy (POST /api/deploy, editor-extension/server) against real n8n: a workflow
// template, with its credential named but without an id, is created and activated in n8n through the
// public API, and then answers signed chat messages on its production webhook.
import { startServer, type RunningServer } from '../../editor-extension/server/app';
import { secrets } from './support/apis';
import { sendChat, userHash } from './support/chat';
import { customer } from './support/fixtures';
import { http } from './support/n8n-api';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { findNode, readTemplate, waitForWebhook, webhookUrl } from './support/workflows';

const session = new E2eSession('canvas-deploy');
const { step } = session;
let canvas: RunningServer | undefined;

beforeAll(async () => {
	await session.open();
	canvas = await startServer({ port: 0 });
}, SESSION_TIMEOUT);
afterAll(async () => {
	await canvas?.close();
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
