// Every single-action workflow template, set up in real n8n 2.40.7 by following only its sticky
// notes: the test reads the notes' `- **Label**: value` steps, creates the credential they name with
// exactly those settings (looked up by label in n8n's own credential description), types exactly the
// API Action values they give (an address pointed at a loopback server instead of the vendor's),
// activates, and sends what the notes say the Messenger backend sends. Each template must then
// answer grouped (API Action / Response Field Picker 1.1), with the signed attribute where the
// vendor's API expects it and the vendor's documented authentication; a copy saved with version 1
// keeps its flat answer.
import { secrets } from '../../real-n8n/apis';
import { messengerJwt, sendChat, userHash } from '../../real-n8n/chat';
import { customer, unpickedMarkers } from '../../real-n8n/fixtures';
import {
	githubIssues,
	hubspotTicketSearch,
	jiraSearch,
	stripeSubscriptions,
	vendorCustomer,
	vendorUnpickedMarkers,
	zendeskSearch,
} from '../../real-n8n/fixtures-vendors';
import { startModelServer, toolResults, type ModelServer } from '../../real-n8n/model-server';
import { readNoteSteps, type NoteSetting } from '../../real-n8n/templates';
import {
	startLoopbackServer,
	type LoopbackServer,
	type ReceivedRequest,
} from '../../engine/testing';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import {
	findNode,
	importUnchanged,
	isNode,
	readTemplate,
	settledExecutions,
	waitForWebhook,
	webhookUrl,
} from './support/workflows';

const session = new E2eSession('template notes');
const { step } = session;

const VENDOR = {
	stripe: 'rk_test_e2eStripeRestrictedKey0123456789',
	zendesk: 'e2e-zendesk-api-token-0123456789',
	jira: 'e2e-atlassian-api-token-0123456789',
	github: 'github_pat_e2e0123456789abcdefghij',
	hubspot: 'pat-na1-e2e01234-5678-9abc-def0-123456789abc',
	agentEmail: 'agent@example.com',
};
const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const denied = { status: 401, body: { error: 'unauthorized' } };

let servers: Record<string, LoopbackServer> = {};
let model: ModelServer;

beforeAll(async () => {
	await session.open();
	// The model of the AI Agent template: calls the Shopify tool, then answers from its result.
	model = await startModelServer({
		notes: (messages) =>
			messages.some((message) => message.role === 'tool')
				? { text: 'Your order #1001 has shipped.' }
				: { tools: [{ name: 'Shopify_order_status', args: {} }] },
	});
	servers = {
		stripe: await startLoopbackServer({
			'GET /v1/subscriptions': (request: ReceivedRequest) =>
				request.headers.authorization === `Bearer ${VENDOR.stripe}`
					? { body: stripeSubscriptions(request.query.get('customer') ?? '') }
					: denied,
		}),
		zendesk: await startLoopbackServer({
			'GET /api/v2/search.json': (request: ReceivedRequest) =>
				request.headers.authorization === basic(`${VENDOR.agentEmail}/token`, VENDOR.zendesk)
					? { body: zendeskSearch() }
					: denied,
		}),
		jira: await startLoopbackServer({
			'GET /rest/api/3/search/jql': (request: ReceivedRequest) =>
				request.headers.authorization === basic(VENDOR.agentEmail, VENDOR.jira)
					? { body: jiraSearch(vendorCustomer.atlassian_account_id) }
					: denied,
		}),
		github: await startLoopbackServer({
			'*': (request: ReceivedRequest) =>
				request.headers.authorization === `Bearer ${VENDOR.github}` &&
				/^\/repos\/[^/]+\/[^/]+\/issues$/.test(request.path)
					? { body: githubIssues(request.query.get('creator') ?? '') }
					: denied,
		}),
		hubspot: await startLoopbackServer({
			'POST /crm/v3/objects/tickets/search': (request: ReceivedRequest) => {
				if (request.headers.authorization !== `Bearer ${VENDOR.hubspot}`) return denied;
				const filters = (request.json as any)?.filterGroups?.[0]?.filters ?? [];
				const contact = filters.find((f: any) => f.propertyName === 'associations.contact');
				return {
					body: hubspotTicketSearch(String(contact?.value), vendorCustomer.hubspot_contact_id),
				};
			},
		}),
	};
}, SESSION_TIMEOUT);
afterAll(async () => {
	await Promise.all([...Object.values(servers), model?.server].map((server) => server?.close()));
	await session.close();
}, 60000);

