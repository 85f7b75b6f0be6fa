// End to end in real n8n 2.x: this package installed as a community package from its `npm pack`
// tarball, the workflow templates imported unchanged through n8n's public API, filled in (API URL
// pointed at a loopback server that answers like the real API, credentials created through the API),
// activated, and driven by signed chat messages on their production webhooks.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startApis, secrets, type Apis } from './support/apis';
import { messengerJwt, sendChat, userHash } from './support/chat';
import { customer, unpickedMarkers } from './support/fixtures';
import { N8nClient, http } from './support/n8n-api';
import { packageName, packAndInstall, removeTarball, type InstalledPackage } from './support/package';
import { ensureN8nInstalled, makeUserFolder, removeUserFolder, repoRoot, startN8n, type N8nInstance } from './support/runtime';

const NODE_NAMES = ['finTrigger', 'audienceFilter', 'apiAction', 'responseFieldPicker'];
const CREDENTIAL_TYPES = ['finFixedTokenApi', 'finDynamicTokenApi', 'finMessengerApi'];

let n8n: N8nInstance | undefined;
let userFolder: string | undefined;
let installed: InstalledPackage | undefined;
let apis: Apis | undefined;
let failed = false;
let api: N8nClient;
const credentials: Record<string, { id: string; name: string }> = {};

/** Every failure names n8n's log, so a red run can be read without rerunning it. */
async function withLogPath<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (error) {
		failed = true;
		const where = n8n ? `\n\nn8n log: ${n8n.logPath}` : '';
		if (error instanceof Error) {
			error.message += where;
			throw error;
		}
		throw new Error(`${String(error)}${where}`);
	}
}
const step = (name: string, fn: () => Promise<void>, timeout?: number) => test(name, () => withLogPath(fn), timeout);

beforeAll(
	() =>
		withLogPath(async () => {
			ensureN8nInstalled();
			userFolder = makeUserFolder();
			installed = packAndInstall(userFolder);
			apis = await startApis();
			n8n = await startN8n(userFolder);
			api = new N8nClient(n8n.url);
			await api.setUp();
			credentials.finMessengerApi = await api.createCredential('finMessengerApi', 'Fin Messenger (e2e)', {
				identityVerificationSecret: secrets.identityVerification,
				intercomClientSecret: secrets.intercomClient,
			});
			credentials.finFixedTokenApi = await api.createCredential('finFixedTokenApi', 'Shopify Admin token (e2e)', {
				token: secrets.shopifyToken,
				placement: 'header',
				headerName: 'X-Shopify-Access-Token',
				prefix: '',
				allowedDomain: '127.0.0.1',
			});
			credentials.finDynamicTokenApi = await api.createCredential('finDynamicTokenApi', 'Utility API token (e2e)', {
				// Only what differs from the credential's defaults (POST, form body, client credentials, /access_token).
				tokenUrl: `${apis.utility.url}/oauth/token`,
				clientId: secrets.utilityClientId,
				clientSecret: secrets.utilityClientSecret,
				scope: 'usage:read',
				placement: 'bearer',
				allowedDomain: '127.0.0.1',
			});
		}),
	30 * 60 * 1000, // the first run installs n8n (about 3 to 8 minutes); later runs take seconds
);

afterAll(async () => {
	await n8n?.stop();
	await apis?.close();
	if (installed) removeTarball(installed);
	if (failed && n8n) process.stderr.write(`\n[e2e] something failed: n8n's log is ${n8n.logPath}\n`);
	else if (userFolder) removeUserFolder(userFolder);
	if (failed && userFolder) process.stderr.write(`[e2e] n8n's user folder (database, installed package) is kept in ${userFolder}\n`);
}, 60000);

// ---------------------------------------------------------------------------------------------

interface Deployed {
	id: string;
	webhookUrl: string;
	template: any;
}

function readTemplate(file: string): any {
	return JSON.parse(readFileSync(join(repoRoot, 'templates/workflows', file), 'utf8'));
}

/**
 * Imports the template file exactly as it is, the way the editor's "Import from File" and Save do
 * (POST /rest/workflows with the file's JSON), checks n8n kept every node and parameter, then does
 * what a user does next through the public API: picks credentials, sets the API's address, saves
 * and activates.
 */
