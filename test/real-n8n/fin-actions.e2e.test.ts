// End to end in real n8n 2.x: this package installed as a community package from its `npm pack`
// tarball, the workflow templates imported unchanged (as the editor imports a file), filled in through
// the public API (API address pointed at a loopback server that answers like the real API, credentials
// created through the API), activated, and driven by signed chat messages on their production webhooks.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { secrets } from '../../real-n8n/apis';
import { messengerJwt, sendChat, userHash } from '../../real-n8n/chat';
import { customer, unpickedMarkers } from '../../real-n8n/fixtures';
import { http } from '../../real-n8n/n8n-api';
import { packageName } from '../../real-n8n/package';
import { repoRoot } from '../../real-n8n/runtime';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import {
	AGENT_TEMPLATE_FILES,
	fillInAndActivate,
	findNode,
	importUnchanged,
	isNode,
	nodesRun,
	readTemplate,
	settledExecutions,
	TEMPLATE_FILES,
	waitForWebhook,
	webhookUrl,
} from './support/workflows';

const NODE_NAMES = ['finTrigger', 'audienceFilter', 'apiAction', 'responseFieldPicker'];
const CREDENTIAL_TYPES = ['finFixedTokenApi', 'finDynamicTokenApi', 'finMessengerApi'];

const session = new E2eSession('templates');
const { step } = session;
beforeAll(() => session.open(), SESSION_TIMEOUT);
afterAll(() => session.close(), 60000);

interface Deployed {
	id: string;
	webhookUrl: string;
	template: any;
}

/** Imports the template file unchanged, then fills it in and activates it as a user would. */
async function deploy(file: string, fillIn: (node: any) => void): Promise<Deployed> {
	const { api, credentials, n8n } = session.value;
	const template = readTemplate(file);
	const stored = await importUnchanged(api, template);
	await fillInAndActivate(api, stored, credentials, fillIn);
	const url = webhookUrl(n8n.url, template);
	await waitForWebhook(url);
	return { id: stored.id, webhookUrl: url, template };
}

const executions = (workflowId: string) => settledExecutions(session.value.api, workflowId);

/**
 * What n8n stored for the workflow's executions (public API, includeData) holds the picked values and
 * none of the API answer's unpicked ones: the API Action never outputs the raw body.
 */
async function expectStoredOnlyPicked(workflowId: string, picked: string) {
	const stored = JSON.stringify((await executions(workflowId)).map((execution) => execution.data));
	expect(stored).toContain(picked);
	for (const marker of unpickedMarkers) expect(stored).not.toContain(marker);
}

/**
 * The answer is the picked fields and nothing else (the API Action picks them, the Answer node shapes
 * the reply): every picked field (all of them find a value in the fixtures), no raw response, no
 * conversation context, no unpicked value, no secret.
 */
function expectOnlyPicked(answer: { json: any; text: string }, template: any) {
	const fields: Array<{ pointer: string; name: string }> = findNode(template, 'apiAction')
		.parameters.fields.field;
	expect(Object.keys(answer.json).sort()).toEqual(['actionUsed', 'answer', 'fieldsUsed']);
	expect(answer.json.actionUsed).toBe(true);
	// Grouped answers (1.1): fields under a list sit in that list's objects, so collect every key.
	const keys = new Set<string>();
	JSON.stringify(answer.json.answer, (key, value) => (keys.add(key), value));
	// A list is named by the key before its wildcard (`/orders/*/fulfillments/*/...`).
	const lists = fields.flatMap((field) =>
		[...field.pointer.matchAll(/([^/]+)\/\*/g)].map((m) => m[1]),
	);
	for (const key of [...keys])
		if (key === '' || /^\d+$/.test(key) || lists.includes(key)) keys.delete(key);
	expect([...keys].sort()).toEqual(fields.map((field) => field.name).sort());
	expect([...answer.json.fieldsUsed].sort()).toEqual(fields.map((field) => field.pointer).sort());
	for (const marker of unpickedMarkers) expect(answer.text).not.toContain(marker);
	for (const secret of Object.values(secrets)) expect(answer.text).not.toContain(secret);
	expect(answer.text).not.toContain(customer.email);
	expect(answer.text).not.toContain(customer.user_id);
}