/** Each template: the loopback server that answers for its API, and the user's own values (secrets, accounts) its notes ask for. */
function setups(): Record<string, { server: LoopbackServer; own: Record<string, string> }> {
	const { apis } = session.value;
	return {
		'stripe-subscription.json': { server: servers.stripe, own: { Token: VENDOR.stripe } },
		'zendesk-open-tickets.json': {
			server: servers.zendesk,
			own: { Token: VENDOR.zendesk, User: `${VENDOR.agentEmail}/token` },
		},
		'jira-request-status.json': {
			server: servers.jira,
			own: { Token: VENDOR.jira, User: VENDOR.agentEmail },
		},
		'github-issues.json': { server: servers.github, own: { Token: VENDOR.github } },
		'hubspot-open-tickets.json': { server: servers.hubspot, own: { Token: VENDOR.hubspot } },
		'shopify-order-status.json': { server: apis.shop, own: { Token: secrets.shopifyToken } },
		'statuspage-incidents.json': { server: apis.status, own: {} },
		'electricity-usage.json': {
			server: apis.utility,
			own: {
				'Client ID': secrets.utilityClientId,
				'Client Secret': secrets.utilityClientSecret,
			},
		},
		'ai-agent-order-status-and-incidents.json': {
			server: apis.shop,
			own: { Token: secrets.shopifyToken, 'API Key': 'sk-e2e-scripted-model' },
		},
	};
}

/** The loopback server standing in for a vendor's address as the notes give it. */
function loopbackFor(address: string): LoopbackServer {
	const { apis } = session.value;
	const host = new URL(address).hostname;
	const byHost: Array<[RegExp, LoopbackServer]> = [
		[/stripe\.com$/, servers.stripe],
		[/zendesk\.com$/, servers.zendesk],
		[/atlassian\.net$/, servers.jira],
		[/github\.com$/, servers.github],
		[/hubapi\.com$/, servers.hubspot],
		[/myshopify\.com$/, apis.shop],
		[/statuspage\.io$/, apis.status],
		[/your-utility\.com$/, apis.utility],
		[/openai\.com$/, model.server],
	];
	const found = byHost.find(([pattern]) => pattern.test(host));
	if (!found) throw new Error(`The notes give an address the test has no stand-in for: ${address}`);
	return found[1];
}

const OWN_MESSENGER = { 'Identity Verification Secret': secrets.identityVerification };

/** A value as the user types it: their own for a description, the note's literal otherwise, with the vendor's address replaced by the loopback server's. */
function typed(setting: NoteSetting, own: Record<string, string>): string {
	if (setting.literal === undefined) {
		const value = own[setting.name];
		if (value === undefined)
			throw new Error(
				`The notes ask for "${setting.name}" (${setting.own}): the test has no value for it`,
			);
		return value;
	}
	if (setting.name === 'Allowed Domain') return '127.0.0.1';
	return setting.literal.replace(/^https?:\/\/[^/]+/, (origin) => loopbackFor(origin).url);
}

/** The credential data for the note's settings, each label mapped to its property as n8n describes the type. */
async function credentialFromNotes(
	typeName: string,
	settings: NoteSetting[],
	own: Record<string, string>,
): Promise<{ type: string; id: string; name: string }> {
	const { api } = session.value;
	const types = (await api.rest('GET', '/types/credentials.json')).json as any[];
	const type = types.find((candidate) => candidate.displayName === typeName);
	if (!type) throw new Error(`The notes name a credential type "${typeName}" n8n does not know`);
	const data: Record<string, unknown> = {};
	for (const setting of settings) {
		const property = type.properties.find(
			(candidate: any) => candidate.displayName === setting.name,
		);
		if (!property)
			throw new Error(`The notes name "${setting.name}", which ${typeName} does not have`);
		const value = typed(setting, own);
		if (property.type === 'options') {
			const option = property.options.find((candidate: any) => candidate.name === value);
			if (!option) throw new Error(`${typeName} has no "${value}" for "${setting.name}"`);
			data[property.name] = option.value;
		} else data[property.name] = value;
	}
	const created = await api.createCredential(
		type.name,
		`${typeName} from notes ${Date.now()}`,
		data,
	);
	return { type: type.name, ...created };
}

interface Deployed {
	workflow: any;
	id: string;
	url: string;
	server: LoopbackServer;
	send: (text: string) => ReturnType<typeof sendChat>;
}

/** The workflows set up from their notes, by file. */
const followed = new Map<string, Deployed>();