async function deploy(file: string, fillIn: (node: any) => void): Promise<Deployed> {
	const template = readTemplate(file);
	const imported = await api.rest('POST', '/rest/workflows', template);
	expect({ status: imported.status, message: imported.json?.message }).toEqual({ status: 200, message: undefined });
	const id = imported.json.data.id as string;
	const stored = await api.apiOk('GET', `/workflows/${id}`);
	expect(stored.connections).toEqual(template.connections);
	expect(stored.nodes.map((node: any) => node.name).sort()).toEqual(template.nodes.map((node: any) => node.name).sort());
	for (const node of template.nodes) {
		const kept = stored.nodes.find((candidate: any) => candidate.name === node.name);
		expect({ name: kept.name, type: kept.type, typeVersion: kept.typeVersion, parameters: kept.parameters, webhookId: kept.webhookId }).toEqual({
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion,
			parameters: node.parameters,
			webhookId: node.webhookId,
		});
	}

	const nodes = structuredClone(stored.nodes);
	for (const node of nodes) {
		if (node.type === `${packageName}.finTrigger`) node.credentials = { finMessengerApi: credentials.finMessengerApi };
		if (node.type === `${packageName}.apiAction` && node.parameters.authentication !== 'none') {
			const type = node.parameters.authentication as string;
			node.credentials = { [type]: credentials[type] };
		}
		fillIn(node);
	}
	await api.apiOk('PUT', `/workflows/${id}`, { name: stored.name, nodes, connections: stored.connections, settings: stored.settings });
	const activated = await api.apiOk('POST', `/workflows/${id}/activate`);
	expect(activated.active).toBe(true);
	const trigger = template.nodes.find((node: any) => node.type === `${packageName}.finTrigger`);
	return { id, webhookUrl: `${n8n!.url}/webhook/${trigger.webhookId}/fin`, template };
}

/** The workflow's executions once n8n has finished saving them (the count stays put for a second). */
async function settledExecutions(workflowId: string): Promise<any[]> {
	let last = await api.executions(workflowId);
	for (let stable = 0; stable < 4; ) {
		await new Promise((done) => setTimeout(done, 250));
		const next = await api.executions(workflowId);
		stable = next.length === last.length && next.every((execution: any) => execution.finished || execution.status !== 'running') ? stable + 1 : 0;
		last = next;
	}
	return last;
}

function nodesRun(execution: any): string[] {
	return Object.keys(execution.data?.resultData?.runData ?? {}).sort();
}

/** The answer is the picker's output and nothing else: no raw response, no conversation, no unpicked value. */
function expectOnlyPicked(body: any, text: string, names: string[]) {
	expect(Object.keys(body).sort()).toEqual(['actionUsed', 'answer', 'fieldsUsed']);
	expect(body.actionUsed).toBe(true);
	expect(Object.keys(body.answer).sort()).toEqual([...names].sort());
	for (const marker of unpickedMarkers) expect(text).not.toContain(marker);
	for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
	expect(text).not.toContain(customer.name);
}

const pickedNames = (template: any) =>
	template.nodes.find((node: any) => node.type === `${packageName}.responseFieldPicker`).parameters.fields.field.map((field: any) => field.name);

// ---------------------------------------------------------------------------------------------

step('the workflow templates are what scripts/build-workflow-templates.mjs writes from templates/actions', async () => {
	execFileSync(process.execPath, [join(repoRoot, 'scripts/build-workflow-templates.mjs'), '--check'], { stdio: 'pipe' });
	for (const file of ['electricity-usage.json', 'shopify-order-status.json', 'statuspage-incidents.json']) {
		const template = readTemplate(file);
		const text = JSON.stringify(template);
		// Credentials by type only: no node names a credential id, no secret is in the file.
		for (const node of template.nodes) expect(node.credentials).toBeUndefined();
		expect(text).not.toMatch(/shpat_|secret-|password/i);
		expect(template.nodes.filter((node: any) => node.type === 'n8n-nodes-base.stickyNote').length).toBeGreaterThanOrEqual(2);
	}
});

step('n8n lists the four nodes and the three credential types, with their icons', async () => {
	expect(installed!.files).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/icons/finTrigger.svg']));
	const nodeTypes = await api.rest('GET', '/types/nodes.json');
	expect(nodeTypes.status).toBe(200);
	const credentialTypes = await api.rest('GET', '/types/credentials.json');
	expect(credentialTypes.status).toBe(200);

	const described = [
		...NODE_NAMES.map((name) => ({ kind: 'node', type: `${packageName}.${name}`, list: nodeTypes.json as any[] })),
		...CREDENTIAL_TYPES.map((name) => ({ kind: 'credential', type: name, list: credentialTypes.json as any[] })),
	];
	for (const { kind, type, list } of described) {
		const description = list.find((entry) => entry.name === type);
		expect({ kind, type, found: Boolean(description) }).toEqual({ kind, type, found: true });
		expect(typeof description.iconUrl).toBe('string');
		expect(description.iconUrl).toMatch(new RegExp(`^icons/${packageName}/dist/icons/[\\w-]+\\.svg$`));
		const icon = await http(`${n8n!.url}/${description.iconUrl}`);
		expect({ type, status: icon.status }).toEqual({ type, status: 200 });
		expect(icon.text).toContain('<svg');
		// The very file of the package, served by n8n from the installed package.
		expect(icon.text).toBe(readFileSync(join(repoRoot, description.iconUrl.replace(`icons/${packageName}/dist/`, '')), 'utf8'));
	}
	const trigger = (nodeTypes.json as any[]).find((entry) => entry.name === `${packageName}.finTrigger`);
	expect(trigger.webhooks[0]).toMatchObject({ httpMethod: 'POST', path: 'fin' });
	const filter = (nodeTypes.json as any[]).find((entry) => entry.name === `${packageName}.audienceFilter`);
	expect(filter.outputNames).toEqual(['Matched', 'Not matched']);
});