// ---------------------------------------------------------------------------------------------

step(
	'the workflow templates are what scripts/build-workflow-templates.mjs writes from templates/actions',
	async () => {
		execFileSync(
			process.execPath,
			[join(repoRoot, 'scripts/build-workflow-templates.mjs'), '--check'],
			{ stdio: 'pipe' },
		);
		for (const file of TEMPLATE_FILES) {
			const template = readTemplate(file);
			const text = JSON.stringify(template);
			// Credentials by type only: no node names a credential id, no secret is in the file.
			for (const node of template.nodes) expect(node.credentials).toBeUndefined();
			expect(text).not.toMatch(/shpat_|secret-|password/i);
			expect(
				template.nodes.filter((node: any) => node.type === 'n8n-nodes-base.stickyNote').length,
			).toBeGreaterThanOrEqual(2);
		}
	},
);

step(
	'every other workflow template (from a newer action template) imports unchanged and activates',
	async () => {
		const { api, credentials } = session.value;
		const files = readdirSync(join(repoRoot, 'templates/workflows')).filter((file) =>
			file.endsWith('.json'),
		);
		expect(files).toEqual(expect.arrayContaining(TEMPLATE_FILES));
		// The AI Agent template needs a chat model: test/real-n8n/ai-agent-tools.e2e.test.ts runs it.
		const others = files.filter(
			(name) => !TEMPLATE_FILES.includes(name) && !AGENT_TEMPLATE_FILES.includes(name),
		);
		for (const file of others) {
			const stored = await importUnchanged(api, readTemplate(file));
			await fillInAndActivate(api, stored, credentials, () => undefined);
			await api.apiOk('POST', `/workflows/${stored.id}/deactivate`);
		}
	},
);

step('n8n lists the four nodes and the three credential types, with their icons', async () => {
	expect(session.value.installed.files).toEqual(
		expect.arrayContaining(['package.json', 'dist/index.js', 'dist/icons/finTrigger.svg']),
	);
	const nodeTypes = await session.value.api.rest('GET', '/types/nodes.json');
	expect(nodeTypes.status).toBe(200);
	const credentialTypes = await session.value.api.rest('GET', '/types/credentials.json');
	expect(credentialTypes.status).toBe(200);

	const described = [
		...NODE_NAMES.map((name) => ({
			kind: 'node',
			type: `${packageName}.${name}`,
			list: nodeTypes.json as any[],
		})),
		...CREDENTIAL_TYPES.map((name) => ({
			kind: 'credential',
			type: name,
			list: credentialTypes.json as any[],
		})),
	];
	for (const { kind, type, list } of described) {
		const description = list.find((entry) => entry.name === type);
		expect({ kind, type, found: Boolean(description) }).toEqual({ kind, type, found: true });
		// A single icon, or one for the light and one for the dark theme.
		const iconUrls: string[] =
			typeof description.iconUrl === 'string'
				? [description.iconUrl]
				: Object.values(description.iconUrl ?? {});
		expect({ type, icons: iconUrls.length }).toEqual({
			type,
			icons: typeof description.iconUrl === 'string' ? 1 : 2,
		});
		for (const iconUrl of iconUrls) {
			expect(iconUrl).toMatch(new RegExp(`^icons/${packageName}/dist/.+\\.svg$`));
			const icon = await http(`${session.value.n8n.url}/${iconUrl}`);
			expect({ iconUrl, status: icon.status }).toEqual({ iconUrl, status: 200 });
			expect(icon.text).toContain('<svg');
			// The very file of the installed package, served by n8n.
			expect(icon.text).toBe(
				readFileSync(
					join(session.value.installed.installedAt, iconUrl.slice(`icons/${packageName}/`.length)),
					'utf8',
				),
			);
		}
	}
	const trigger = (nodeTypes.json as any[]).find(
		(entry) => entry.name === `${packageName}.finTrigger`,
	);
	expect(trigger.webhooks[0]).toMatchObject({ httpMethod: 'POST', path: 'fin' });
	const filter = (nodeTypes.json as any[]).find(
		(entry) => entry.name === `${packageName}.audienceFilter`,
	);
	expect(filter.outputNames).toEqual(['Matched', 'Not matched']);
});

