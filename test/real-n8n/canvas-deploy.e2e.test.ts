// The canvas server's deploy (POST /api/deploy, editor-extension/server) against real n8n: a workflow
// template, with its credential named but without an id, is created and activated in n8n through the
// public API, and then answers signed chat messages on its production webhook. A live action's runs
// are then listed by the canvas (GET /api/actions/:id/runs) and shown in its Logs view.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { checkLogsPage } from '../../editor-extension/test/browser/logs-page';
import { startLoopbackServer } from '../../engine/loopback-server';
import { secretVariants } from '../../nodes/shared/redact';
import { secrets } from '../../real-n8n/apis';
import { sendChat, userHash } from '../../real-n8n/chat';
import { customer, utilityUsage } from '../../real-n8n/fixtures';
import { repoRoot } from '../../real-n8n/runtime';
import { E2eCanvas } from './support/canvas';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import {
	findNode,
	readTemplate,
	settledExecutions,
	waitForWebhook,
	webhookUrl,
} from './support/workflows';

const session = new E2eSession('canvas-deploy');
const { step } = session;
const canvas = new E2eCanvas();

beforeAll(async () => {
	await session.open();
	await canvas.start();
}, SESSION_TIMEOUT);
afterAll(async () => {
	await canvas.stop();
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
		// "Set live" needs a passing test of exactly this graph first (server/live-gate.ts).
		await passTest(workflow, { user: { user_id: customer.user_id } });

		const deployed = await canvas.call('POST', '/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: api.apiKey,
			activate: true,
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
		const before = apis.status.requests.length;
		const answer = await sendChat(url, {
			text: 'Is your API down?',
			user: { user_id: customer.user_id },
			userHash: userHash(secrets.identityVerification, customer.user_id),
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({
			actionUsed: true,
			answer: { incidents: [{ Incident: 'Elevated API error rates in EU region' }] },
		});
		expect(apis.status.requests).toHaveLength(before + 1);
	},
);

/** "Test response" on the canvas: it must pass before the server lets the graph be published. */
async function passTest(workflow: unknown, user: Record<string, unknown>) {
	const tested = await canvas.call('POST', '/api/test', {
		workflow,
		testValues: { ...user, message: 'Hi' },
	});
	expect({ ok: tested.json?.ok, error: tested.json?.error }).toEqual({
		ok: true,
		error: undefined,
	});
}

step(
	'the canvas creates its credentials in n8n, publishes, answers, and a second deploy updates the same workflow and credential',
	async () => {
		const { api, apis, n8n } = session.value;
		const workflow = readTemplate('statuspage-incidents.json');
		findNode(workflow, 'apiAction').parameters.statuspageIncidents_pageUrl = apis.status.url;

		// Before a credential is chosen, n8n's own check names the trigger's missing credential.
		const checks = await canvas.call('POST', '/api/checks', { workflow });
		expect(checks.json.issues).toContainEqual(
			expect.objectContaining({ node: 'Fin Trigger', kind: 'credentials' }),
		);
		const refused = await canvas.call('POST', '/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: api.apiKey,
			activate: true,
		});
		expect(refused.status).toBe(400);
		expect(refused.json.error).toContain('finMessengerApi');

		// The secret is entered on the canvas only; the canvas server carries it to n8n.
		const stored = await canvas.call('POST', '/api/credentials', {
			type: 'finMessengerApi',
			name: 'Fin Messenger (from the canvas)',
			data: { identityVerificationSecret: secrets.identityVerification },
		});
		expect(stored.status).toBe(201);
		findNode(workflow, 'finTrigger').credentials = {
			finMessengerApi: { id: stored.json.id, name: stored.json.name },
		};
		await passTest(workflow, { user: { user_id: customer.user_id } });

		// A first deploy to this n8n needs the stored secret entered again (once per n8n address).
		const unconfirmed = await canvas.call('POST', '/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: api.apiKey,
			activate: true,
		});
		expect(unconfirmed.status).toBe(403);
		expect(unconfirmed.json.reenter).toEqual([
			expect.objectContaining({
				id: stored.json.id,
				fields: [expect.objectContaining({ name: 'identityVerificationSecret' })],
			}),
		]);
		const first = await canvas.call('POST', '/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: api.apiKey,
			activate: true,
			secrets: { [stored.json.id]: { identityVerificationSecret: secrets.identityVerification } },
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
			answer: { incidents: [{ Incident: 'Elevated API error rates in EU region' }] },
		});

		// Deploy again, remembering the workflow id: the same workflow and credential are updated.
		workflow.name = 'Status page incidents (renamed on the canvas)';
		const second = await canvas.call('POST', '/api/deploy', {
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
		await api.apiOkAfterUnpublish('POST', `/workflows/${first.json.id}/archive`);
		await api.apiOkAfterUnpublish('DELETE', `/workflows/${first.json.id}`);
		const third = await canvas.call('POST', '/api/deploy', {
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

step(
	"the canvas lists a live action's runs from n8n's executions API: allowed, not in the audience, a failing API; no secret, no picked value",
	async () => {
		const { api, credentials, n8n } = session.value;
		// The customer's backend: usage for every customer but one, whose read fails on the server.
		const backendToken = 'logs-e2e-backend-token-5f0c2b9e71';
		const backend = await startLoopbackServer({
			'*': (request) => {
				if (request.headers.authorization !== `Bearer ${backendToken}`)
					return { status: 401, body: { error: 'invalid_token' } };
				const id = decodeURIComponent(
					/^\/customers\/([^/]+)\/usage$/.exec(request.path)?.[1] ?? '',
				);
				if (id === 'cust-broken') return { status: 500, body: { error: 'database unavailable' } };
				return { body: utilityUsage(id) };
			},
		});
		try {
			const workflow = readTemplate('electricity-usage.json');
			workflow.name = 'Electricity usage (logs)';
			findNode(workflow, 'finTrigger').credentials = {
				finMessengerApi: { id: null, name: credentials.finMessengerApi.name },
			};
			const token = await canvas.call('POST', '/api/credentials', {
				type: 'finFixedTokenApi',
				name: 'Utility backend (logs e2e)',
				data: { token: backendToken, placement: 'bearer', allowedDomain: '127.0.0.1' },
			});
			const action = findNode(workflow, 'apiAction');
			action.parameters.url = `${backend.url}/customers/{{user.user_id}}/usage`;
			action.parameters.authentication = 'finFixedTokenApi';
			action.credentials = { finFixedTokenApi: { id: token.json.id, name: token.json.name } };
			await passTest(workflow, { user: { user_id: customer.user_id, meter_type: 'smart' } });

			const deployed = await canvas.call('POST', '/api/deploy', {
				workflow,
				baseUrl: n8n.url,
				apiKey: api.apiKey,
				activate: true,
				secrets: { [token.json.id]: { token: backendToken } },
			});
			expect(deployed.json.error).toBeUndefined();
			// What the canvas keeps for the action after "Set live" (the client saves it with the graph).
			const saved = await canvas.call('POST', '/api/actions', {
				name: workflow.name,
				workflow,
				deploy: {
					baseUrl: n8n.url,
					workflowId: deployed.json.id,
					active: true,
					at: new Date().toISOString(),
				},
			});
			expect(saved.status).toBe(201);

			const stored = await api.apiOk('GET', `/workflows/${deployed.json.id}`);
			const url = webhookUrl(n8n.url, stored);
			await waitForWebhook(url);
			const chat = (userId: string, meterType: string) =>
				sendChat(url, {
					text: 'How much power did I use?',
					user: { user_id: userId, meter_type: meterType },
					userHash: userHash(secrets.identityVerification, userId),
				});
			const allowed = await chat(customer.user_id, 'smart');
			expect(allowed.status).toBe(200);
			expect(allowed.json).toMatchObject({ actionUsed: true });
			const outside = await chat('cust-0815', 'analog');
			expect(outside.json).toMatchObject({ actionUsed: false, answer: null });
			const failing = await chat('cust-broken', 'smart');
			expect(failing.status).toBe(500);
			expect(await settledExecutions(api, deployed.json.id)).toHaveLength(3);

			// The key n8n accepted is kept by the canvas server, encrypted: in no file in any encoding.
			const keptFiles = (readdirSync(canvas.store.dataDir, { recursive: true }) as string[])
				.map((file) => join(canvas.store.dataDir, file))
				.filter((file) => statSync(file).isFile());
			expect(keptFiles.map((file) => file.slice(canvas.store.dataDir.length + 1))).toContain(
				'n8n-keys.json',
			);
			const kept = keptFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
			for (const variant of secretVariants(api.apiKey)) expect(kept).not.toContain(variant);

			const runs = await canvas.call('GET', `/api/actions/${saved.json.id}/runs`);
			expect({ status: runs.status, error: runs.json?.error }).toEqual({
				status: 200,
				error: undefined,
			});
			expect(runs.json).toMatchObject({
				actionName: workflow.name,
				baseUrl: n8n.url,
				workflowId: deployed.json.id,
			});
			const byCustomer = Object.fromEntries(
				runs.json.runs.map((run: { customer: { id: string } }) => [run.customer.id, run]),
			);
			expect(Object.keys(byCustomer).sort()).toEqual(['cust-0815', 'cust-4711', 'cust-broken']);
			expect(byCustomer['cust-4711']).toMatchObject({
				status: 'success',
				customer: { attribute: 'user.user_id', verified: true, method: 'user_hash' },
				audience: { matched: true, decidedBy: 'rule' },
				api: { node: 'Electricity usage', status: 200, ok: true },
				fields: ['Usage (kWh)', 'From', 'To', 'Tariff', 'Estimated bill'],
				actionUsed: true,
				url: `${n8n.url}/workflow/${deployed.json.id}/executions/${byCustomer['cust-4711'].id}`,
			});
			expect(byCustomer['cust-4711'].durationMs).toBeGreaterThanOrEqual(0);
			expect(byCustomer['cust-0815']).toMatchObject({
				status: 'success',
				audience: { matched: false },
				fields: [],
				actionUsed: false,
			});
			expect(byCustomer['cust-0815'].api).toBeUndefined();
			expect(byCustomer['cust-0815'].error).toBeUndefined();
			expect(byCustomer['cust-broken']).toMatchObject({
				status: 'error',
				audience: { matched: true },
				api: { node: 'Electricity usage', status: 500, ok: false },
				error: {
					node: 'Electricity usage',
					message: expect.stringContaining('500'),
					hint: expect.stringContaining('Your API failed (HTTP 500)'),
				},
			});
			// No secret in any encoding, and none of the values the API answered or the customer wrote.
			for (const secret of [
				api.apiKey,
				backendToken,
				secrets.identityVerification,
				secrets.intercomClient,
			])
				for (const variant of secretVariants(secret)) expect(runs.text).not.toContain(variant);
			for (const value of [
				'312.4',
				'Green Flex 24',
				'98.37',
				'MTR-99-00817',
				'DE89370400440532013000',
				'How much power did I use?',
			])
				expect(runs.text).not.toContain(value);

			// The Logs view in real Chromium, against this n8n.
			await checkLogsPage(canvas.server, saved.json.id, runs.json.runs, {
				failedCustomer: 'cust-broken',
				failedNode: 'Electricity usage',
				screenshot: join(repoRoot, 'test-artifacts', 'e2e', 'canvas-logs.png'),
			});
		} finally {
			await backend.close();
		}
	},
);