describe('electricity usage (custom API Action, Fin Dynamic Token)', () => {
	let workflow: Deployed;
	const smartMeterCustomer = { ...customer, meter_type: 'smart' };

	step('imports unchanged and activates once credentials and the API address are filled in', async () => {
		workflow = await deploy('electricity-usage.json', (node) => {
			if (node.type === `${packageName}.apiAction`) node.parameters.url = `${apis!.utility.url}/customers/{{user.user_id}}/usage`;
		});
	});

	step('a forged message gets 401 and starts no execution', async () => {
		const before = (await settledExecutions(workflow.id)).length;
		const forged = await sendChat(workflow.webhookUrl, {
			text: 'How much power did I use?',
			user: smartMeterCustomer,
			userHash: userHash('not-the-secret', smartMeterCustomer.user_id),
		});
		expect(forged.status).toBe(401);
		expect(forged.text).not.toContain('312.4');
		const unsigned = await sendChat(workflow.webhookUrl, { text: 'How much power did I use?', user: smartMeterCustomer });
		expect(unsigned.status).toBe(401);
		expect((await settledExecutions(workflow.id)).length).toBe(before);
		expect(apis!.utility.requests).toHaveLength(0);
	});

	step('answers a verified customer with the picked fields only, fetching the token once', async () => {
		const message = { text: 'How much power did I use last month?', user: smartMeterCustomer, userHash: userHash(secrets.identityVerification, customer.user_id) };
		const first = await sendChat(workflow.webhookUrl, message);
		expect(first.status).toBe(200);
		expectOnlyPicked(first.json, first.text, pickedNames(workflow.template));
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

		const requests = apis!.utility.requests.map((request) => `${request.method} ${request.path}`);
		// n8n stored the token of the first run in the credential and reused it.
		expect(requests).toEqual(['POST /oauth/token', `GET /customers/${customer.user_id}/usage`, `GET /customers/${customer.user_id}/usage`]);
		const tokenRequest = new URLSearchParams(apis!.utility.requests[0].body);
		expect(tokenRequest.get('grant_type')).toBe('client_credentials');
		expect(tokenRequest.get('scope')).toBe('usage:read');

		const executions = await settledExecutions(workflow.id);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		expect(nodesRun(executions[0])).toEqual(['Audience Filter', 'Electricity usage', 'Fin Trigger', 'Pick Answer Fields']);
	});

	step('a customer outside the audience gets the "Not matched" branch and no API call', async () => {
		const callsBefore = apis!.utility.requests.length;
		const analog = { user_id: 'cust-0815', email: 'grace@example.com', meter_type: 'analog' };
		const answer = await sendChat(workflow.webhookUrl, { text: 'How much power did I use?', user: analog, userHash: userHash(secrets.identityVerification, analog.user_id) });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ answer: null, fieldsUsed: [], actionUsed: false, reason: 'This action is not available for this customer.' });
		expect(apis!.utility.requests.length).toBe(callsBefore);
		const [latest] = await settledExecutions(workflow.id);
		expect(latest.status).toBe('success');
		expect(nodesRun(latest)).toEqual(['Audience Filter', 'Fin Trigger', 'Not In Audience']);
		const audience = latest.data.resultData.runData['Audience Filter'][0].data.main;
		expect(audience[0]).toEqual([]);
		expect(audience[1][0].json.audience).toMatchObject({ matched: false, decidedBy: 'rule' });
	});
});

