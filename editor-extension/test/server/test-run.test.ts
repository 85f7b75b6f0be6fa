// POST /api/test runs a real graph through n8n-core (engine/run-workflow) against the demo
// backend of the same server, and reports per node, with no secret in the answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startLoopbackServer } from '../../../engine/testing';
import type { RunningServer } from '../../server/app';
import { call, expectActionableError, startTestServer } from './helpers';

const TOKEN = 'demo-token-4f1c9e7a';
let server: RunningServer;
let credentialId: string;

beforeAll(async () => {
	server = await startTestServer();
	const created = await call(server, 'POST', '/api/credentials', {
		body: { type: 'finFixedTokenApi', name: 'Demo token', data: { token: TOKEN } },
	});
	credentialId = created.json.id;
});
afterAll(async () => {
	await server?.close();
});

const trigger = {
	id: 't',
	name: 'Fin Trigger',
	type: 'n8n-nodes-fin-actions.finTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function usageAction(parameters: Record<string, unknown> = {}) {
	return {
		id: 'a',
		name: 'Usage',
		type: 'n8n-nodes-fin-actions.apiAction',
		typeVersion: 1,
		position: [220, 0],
		parameters: {
			template: 'custom',
			method: 'GET',
			// The picker below reads the raw answer: this action passes it on explicitly.
			responseMode: 'full',
			url: `${server.url}/demo/customers/{{user.user_id}}/usage`,
			authentication: 'finFixedTokenApi',
			...parameters,
		},
		credentials: { finFixedTokenApi: { id: credentialId, name: 'Demo token' } },
	};
}

const picker = {
	id: 'p',
	name: 'Pick',
	type: 'n8n-nodes-fin-actions.responseFieldPicker',
	typeVersion: 1,
	position: [440, 0],
	parameters: {
		access: 'selected',
		fields: {
			field: [
				{ pointer: '/total_kwh', name: 'Usage last 7 days (kWh)' },
				{ pointer: '/estimated_bill/amount', name: 'Estimated bill' },
				{ pointer: '/daily_usage/*/kwh', name: 'Daily kWh' },
			],
		},
	},
};

const chain = (...names: string[]) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
			]),
	);

const testValues = {
	user: { user_id: 'cus_1001', email: 'ada@example.com' },
	company: { plan: 'pro' },
	conversation: { id: 'c1' },
	message: 'How much power did I use this week?',
};

it('runs Fin Trigger -> API Action -> Response Field Picker against the demo backend', async () => {
	const workflow = {
		name: 'Usage',
		nodes: [trigger, usageAction(), picker],
		connections: chain('Fin Trigger', 'Usage', 'Pick'),
	};
	const answer = await call(server, 'POST', '/api/test', { body: { workflow, testValues } });
	expect(answer.status).toBe(200);
	const report = answer.json;
	expect(report.ok).toBe(true);
	expect(report.executionOrder).toEqual(['Fin Trigger', 'Usage', 'Pick']);

	const triggerReport = report.nodes['Fin Trigger'];
	expect(triggerReport.status).toBe('success');
	const item = triggerReport.output[0][0].json;
	expect(item).toEqual(
		expect.objectContaining({
			user: testValues.user,
			company: testValues.company,
			conversation: testValues.conversation,
			// Test values: signed for this manual (canvas) run only, never in production.
			identity: {
				verified: false,
				method: 'none',
				kind: 'user',
				signed: ['user', 'company', 'conversation', 'message'],
			},
			source: 'test',
		}),
	);
	expect(item.message.text).toBe(testValues.message);
	expect(triggerReport.requests).toEqual([]);

	const action = report.nodes.Usage;
	expect(action.status).toBe('success');
	expect(action.input).toEqual([{ json: item }]);
	expect(action.requests).toHaveLength(1);
	expect(action.requests[0]).toEqual(
		expect.objectContaining({
			method: 'GET',
			url: `${server.url}/demo/customers/cus_1001/usage`,
			status: 200,
		}),
	);
	expect(action.requests[0].headers.Authorization).toBe('[redacted]');
	expect(action.output[0][0].json.response.customer_id).toBe('cus_1001');

	const pick = report.nodes.Pick;
	expect(pick.status).toBe('success');
	expect(pick.requests).toEqual([]);
	const picked = pick.output[0][0].json;
	expect(picked.answer['Usage last 7 days (kWh)']).toBe(
		action.output[0][0].json.response.total_kwh,
	);
	expect(picked.answer['Daily kWh']).toHaveLength(7);
	// The AI receives the first item of the last node, exactly as n8n answers Fin Trigger's webhook.
	expect(report.answer).toEqual(picked);
	expect(report.warnings).toEqual([]);

	expect(answer.text).not.toContain(TOKEN);
});