describe('electricity usage (custom API Action, Fin Dynamic Token)', () => {
	let workflow: Deployed;
	const smartMeterCustomer = { ...customer, meter_type: 'smart' };

	step(
		'imports unchanged and activates once credentials and the API address are filled in',
		async () => {
			workflow = await deploy('electricity-usage.json', (node) => {
				if (isNode(node, 'apiAction'))
					node.parameters.url = `${session.value.apis.utility.url}/customers/{{user.user_id}}/usage`;
			});
		},
	);

	step('a forged message gets 401 and starts no execution', async () => {
		const before = (await executions(workflow.id)).length;
		const forged = await sendChat(workflow.webhookUrl, {
			text: 'How much power did I use?',
			user: smartMeterCustomer,
			userHash: userHash('not-the-secret', smartMeterCustomer.user_id),
		});
		expect(forged.status).toBe(401);
		expect(forged.text).not.toContain('312.4');
		const unsigned = await sendChat(workflow.webhookUrl, {
			text: 'How much power did I use?',
			user: smartMeterCustomer,
		});
		expect(unsigned.status).toBe(401);
		expect((await executions(workflow.id)).length).toBe(before);
		expect(session.value.apis.utility.requests).toHaveLength(0);
	});

	// Issue 12.3: n8n parses multipart itself before the node runs; the node must still refuse.
	step('a body that is not JSON gets 415 and starts no execution', async () => {
		const before = (await executions(workflow.id)).length;
		const form = new FormData();
		form.append('message', 'How much power did I use?');
		form.append('file', new Blob(['x'.repeat(2000)]), 'a.txt');
		const bodies: Array<{ body: BodyInit; headers: Record<string, string> }> = [
			{ body: form, headers: {} },
			{
				body: 'message=hi',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			},
			{ body: '{"message": {"text": "hi"}}', headers: { 'content-type': 'text/plain' } },
			{ body: new Uint8Array(Buffer.from('{"message": {"text": "hi"}}')), headers: {} },
		];
		for (const { body, headers } of bodies) {
			const answer = await fetch(workflow.webhookUrl, { method: 'POST', body, headers });
			expect({ status: answer.status, body: await answer.json() }).toEqual({
				status: 415,
				body: { error: { code: 'unsupported_media_type', message: expect.any(String) } },
			});
		}
		expect((await executions(workflow.id)).length).toBe(before);
		expect(session.value.apis.utility.requests).toHaveLength(0);
	});

	step(
		'answers a verified customer with the picked fields only, fetching the token once',
		async () => {
			const message = {
				text: 'How much power did I use last month?',
				user: smartMeterCustomer,
				userHash: userHash(secrets.identityVerification, customer.user_id),
			};
			const first = await sendChat(workflow.webhookUrl, message);
			expect(first.status).toBe(200);
			expectOnlyPicked(first, workflow.template);
			expect(first.json.answer).toEqual({
				'Usage (kWh)': '312.4',
				From: '1 Oct 2026',
				To: '31 Oct 2026',
				Tariff: 'Green Flex 24',
				'Estimated bill': '€98.37',
			});
			const second = await sendChat(workflow.webhookUrl, message);
			expect(second.status).toBe(200);
			expect(second.json).toEqual(first.json);

			const requests = session.value.apis.utility.requests.map(
				(request) => `${request.method} ${request.path}`,
			);
			// n8n stored the token of the first run in the credential and reused it.
			expect(requests).toEqual([
				'POST /oauth/token',
				`GET /customers/${customer.user_id}/usage`,
				`GET /customers/${customer.user_id}/usage`,
			]);
			const tokenRequest = new URLSearchParams(session.value.apis.utility.requests[0].body);
			expect(tokenRequest.get('grant_type')).toBe('client_credentials');
			expect(tokenRequest.get('scope')).toBe('usage:read');

			const runs = await executions(workflow.id);
			expect(runs.map((execution) => execution.status)).toEqual(['success', 'success']);
			expect(nodesRun(runs[0])).toEqual([
				'Answer',
				'Audience Filter',
				'Electricity usage',
				'Fin Trigger',
			]);
			await expectStoredOnlyPicked(workflow.id, 'Green Flex 24');
		},
	);

	step(
		'a customer outside the audience gets the "Not matched" branch and no API call',
		async () => {
			const callsBefore = session.value.apis.utility.requests.length;
			const analog = { user_id: 'cust-0815', email: 'grace@example.com', meter_type: 'analog' };
			const answer = await sendChat(workflow.webhookUrl, {
				text: 'How much power did I use?',
				user: analog,
				userHash: userHash(secrets.identityVerification, analog.user_id),
			});
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({
				answer: null,
				fieldsUsed: [],
				actionUsed: false,
				reason: 'This action is not available for this customer.',
			});
			expect(session.value.apis.utility.requests.length).toBe(callsBefore);
			const [latest] = await executions(workflow.id);
			expect(latest.status).toBe('success');
			expect(nodesRun(latest)).toEqual(['Audience Filter', 'Fin Trigger', 'Not In Audience']);
			const audience = latest.data.resultData.runData['Audience Filter'][0].data.main;
			expect(audience[0]).toEqual([]);
			expect(audience[1][0].json.audience).toMatchObject({ matched: false, decidedBy: 'rule' });
		},
	);
});