/** Imports the file unchanged, fills in only what its notes say, activates. `change` edits the file first (e.g. a saved v1 copy). */
async function followNotes(file: string, change?: (workflow: any) => void): Promise<Deployed> {
	const { api, n8n } = session.value;
	const { server, own } = setups()[file];
	const workflow = readTemplate(file);
	change?.(workflow);
	const steps = readNoteSteps(workflow);
	const stored = await importUnchanged(api, workflow);

	const messenger = await credentialFromNotes('Fin Messenger API', steps.messenger, OWN_MESSENGER);
	const nodes = structuredClone(stored.nodes);
	const filled = new Set<string>();
	for (const node of nodes) {
		if (isNode(node, 'finTrigger'))
			node.credentials = { [messenger.type]: { id: messenger.id, name: messenger.name } };
		const nodeSteps = steps.nodes[node.name];
		if (!nodeSteps) continue;
		filled.add(node.name);
		for (const input of nodeSteps.inputs)
			node.parameters[parameterOf(node, input.name)] = typed(input, own);
		const wanted = nodeSteps.credential;
		if (!wanted) continue;
		const credential = await credentialFromNotes(wanted.typeName, wanted.settings, own);
		node.credentials = { [credential.type]: { id: credential.id, name: credential.name } };
	}
	// Every note titled "<node>: fill in" names a node of the workflow.
	expect(Object.keys(steps.nodes).sort()).toEqual([...filled].sort());
	await api.apiOk('PUT', `/workflows/${stored.id}`, {
		name: stored.name,
		nodes,
		connections: stored.connections,
		settings: stored.settings,
	});
	expect((await api.apiOk('POST', `/workflows/${stored.id}/activate`)).active).toBe(true);
	const url = webhookUrl(n8n.url, workflow);
	await waitForWebhook(url);

	const person: Record<string, unknown> = { ...customer, ...vendorCustomer, meter_type: 'smart' };
	const pick = (names: string[]) => Object.fromEntries(names.map((name) => [name, person[name]]));
	const send = (text: string) =>
		steps.jwtClaims
			? sendChat(url, {
					text,
					jwt: messengerJwt(secrets.identityVerification, pick(steps.jwtClaims)),
				})
			: sendChat(url, {
					text,
					user: pick(steps.userAttributes ?? []),
					userHash: userHash(secrets.identityVerification, String(person.user_id)),
				});
	const deployed = { workflow, id: stored.id, url, server, send };
	if (!change) followed.set(file, deployed);
	return deployed;
}

/** The API Action parameter a note's label stands for: a template field by its display name, or the custom URL. */
function parameterOf(node: any, label: string): string {
	if (!isNode(node, 'apiAction') && !isNode(node, 'apiActionTool'))
		throw new Error(
			`The notes ask for "${label}" on ${node.name}: the test fills API Action values only`,
		);
	if (label === 'URL') return 'url';
	const template = node.parameters.template;
	const action = readTemplate('../actions/' + fileOfTemplate(template));
	const field = action.fields.find((candidate: any) => candidate.displayName === label);
	if (!field)
		throw new Error(`The notes name "${label}", which template ${template} does not have`);
	return `${template}_${field.name}`;
}

const fileOfTemplate = (id: string) =>
	`${id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.json`;

async function expectAnswered(deployed: Deployed, text: string) {
	const before = deployed.server.requests.length;
	const answer = await deployed.send(text);
	expect({ status: answer.status, body: answer.json }).toEqual({
		status: 200,
		body: expect.objectContaining({ actionUsed: true }),
	});
	for (const marker of [...unpickedMarkers, ...vendorUnpickedMarkers])
		expect(answer.text).not.toContain(marker);
	const vendorSecrets = Object.values(VENDOR).filter((value) => value !== VENDOR.agentEmail);
	for (const secret of [...vendorSecrets, secrets.shopifyToken])
		expect(answer.text).not.toContain(secret);
	const requests = deployed.server.requests
		.slice(before)
		.filter((request) => request.path !== '/oauth/token');
	expect(requests).toHaveLength(1);
	const [execution] = await settledExecutions(session.value.api, deployed.id);
	expect(execution.status).toBe('success');
	return { answer: answer.json.answer, request: requests[0] };
}

// ---------------------------------------------------------------------------------------------

step('every note says how to activate and where the Messenger backend sends', async () => {
	for (const file of Object.keys(setups())) {
		const steps = readNoteSteps(readTemplate(file));
		expect({ file, publish: /\*\*Publish\*\*/.test(steps.text) }).toEqual({ file, publish: true });
		expect({ file, url: steps.text.includes('**Production URL**') }).toEqual({ file, url: true });
		expect({ file, says: Boolean(steps.jwtClaims ?? steps.userAttributes) }).toEqual({
			file,
			says: true,
		});
	}
});