it('runs a Shopify template action and reports the per-node error of an API failure', async () => {
	const shopifyCredential = await call(server, 'POST', '/api/credentials', {
		body: {
			type: 'finFixedTokenApi',
			name: 'Shopify demo',
			data: {
				token: 'shpat_demo_9a8b7c6d',
				placement: 'header',
				headerName: 'X-Shopify-Access-Token',
			},
		},
	});
	const orders = {
		id: 's',
		name: 'Orders',
		type: 'n8n-nodes-fin-actions.apiAction',
		typeVersion: 1,
		position: [220, 0],
		parameters: {
			template: 'shopifyOrderStatus',
			shopifyOrderStatus_shopUrl: `${server.url}/demo/shopify`,
			shopifyOrderStatus_apiVersion: '2025-07',
			authentication: 'finFixedTokenApi',
			responseMode: 'full',
		},
		credentials: { finFixedTokenApi: { id: shopifyCredential.json.id, name: 'Shopify demo' } },
	};
	const ok = await call(server, 'POST', '/api/test', {
		body: {
			workflow: { nodes: [trigger, orders], connections: chain('Fin Trigger', 'Orders') },
			testValues: { ...testValues, user: { user_id: 'u1', email: 'grace@example.com' } },
		},
	});
	expect(ok.json.ok).toBe(true);
	const request = ok.json.nodes.Orders.requests[0];
	expect(request.headers['X-Shopify-Access-Token']).toBe('[redacted]');
	expect(ok.json.answer.response.orders.map((order: { email: string }) => order.email)).toEqual([
		'grace@example.com',
		'grace@example.com',
	]);
	expect(ok.text).not.toContain('shpat_demo_9a8b7c6d');

	// An unknown customer: the demo answers 404, the API Action fails, the picker never runs.
	const failed = await call(server, 'POST', '/api/test', {
		body: {
			workflow: {
				nodes: [trigger, usageAction({ options: { maxRetries: 0 } }), picker],
				connections: chain('Fin Trigger', 'Usage', 'Pick'),
			},
			testValues: { ...testValues, user: { user_id: 'nobody' } },
		},
	});
	expect(failed.status).toBe(200);
	expect(failed.json.ok).toBe(false);
	expect(failed.json.answer).toBeNull();
	expect(failed.json.nodes.Usage.status).toBe('error');
	expect(failed.json.nodes.Usage.error.message).toBeTruthy();
	expect(failed.json.nodes.Usage.requests[0].status).toBe(404);
	expect(failed.json.nodes.Pick.status).toBe('skipped');
	expect(failed.text).not.toContain(TOKEN);
});

it('uses the mock response without any request, and keeps sticky notes out of the run', async () => {
	const mock = usageAction({
		responseSource: 'mock',
		mockResponse: JSON.stringify({
			total_kwh: 42,
			estimated_bill: { amount: 12.5 },
			daily_usage: [],
		}),
	});
	const note = {
		id: 'n',
		name: 'Note',
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: [0, -200],
		parameters: { content: 'hi' },
	};
	const answer = await call(server, 'POST', '/api/test', {
		body: {
			workflow: {
				nodes: [note, trigger, mock, picker],
				connections: chain('Fin Trigger', 'Usage', 'Pick'),
			},
			testValues,
		},
	});
	expect(answer.json.ok).toBe(true);
	expect(answer.json.nodes.Usage.requests).toEqual([]);
	expect(answer.json.nodes.Note).toBeUndefined();
	expect(answer.json.answer.answer['Usage last 7 days (kWh)']).toBe(42);
});