describe('Shopify order status (template shopifyOrderStatus, Fin Fixed Token)', () => {
	let workflow: Deployed;

	step(
		'imports unchanged and activates once credentials and the shop URL are filled in',
		async () => {
			workflow = await deploy('shopify-order-status.json', (node) => {
				if (isNode(node, 'apiAction'))
					node.parameters.shopifyOrderStatus_shopUrl = session.value.apis.shop.url;
			});
		},
	);

	step(
		'a forged message gets 401, an unsigned email 403, and neither starts an execution',
		async () => {
			const before = (await executions(workflow.id)).length;
			const forgedJwt = messengerJwt('not-the-secret', {
				user_id: customer.user_id,
				email: customer.email,
			});
			const forged = await sendChat(workflow.webhookUrl, {
				text: 'Where is my order?',
				jwt: forgedJwt,
			});
			expect(forged.status).toBe(401);
			// A valid user_hash for one's own user_id does not vouch for someone else's email.
			const borrowedEmail = await sendChat(workflow.webhookUrl, {
				text: 'Where is my order?',
				user: { user_id: 'cust-attacker', email: customer.email },
				userHash: userHash(secrets.identityVerification, 'cust-attacker'),
			});
			expect(borrowedEmail.status).toBe(403);
			expect((await executions(workflow.id)).length).toBe(before);
			expect(session.value.apis.shop.requests).toHaveLength(0);
		},
	);

	step('answers a verified customer with the picked order fields only', async () => {
		const jwt = messengerJwt(secrets.identityVerification, {
			user_id: customer.user_id,
			email: customer.email,
		});
		const answer = await sendChat(workflow.webhookUrl, { text: 'Where is my order?', jwt });
		expect(answer.status).toBe(200);
		expectOnlyPicked(answer, workflow.template);
		// Grouped (1.1): one object per order, so each tracking number stays with its order.
		expect(answer.json.answer.orders).toMatchObject([
			{ Order: '#1001', 'Shipping status': 'fulfilled', 'Payment status': 'paid' },
			{ Order: '#1002', 'Shipping status': null, 'Payment status': 'pending' },
		]);
		expect(JSON.stringify(answer.json.answer.orders[0].fulfillments)).toContain('1Z2345');

		const [request] = session.value.apis.shop.requests;
		expect(request.path).toBe('/admin/api/2025-07/orders.json');
		expect(request.query.get('email')).toBe(customer.email);
		expect(request.query.get('status')).toBe('any');
		expect(request.headers['x-shopify-access-token']).toBe(secrets.shopifyToken);
		const [execution] = await executions(workflow.id);
		expect(execution.status).toBe('success');
		await expectStoredOnlyPicked(workflow.id, '#1001');
	});

	step(
		'a customer outside the audience gets the "Not matched" branch and no API call',
		async () => {
			const callsBefore = session.value.apis.shop.requests.length;
			const jwt = messengerJwt(secrets.identityVerification, { sub: 'cust-no-email' });
			const answer = await sendChat(workflow.webhookUrl, { text: 'Where is my order?', jwt });
			expect(answer.status).toBe(200);
			expect(answer.json).toMatchObject({ answer: null, actionUsed: false });
			expect(session.value.apis.shop.requests.length).toBe(callsBefore);
			const [latest] = await executions(workflow.id);
			expect(nodesRun(latest)).toEqual(['Audience Filter', 'Fin Trigger', 'Not In Audience']);
		},
	);
});