describe('Shopify order status (template shopifyOrderStatus, Fin Fixed Token)', () => {
	let workflow: Deployed;

	step('imports unchanged and activates once credentials and the shop URL are filled in', async () => {
		workflow = await deploy('shopify-order-status.json', (node) => {
			if (node.type === `${packageName}.apiAction`) node.parameters.shopifyOrderStatus_shopUrl = apis!.shop.url;
		});
	});

	step('a forged message gets 401 and starts no execution', async () => {
		const before = (await settledExecutions(workflow.id)).length;
		const forgedJwt = messengerJwt('not-the-secret', { user_id: customer.user_id, email: customer.email });
		const forged = await sendChat(workflow.webhookUrl, { text: 'Where is my order?', jwt: forgedJwt });
		expect(forged.status).toBe(401);
		// A valid user_hash for one's own user_id does not vouch for someone else's email.
		const borrowedEmail = await sendChat(workflow.webhookUrl, {
			text: 'Where is my order?',
			user: { user_id: 'cust-attacker', email: customer.email },
			userHash: userHash(secrets.identityVerification, 'cust-attacker'),
		});
		expect(borrowedEmail.status).toBe(403);
		expect((await settledExecutions(workflow.id)).length).toBe(before);
		expect(apis!.shop.requests).toHaveLength(0);
	});

	step('answers a verified customer with the picked order fields only', async () => {
		const jwt = messengerJwt(secrets.identityVerification, { user_id: customer.user_id, email: customer.email });
		const answer = await sendChat(workflow.webhookUrl, { text: 'Where is my order?', jwt });
		expect(answer.status).toBe(200);
		expectOnlyPicked(answer.json, answer.text, pickedNames(workflow.template));
		expect(answer.json.answer).toMatchObject({
			Order: ['#1001', '#1002'],
			'Shipping status': ['fulfilled', null],
			'Payment status': ['paid', 'pending'],
		});
		expect(JSON.stringify(answer.json.answer['Tracking number'])).toContain('1Z2345');

		const [request] = apis!.shop.requests;
		expect(request.path).toBe('/admin/api/2025-07/orders.json');
		expect(request.query.get('email')).toBe(customer.email);
		expect(request.query.get('status')).toBe('any');
		expect(request.headers['x-shopify-access-token']).toBe(secrets.shopifyToken);
		const [execution] = await settledExecutions(workflow.id);
		expect(execution.status).toBe('success');
	});

	step('a customer outside the audience gets the "Not matched" branch and no API call', async () => {
		const callsBefore = apis!.shop.requests.length;
		const jwt = messengerJwt(secrets.identityVerification, { sub: 'cust-no-email' });
		const answer = await sendChat(workflow.webhookUrl, { text: 'Where is my order?', jwt });
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ answer: null, actionUsed: false });
		expect(apis!.shop.requests.length).toBe(callsBefore);
		const [latest] = await settledExecutions(workflow.id);
		expect(nodesRun(latest)).toEqual(['Audience Filter', 'Fin Trigger', 'Not In Audience']);
	});
});

describe('Statuspage ongoing incidents (template statuspageIncidents, no credential)', () => {
	let workflow: Deployed;

	step('imports unchanged and activates once the status page URL is filled in', async () => {
		workflow = await deploy('statuspage-incidents.json', (node) => {
			if (node.type === `${packageName}.apiAction`) node.parameters.statuspageIncidents_pageUrl = apis!.status.url;
		});
	});

	step('a forged message gets 401 and starts no execution', async () => {
		const before = (await settledExecutions(workflow.id)).length;
		const forged = await sendChat(workflow.webhookUrl, {
			text: 'Is your API down?',
			user: { user_id: customer.user_id },
			userHash: userHash(secrets.intercomClient, customer.user_id), // the wrong one of the two secrets
		});
		expect(forged.status).toBe(401);
		expect((await settledExecutions(workflow.id)).length).toBe(before);
		expect(apis!.status.requests).toHaveLength(0);
	});

	step('answers a verified customer with the picked incident fields only', async () => {
		const answer = await sendChat(workflow.webhookUrl, {
			text: 'Is your API down?',
			user: { user_id: customer.user_id, email: customer.email },
			userHash: userHash(secrets.identityVerification, customer.user_id),
		});
		expect(answer.status).toBe(200);
		expectOnlyPicked(answer.json, answer.text, pickedNames(workflow.template));
		expect(answer.json.answer).toMatchObject({
			Incident: ['Elevated API error rates in EU region'],
			Status: ['identified'],
			Impact: ['major'],
			'Latest update': ['We have identified a faulty load balancer in the EU region and are rolling out a fix.'],
			Details: ['http://stspg.io/p31zjtct2jer'],
		});
		expect(apis!.status.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v2/incidents/unresolved.json']);
		const [execution] = await settledExecutions(workflow.id);
		expect(execution.status).toBe('success');
	});
});