it('warns about a credential that is not entered, and checks its input', async () => {
	const missing = usageAction();
	missing.credentials = { finFixedTokenApi: { id: 'local_gone', name: 'Gone' } };
	const answer = await call(server, 'POST', '/api/test', {
		body: {
			workflow: { nodes: [trigger, missing], connections: chain('Fin Trigger', 'Usage') },
			testValues,
		},
	});
	expect(answer.json.ok).toBe(false);
	expect(answer.json.warnings.join('\n')).toMatch(/"Gone".*add it under Credentials/);

	const unnamed = usageAction();
	delete (unnamed as { credentials?: unknown }).credentials;
	const noCredential = await call(server, 'POST', '/api/test', {
		body: {
			workflow: { nodes: [trigger, unnamed], connections: chain('Fin Trigger', 'Usage') },
			testValues,
		},
	});
	expect(noCredential.json.warnings).toEqual([
		'Node "Usage" needs a finFixedTokenApi credential: choose or create one in its settings.',
	]);
	const none = usageAction({ authentication: 'none' });
	delete (none as { credentials?: unknown }).credentials;
	const noAuth = await call(server, 'POST', '/api/test', {
		body: {
			workflow: { nodes: [trigger, none], connections: chain('Fin Trigger', 'Usage') },
			testValues,
		},
	});
	expect(noAuth.json.warnings).toEqual([]);

	expectActionableError(await call(server, 'POST', '/api/test', { body: { testValues } }), 400);
});

it('runs one test at a time, each with its own requests', async () => {
	const workflow = { nodes: [trigger, usageAction()], connections: chain('Fin Trigger', 'Usage') };
	const [first, second] = await Promise.all([
		call(server, 'POST', '/api/test', {
			body: { workflow, testValues: { ...testValues, user: { user_id: 'cus_1002' } } },
		}),
		call(server, 'POST', '/api/test', {
			body: { workflow, testValues: { ...testValues, user: { user_id: 'cus_1003' } } },
		}),
	]);
	expect(first.json.nodes.Usage.requests.map((request: { url: string }) => request.url)).toEqual([
		`${server.url}/demo/customers/cus_1002/usage`,
	]);
	expect(second.json.nodes.Usage.requests.map((request: { url: string }) => request.url)).toEqual([
		`${server.url}/demo/customers/cus_1003/usage`,
	]);
});

it("tests the Shopify workflow template against the demo, running n8n's own Set node as n8n does", async () => {
	const template = JSON.parse(
		readFileSync(
			join(__dirname, '..', '..', '..', 'templates', 'workflows', 'shopify-order-status.json'),
			'utf8',
		),
	);
	const demoToken = await call(server, 'POST', '/api/credentials', {
		body: { type: 'finFixedTokenApi', name: 'Demo bearer', data: { token: 'demo-token-bearer-1' } },
	});
	// What "Use demo backend" does in the client: point the action at /demo and give it a demo token.
	const action = template.nodes.find(
		(node: { type: string }) => node.type === 'n8n-nodes-fin-actions.apiAction',
	);
	action.parameters.shopifyOrderStatus_shopUrl = `${server.url}/demo/shopify`;
	action.credentials = { finFixedTokenApi: { id: demoToken.json.id, name: 'Demo bearer' } };
	const picker = template.nodes.find(
		(node: { type: string }) => node.type === 'n8n-nodes-fin-actions.responseFieldPicker',
	);
	const setNode = template.nodes.find(
		(node: { type: string }) => node.type === 'n8n-nodes-base.set',
	);

	const matched = await call(server, 'POST', '/api/test', {
		body: { workflow: template, testValues },
	});
	expect(matched.json.ok).toBe(true);
	expect(matched.json.executionOrder).toEqual([
		'Fin Trigger',
		'Audience Filter',
		action.name,
		picker.name,
	]);
	// The Set node is on the branch this customer did not take: it did not run, as in n8n.
	expect(matched.json.nodes[setNode.name]).toEqual({ status: 'skipped', input: [], output: [] });
	// Grouped (1.1): one object per order.
	expect(matched.json.answer.answer.orders.map((order: { Order: string }) => order.Order)).toEqual([
		'#1041',
		'#1032',
	]);
	expect(matched.json.answer.actionUsed).toBe(true);
	expect(matched.json.warnings).toEqual([]);

	// A customer without an email is not in the audience: the item goes to "Not In Audience", n8n's
	// Set node, whose output is what n8n answers the chat (not an error).
	const notMatched = await call(server, 'POST', '/api/test', {
		body: { workflow: template, testValues: { ...testValues, user: { user_id: 'u2' } } },
	});
	expect(notMatched.json.ok).toBe(true);
	expect(
		notMatched.json.nodes['Audience Filter'].output.map((items: unknown[]) => items.length),
	).toEqual([0, 1]);
	expect(notMatched.json.executionOrder).toEqual(['Fin Trigger', 'Audience Filter', setNode.name]);
	const templateAnswer = JSON.parse(setNode.parameters.jsonOutput);
	expect(notMatched.json.nodes[setNode.name]).toMatchObject({
		status: 'success',
		output: [[{ json: templateAnswer }]],
	});
	expect(notMatched.json.answer).toEqual(templateAnswer);
	expect(notMatched.json.warnings).toEqual([]);
});