describe('Statuspage ongoing incidents (template statuspageIncidents, no credential)', () => {
	let workflow: Deployed;

	step('imports unchanged and activates once the status page URL is filled in', async () => {
		workflow = await deploy('statuspage-incidents.json', (node) => {
			if (isNode(node, 'apiAction'))
				node.parameters.statuspageIncidents_pageUrl = session.value.apis.status.url;
		});
	});

	step('a forged message gets 401 and starts no execution', async () => {
		const before = (await executions(workflow.id)).length;
		const forged = await sendChat(workflow.webhookUrl, {
			text: 'Is your API down?',
			user: { user_id: customer.user_id },
			userHash: userHash(secrets.intercomClient, customer.user_id), // the wrong one of the two secrets
		});
		expect(forged.status).toBe(401);
		expect((await executions(workflow.id)).length).toBe(before);
		expect(session.value.apis.status.requests).toHaveLength(0);
	});

	step('answers a verified customer with the picked incident fields only', async () => {
		const answer = await sendChat(workflow.webhookUrl, {
			text: 'Is your API down?',
			user: { user_id: customer.user_id, email: customer.email },
			userHash: userHash(secrets.identityVerification, customer.user_id),
		});
		expect(answer.status).toBe(200);
		expectOnlyPicked(answer, workflow.template);
		expect(answer.json.answer).toEqual({
			incidents: [
				{
					Incident: 'Elevated API error rates in EU region',
					Status: 'identified',
					Impact: 'major',
					'Latest update':
						'We have identified a faulty load balancer in the EU region and are rolling out a fix.',
					Details: 'http://stspg.io/p31zjtct2jer',
				},
			],
		});
		expect(
			session.value.apis.status.requests.map((request) => `${request.method} ${request.path}`),
		).toEqual(['GET /api/v2/incidents/unresolved.json']);
		const [execution] = await executions(workflow.id);
		expect(execution.status).toBe('success');
	});

	step(
		"a workflow saved with n8n's generic Header Auth credential fails, naming what to choose instead",
		async () => {
			const { api, n8n, apis } = session.value;
			const headerSecret = 'e2e-generic-header-secret-0123456789';
			const header = await api.createCredential('httpHeaderAuth', 'Status page key (e2e)', {
				name: 'X-Status-Key',
				value: headerSecret,
			});
			const template = readTemplate('statuspage-incidents.json');
			template.name = `${template.name} (generic auth)`;
			findNode(template, 'finTrigger').webhookId = randomUUID();
			const stored = await importUnchanged(api, template);
			await fillInAndActivate(api, stored, session.value.credentials, (node) => {
				if (!isNode(node, 'apiAction')) return;
				node.parameters.statuspageIncidents_pageUrl = apis.status.url;
				node.parameters.authentication = 'genericCredentialType';
				node.parameters.genericAuthType = 'httpHeaderAuth';
				node.credentials = { httpHeaderAuth: header };
			});
			const url = webhookUrl(n8n.url, template);
			await waitForWebhook(url);
			const before = apis.status.requests.length;
			const answer = await sendChat(url, {
				text: 'Is your API down?',
				user: { user_id: customer.user_id, email: customer.email },
				userHash: userHash(secrets.identityVerification, customer.user_id),
			});
			expect(apis.status.requests).toHaveLength(before);
			expect(answer.text).not.toContain(headerSecret);
			const [execution] = await executions(stored.id);
			const recorded = JSON.stringify(execution.data);
			// n8n records the node's error message (quotes escaped in this JSON text).
			expect(recorded).toMatch(/Generic Credential Type\W+\(n8n's\W+httpHeaderAuth\W+credential\)/);
			expect(recorded).toMatch(
				/Fin Fixed Token\W+and, in a new Fin Fixed Token credential, choose Send Token As\W+Named Header/,
			);
			expect(recorded).not.toContain(headerSecret);
		},
	);
});