step(
	'Stripe: the signed customer id in ?customer=, the restricted key as Bearer, grouped',
	async () => {
		const { answer, request } = await expectAnswered(
			await followNotes('stripe-subscription.json'),
			'When is my next invoice?',
		);
		expect(request.query.get('customer')).toBe(vendorCustomer.stripe_customer_id);
		expect(request.headers.authorization).toBe(`Bearer ${VENDOR.stripe}`);
		expect(answer).toEqual({
			data: [
				{
					Status: 'active',
					data: [
						{
							Plan: 'Pro monthly',
							'Next invoice amount': '€49.00',
							'Next invoice date': '2 Dec 2026',
						},
					],
					'Ends at period end': false,
				},
			],
		});
	},
);

step(
	'Zendesk: the signed email in the search query, API token as Basic email/token, grouped',
	async () => {
		const { answer, request } = await expectAnswered(
			await followNotes('zendesk-open-tickets.json'),
			'What about my tickets?',
		);
		expect(request.query.get('query')).toBe(
			`type:ticket status<solved requester:${vendorCustomer.email}`,
		);
		expect(request.headers.authorization).toBe(basic(`${VENDOR.agentEmail}/token`, VENDOR.zendesk));
		expect(answer).toEqual({
			results: [
				{
					Ticket: 35436,
					Subject: 'Invoice shows the wrong VAT number',
					Status: 'open',
					'Last update': '29 Nov 2026',
				},
				{
					Ticket: 35412,
					Subject: 'Export to CSV times out',
					Status: 'pending',
					'Last update': '27 Nov 2026',
				},
			],
		});
	},
);

step(
	'Jira: the signed account id in the JQL, API token as Basic email:token, grouped',
	async () => {
		const { answer, request } = await expectAnswered(
			await followNotes('jira-request-status.json'),
			'Is my request done?',
		);
		expect(request.query.get('jql')).toBe(
			`project = SUP AND reporter = "${vendorCustomer.atlassian_account_id}" ORDER BY updated DESC`,
		);
		expect(request.headers.authorization).toBe(basic(VENDOR.agentEmail, VENDOR.jira));
		expect(answer).toEqual({
			issues: [
				{
					Request: 'SUP-42',
					Summary: 'Cannot log in after password reset',
					Status: 'Waiting for support',
					'Last update': '28 Nov 2026',
				},
				{
					Request: 'SUP-37',
					Summary: 'Request a new invoice address',
					Status: 'Resolved',
					'Last update': '28 Nov 2026',
				},
			],
		});
	},
);

step(
	'GitHub: the signed login in ?creator=, token as Bearer with the API version header, grouped',
	async () => {
		const { answer, request } = await expectAnswered(
			await followNotes('github-issues.json'),
			'Any news on my bug report?',
		);
		expect(request.path).toBe('/repos/your-org/your-repo/issues');
		expect(request.query.get('creator')).toBe(vendorCustomer.github_login);
		expect(request.headers.authorization).toBe(`Bearer ${VENDOR.github}`);
		expect(request.headers['x-github-api-version']).toBe('2022-11-28');
		expect(answer).toEqual({
			response: [
				{
					Issue: 1347,
					Title: 'Export fails for files over 2 GB',
					State: 'open',
					Link: 'https://github.com/your-org/your-repo/issues/1347',
				},
				{
					Issue: 1290,
					Title: 'Dark mode resets after update',
					State: 'closed',
					Link: 'https://github.com/your-org/your-repo/issues/1290',
				},
			],
		});
	},
);

step(
	'HubSpot: the signed contact id in the search body (a POST sent without Allow Writes), private app token as Bearer, grouped',
	async () => {
		const { answer, request } = await expectAnswered(
			await followNotes('hubspot-open-tickets.json'),
			'Are my tickets still open?',
		);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/crm/v3/objects/tickets/search');
		expect(request.headers.authorization).toBe(`Bearer ${VENDOR.hubspot}`);
		expect((request.json as any).filterGroups).toEqual([
			{
				filters: [
					{
						propertyName: 'associations.contact',
						operator: 'EQ',
						value: vendorCustomer.hubspot_contact_id,
					},
					{ propertyName: 'closed_date', operator: 'NOT_HAS_PROPERTY' },
				],
			},
		]);
		expect(answer).toEqual({
			results: [
				{
					Ticket: '31702',
					Subject: 'Invoice PDF is empty',
					Stage: '2',
					'Last update': '29 Nov 2026',
				},
				{
					Ticket: '31655',
					Subject: 'Cannot add a second admin',
					Stage: '3',
					'Last update': '26 Nov 2026',
				},
			],
		});
	},
);