it("runs n8n's If and Set (Edit Fields) with expressions, and reports their results per node", async () => {
	const node = (name: string, type: string, typeVersion: number, parameters: object) => ({
		id: name,
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
	});
	const workflow = {
		name: 'Branch on plan',
		nodes: [
			trigger,
			node('Pro plan?', 'n8n-nodes-base.if', 2.2, {
				conditions: {
					options: { caseSensitive: true, typeValidation: 'strict', version: 2 },
					conditions: [
						{
							id: 'c1',
							leftValue: '={{ $json.company.plan }}',
							rightValue: 'pro',
							operator: { type: 'string', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				options: {},
			}),
			node('Pro answer', 'n8n-nodes-base.set', 3.4, {
				mode: 'manual',
				assignments: {
					assignments: [
						{
							id: 'a1',
							name: 'answer',
							value: '=Plan {{ $json.company.plan }} for {{ $json.user.user_id }}',
							type: 'string',
						},
					],
				},
				options: {},
			}),
			node('Other answer', 'n8n-nodes-base.set', 3.4, {
				mode: 'raw',
				jsonOutput: '{"answer": "not pro"}',
				options: {},
			}),
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'Pro plan?', type: 'main', index: 0 }]] },
			'Pro plan?': {
				main: [
					[{ node: 'Pro answer', type: 'main', index: 0 }],
					[{ node: 'Other answer', type: 'main', index: 0 }],
				],
			},
		},
	};
	const pro = await call(server, 'POST', '/api/test', { body: { workflow, testValues } });
	expect(pro.json.ok).toBe(true);
	expect(pro.json.executionOrder).toEqual(['Fin Trigger', 'Pro plan?', 'Pro answer']);
	const ifReport = pro.json.nodes['Pro plan?'];
	expect(ifReport.status).toBe('success');
	expect(ifReport.output.map((items: unknown[]) => items.length)).toEqual([1, 0]);
	expect(pro.json.nodes['Pro answer']).toMatchObject({
		status: 'success',
		output: [[{ json: { answer: 'Plan pro for cus_1001' } }]],
	});
	expect(pro.json.nodes['Other answer'].status).toBe('skipped');
	expect(pro.json.answer).toEqual({ answer: 'Plan pro for cus_1001' });

	const free = await call(server, 'POST', '/api/test', {
		body: { workflow, testValues: { ...testValues, company: { plan: 'free' } } },
	});
	expect(free.json.nodes['Pro plan?'].output.map((items: unknown[]) => items.length)).toEqual([
		0, 1,
	]);
	expect(free.json.answer).toEqual({ answer: 'not pro' });
});

it("says what n8n says of Respond to Webhook after Fin Trigger (n8n's own check, from its real class)", async () => {
	const workflow = {
		name: 'Respond',
		nodes: [
			trigger,
			{
				id: 'r',
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.5,
				position: [220, 0],
				parameters: { respondWith: 'firstIncomingItem', options: {} },
			},
		],
		connections: chain('Fin Trigger', 'Respond'),
	};
	const answer = await call(server, 'POST', '/api/test', { body: { workflow, testValues } });
	expect(answer.json.ok).toBe(false);
	expect(answer.json.nodes.Respond).toMatchObject({
		status: 'error',
		error: { message: 'No Webhook node found in the workflow' },
	});
	expect(answer.json.answer).toBeNull();
});