step(
	'Shopify: one object per order (no parallel lists), the token in X-Shopify-Access-Token',
	async () => {
		const { answer, request } = await expectAnswered(
			await followNotes('shopify-order-status.json'),
			'Where is my order?',
		);
		expect(request.query.get('email')).toBe(customer.email);
		expect(request.headers['x-shopify-access-token']).toBe(secrets.shopifyToken);
		expect(answer.orders.map((order: any) => order.Order)).toEqual(['#1001', '#1002']);
		expect(answer.orders[0]).toMatchObject({
			'Shipping status': 'fulfilled',
			'Payment status': 'paid',
		});
		expect(JSON.stringify(answer.orders[0].fulfillments)).toContain('1Z2345');
	},
);

step('Statuspage and the electricity usage answer by following their notes too', async () => {
	const status = await expectAnswered(
		await followNotes('statuspage-incidents.json'),
		'Is it down?',
	);
	expect(status.answer.incidents[0]).toMatchObject({
		Incident: 'Elevated API error rates in EU region',
	});
	const usage = await expectAnswered(await followNotes('electricity-usage.json'), 'My usage?');
	expect(usage.request.path).toBe(`/customers/${customer.user_id}/usage`);
	expect(usage.answer).toMatchObject({ Tariff: 'Green Flex 24' });
});

step(
	'an unsigned identifier is refused before any vendor call (user_hash of user_id, identifier unsigned)',
	async () => {
		const identifiers: Record<string, string> = {
			'stripe-subscription.json': 'stripe_customer_id',
			'zendesk-open-tickets.json': 'email',
			'jira-request-status.json': 'atlassian_account_id',
			'github-issues.json': 'github_login',
			'hubspot-open-tickets.json': 'hubspot_contact_id',
		};
		for (const [file, attribute] of Object.entries(identifiers)) {
			const deployed = followed.get(file)!;
			const before = deployed.server.requests.length;
			// A valid user_hash for the attacker's own user_id, with the victim's identifier beside it.
			const attacker = {
				user_id: 'cust-attacker',
				[attribute]: (vendorCustomer as any)[attribute],
			};
			const answer = await sendChat(deployed.url, {
				text: 'Show me my data',
				user: attacker,
				userHash: userHash(secrets.identityVerification, attacker.user_id),
			});
			expect({ file, status: answer.status }).toEqual({ file, status: 403 });
			expect({ file, calls: deployed.server.requests.length }).toEqual({ file, calls: before });
		}
	},
);

step('a copy saved with version 1 (before 1.1) keeps its flat answer', async () => {
	const deployed = await followNotes('stripe-subscription.json', (workflow) => {
		workflow.name += ' (saved v1)';
		for (const node of workflow.nodes)
			if (isNode(node, 'apiAction') || isNode(node, 'responseFieldPicker')) node.typeVersion = 1;
		expect(findNode(workflow, 'apiAction').typeVersion).toBe(1);
	});
	const { answer } = await expectAnswered(deployed, 'Which plan am I on?');
	expect(answer).toMatchObject({ Status: ['active'], Plan: ['Pro monthly'] });
});

step('the AI Agent template answers through its Shopify tool by following its notes', async () => {
	const deployed = await followNotes('ai-agent-order-status-and-incidents.json');
	const before = deployed.server.requests.length;
	const answer = await deployed.send('SCENARIO:notes Where is my order?');
	// Fin Agent Reply: the reply, and which actions were available, called and used in it.
	expect({ status: answer.status, body: answer.json }).toMatchObject({
		status: 200,
		body: {
			reply: 'Your order #1001 has shipped.',
			actions: { called: [{ action: 'Shopify order status', outcome: 'succeeded' }] },
		},
	});
	const [request] = deployed.server.requests.slice(before);
	expect(request.query.get('email')).toBe(customer.email);
	expect(request.headers['x-shopify-access-token']).toBe(secrets.shopifyToken);
	// The tool answered grouped (1.1): one object per order.
	const messages = (model.requestsOf('notes').at(-1)?.json as any).messages;
	const [[result]] = toolResults(messages) as any[];
	expect(result.answer.orders.map((order: any) => order.Order)).toEqual(['#1001', '#1002']);
});