it('keeps a refreshed dynamic token for the next test, and never answers it or the client secret', async () => {
	const api = await startLoopbackServer({
		'POST /oauth/token': {
			body: { access_token: 'dyn-access-7c1e0b9d', expires_in: 3600, token_type: 'Bearer' },
		},
		// An API that echoes what it received: secrets then appear in the response body too.
		'GET /me': (request) => ({ body: { seen: request.headers.authorization, plan: 'pro' } }),
	});
	try {
		const credential = await call(server, 'POST', '/api/credentials', {
			body: {
				type: 'finDynamicTokenApi',
				name: 'Dynamic',
				data: {
					tokenUrl: `${api.url}/oauth/token`,
					clientId: 'client-1',
					clientSecret: 'client-secret-5d2a8f',
				},
			},
		});
		const action = {
			// `/me` answers for the token, not for a customer: not customer-specific.
			...usageAction({
				url: `${api.url}/me`,
				authentication: 'finDynamicTokenApi',
				customerSpecific: false,
			}),
			credentials: { finDynamicTokenApi: { id: credential.json.id, name: 'Dynamic' } },
		};
		const body = {
			workflow: { nodes: [trigger, action], connections: chain('Fin Trigger', 'Usage') },
			testValues,
		};
		const first = await call(server, 'POST', '/api/test', { body });
		expect(first.json.ok).toBe(true);
		const urls = first.json.nodes.Usage.requests.map((request: { url: string }) => request.url);
		expect(urls).toEqual([`${api.url}/oauth/token`, `${api.url}/me`]);
		expect(first.json.answer.response).toEqual({ seen: 'Bearer [redacted]', plan: 'pro' });
		for (const secret of ['dyn-access-7c1e0b9d', 'client-secret-5d2a8f'])
			expect(first.text).not.toContain(secret);

		const second = await call(server, 'POST', '/api/test', { body });
		expect(second.json.nodes.Usage.requests.map((request: { url: string }) => request.url)).toEqual(
			[`${api.url}/me`],
		);
		expect(api.requests.filter((request) => request.path === '/oauth/token')).toHaveLength(1);
		expect(second.text).not.toContain('dyn-access-7c1e0b9d');
		expect((await call(server, 'GET', '/api/credentials')).text).not.toContain('dyn-access');
	} finally {
		await api.close();
	}
});

it('never answers a token request body or the client secret and password in any encoding', async () => {
	const clientSecret = "cs ~'(x)!+/=é-91";
	const password = 'pw d!(9)~z';
	const api = await startLoopbackServer({
		'POST /oauth/token': { body: { access_token: 'dyn-access-2b7f', expires_in: 3600 } },
		// An API that echoes what it received, in several encodings.
		'GET /me': (request) => ({
			body: {
				echoed: request.headers.authorization,
				form: new URLSearchParams({ s: clientSecret, p: password }).toString(),
				hex: Buffer.from(password).toString('hex'),
				basic: Buffer.from(`client-2:${clientSecret}`).toString('base64'),
			},
		}),
	});
	try {
		const credential = await call(server, 'POST', '/api/credentials', {
			body: {
				type: 'finDynamicTokenApi',
				name: 'Password grant',
				data: {
					tokenUrl: `${api.url}/oauth/token`,
					grantType: 'password',
					bodyFormat: 'form',
					clientId: 'client-2',
					clientSecret,
					username: 'ada',
					password,
				},
			},
		});
		const action = {
			...usageAction({
				url: `${api.url}/me?customer={{user.user_id}}`,
				authentication: 'finDynamicTokenApi',
			}),
			credentials: { finDynamicTokenApi: { id: credential.json.id, name: 'Password grant' } },
		};
		const answer = await call(server, 'POST', '/api/test', {
			body: {
				workflow: { nodes: [trigger, action], connections: chain('Fin Trigger', 'Usage') },
				testValues,
			},
		});
		expect(answer.json.ok).toBe(true);
		expect(api.requests[0].body).toContain('client_secret=');
		const [tokenRequest] = answer.json.nodes.Usage.requests;
		expect(tokenRequest.url).toBe(`${api.url}/oauth/token`);
		expect(tokenRequest.body).toBe('[body withheld: carries credentials]');
		const form = (text: string) => new URLSearchParams({ x: text }).toString().slice(2);
		for (const secret of [clientSecret, password, 'dyn-access-2b7f']) {
			for (const encoded of [
				secret,
				encodeURIComponent(secret),
				form(secret),
				Buffer.from(secret).toString('hex'),
				Buffer.from(secret).toString('base64'),
			])
				expect(answer.text).not.toContain(encoded);
		}
		expect(answer.text).not.toContain(Buffer.from(`client-2:${clientSecret}`).toString('base64'));
	} finally {
		await api.close();
	}
});
