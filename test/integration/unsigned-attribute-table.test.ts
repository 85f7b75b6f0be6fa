// Mirrors the table "What an unsigned attribute can and cannot do" (docs/trust.md): the rows below are read
// against it (same first column, in the same order), and each row runs through the engine
// and reports what actually happened, which must be the table's bold word.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { runWorkflow, type WorkflowJson } from '../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../engine/single-node-workflow';
import { startWebhookHost } from '../../engine/webhook-host';
import {
	CREDENTIALS,
	finWorkflow,
	hubSignature,
	post,
	userHash,
	waitForRuns,
} from '../fixtures/fin-trigger';

type Result = 'refused' | 'allowed' | 'never';

/** A verified user_hash customer: only user.user_id is signed; email and plan are the caller's word. */
const customer = (identity: IDataObject = {}): IDataObject => ({
	message: { id: 'm1', text: 'Where is my order?', createdAt: '2026-01-01T00:00:00.000Z' },
	user: { user_id: 'u-1', email: 'victim@example.com', plan: 'pro' },
	company: {},
	conversation: { id: 'c1' },
	identity: {
		verified: true,
		method: 'user_hash',
		kind: 'user',
		signed: ['user.user_id'],
		...identity,
	},
	source: 'messenger',
});

let api: LoopbackServer;

async function apiAction(parameters: IDataObject): Promise<Result> {
	api.requests.splice(0);
	const result = await runWorkflow(
		afterFinTrigger(singleNodeWorkflow('API Action', 'apiAction', parameters)),
		{ input: [customer()], mode: 'webhook' },
	);
	const error = result.errors['API Action'];
	if (error) {
		expect(api.requests).toHaveLength(0);
		expect(error.message).toMatch(/Unverified Attributes Allowed|Customer-Specific/);
		return 'refused';
	}
	expect(api.requests).toHaveLength(1);
	return 'allowed';
}

async function audience(parameters: IDataObject, item: IDataObject): Promise<Result> {
	const result = await runWorkflow(
		afterFinTrigger(singleNodeWorkflow('Audience Filter', 'audienceFilter', parameters)),
		{ input: [item], mode: 'webhook' },
	);
	const [matched] = result.outputs['Audience Filter'];
	return matched.length > 0 ? 'allowed' : 'never';
}

async function trigger(parameters: IDataObject): Promise<{ status: number; item?: IDataObject }> {
	const host = await startWebhookHost({
		workflow: finWorkflow(parameters, { personalize: false }),
		credentials: structuredClone(CREDENTIALS),
	});
	try {
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: { user_id: 'u-1', email: 'victim@example.com' },
			user_hash: userHash('u-1'),
		});
		return { status: reply.status, item: host.runs[0]?.outputs['Fin Trigger'][0][0].json };
	} finally {
		await host.close();
	}
}

/** A signed `conversation.user.replied` whose newest part the attacker wrote; the victim is contacts[0]. */
async function intercomReplyAuthor(): Promise<Result> {
	const victim = { type: 'contact', id: 'c-victim', external_id: 'victim-1', role: 'user' };
	const attacker = { type: 'contact', id: 'c-attacker', external_id: 'attacker-1', role: 'user' };
	const raw = JSON.stringify({
		type: 'notification_event',
		id: 'notif-table-1',
		topic: 'conversation.user.replied',
		created_at: Math.floor(Date.now() / 1000),
		data: {
			item: {
				type: 'conversation',
				id: '77',
				source: {
					type: 'conversation',
					id: 's',
					body: '<p>Hi</p>',
					author: { type: 'user', id: victim.id },
				},
				contacts: { type: 'contact.list', contacts: [victim, attacker] },
				conversation_parts: {
					conversation_parts: [
						{
							id: 'p-2',
							part_type: 'comment',
							body: '<p>How much did I use?</p>',
							created_at: Math.floor(Date.now() / 1000),
							author: { type: 'user', id: attacker.id },
						},
					],
				},
			},
		},
	});
	const host = await startWebhookHost({
		workflow: finWorkflow({ source: 'intercomWebhook' }, { personalize: false }),
		credentials: structuredClone(CREDENTIALS),
	});
	try {
		await post(host.url, raw, { 'x-hub-signature': hubSignature(raw) });
		// The notification was accepted and ran: it is who the item names that matters.
		expect(host.runs).toHaveLength(1);
		const user = host.runs[0].outputs['Fin Trigger'][0][0].json.user as IDataObject;
		if (user.user_id === 'victim-1') return 'allowed';
		expect(user.user_id).toBe('attacker-1');
		return 'never';
	} finally {
		await host.close();
	}
}

/** `{}` posted to the test address while the editor listens: does the caller get the test customer? */
async function testAddressCall(): Promise<Result> {
	const host = await startWebhookHost({
		workflow: finWorkflow({}, { personalize: false }),
		credentials: structuredClone(CREDENTIALS),
		mode: 'manual',
	});
	try {
		const reply = await post(host.url, {});
		await waitForRuns(host);
		const item = host.runs[0].outputs['Fin Trigger'][0][0].json;
		const email = String((item.user as IDataObject).email);
		return reply.text.includes(email) ? 'allowed' : 'never';
	} finally {
		await host.close();
	}
}

/** n8n's Edit Fields handing an API Action an item whose identity it wrote itself. */
async function identityFromAnotherNode(): Promise<Result> {
	api.requests.splice(0);
	const editFields = {
		id: 'set',
		name: 'Edit Fields',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [0, 0],
		parameters: { mode: 'manual', includeOtherFields: true, assignments: { assignments: [] } },
	};
	const action = singleNodeWorkflow('API Action', 'apiAction', {
		url: `${api.url}/orders?email={{user.email}}`,
	}).nodes[0];
	const result = await runWorkflow(
		{
			nodes: [editFields, action],
			connections: { 'Edit Fields': { main: [[{ node: 'API Action', type: 'main', index: 0 }]] } },
		} as unknown as WorkflowJson,
		{ input: [customer({ signed: ['user.user_id', 'user.email'] })], mode: 'webhook' },
	);
	const error = result.errors['API Action'];
	if (!error) return 'allowed';
	expect(api.requests).toHaveLength(0);
	expect(error.message).toMatch(/did not come from this execution's Fin Trigger/);
	return 'refused';
}

/** A verified claim nobody declared secret, sent in a header. */
async function claimInHeader(): Promise<Result> {
	api.requests.splice(0);
	const result = await runWorkflow(
		afterFinTrigger(
			singleNodeWorkflow('API Action', 'apiAction', {
				url: `${api.url}/customers/{{user.user_id}}`,
				headerParameters: {
					parameters: [{ name: 'X-Api-Token', value: '{{identity.claims.api_token}}' }],
				},
			}),
		),
		{
			input: [
				customer({ signed: ['user.user_id', 'identity.claims'], claims: { api_token: 'tok-1' } }),
			],
			mode: 'webhook',
		},
	);
	const error = result.errors['API Action'];
	if (!error) return 'allowed';
	expect(api.requests).toHaveLength(0);
	expect(error.message).toMatch(/"JWT Secret Claims"/);
	return 'refused';
}

const ROWS: Array<[string, () => Promise<Result>]> = [
	[
		'is read by an API Action placeholder',
		() => apiAction({ url: `${api.url}/customers/{{user.user_id}}?email={{user.email}}` }),
	],
	[
		`is listed under the API Action's "Unverified Attributes Allowed", next to a signed attribute`,
		() =>
			apiAction({
				url: `${api.url}/customers/{{user.user_id}}?plan={{user.plan}}`,
				unverifiedAttributes: 'plan',
			}),
	],
	[
		'is the only attribute of a customer-specific request, even when allowed',
		() =>
			apiAction({ url: `${api.url}/orders?email={{user.email}}`, unverifiedAttributes: 'email' }),
	],
	[
		"falls back to the placeholder's default because it is missing",
		() => apiAction({ url: `${api.url}/customers/{{user.user_id}}?tier={{user.tier|free}}` }),
	],
	[
		'is absent from a request that is not customer-specific ("Customer-Specific" off, the Statuspage template)',
		() => apiAction({ url: `${api.url}/status`, customerSpecific: false }),
	],
	[
		'matches an Audience Filter test account',
		() => audience({ status: 'testing', testAccounts: 'victim@example.com' }, customer()),
	],
	[
		'makes a lead or visitor pass an action for verified users',
		() =>
			audience(
				{},
				customer({ verified: false, method: 'intercom_signature', kind: 'lead', signed: [] }),
			),
	],
	[
		'is set in the body when listed under Protected Attributes',
		async () => {
			const reply = await trigger({ protectedAttributes: 'email' });
			return reply.status === 403 ? 'refused' : 'allowed';
		},
	],
	[
		'decides an Audience Filter rule or the rollout bucket',
		() =>
			audience(
				{
					ruleGroups: {
						group: [
							{
								rules: {
									rule: [{ attribute: 'user.email', operator: 'endsWith', value: '@example.com' }],
								},
							},
						],
					},
					rolloutPercentage: 100,
				},
				customer(),
			),
	],
	[
		'reaches later nodes in the item',
		async () => {
			const { item } = await trigger({});
			const identity = item?.identity as IDataObject;
			expect(identity.signed).toEqual(['user.user_id']);
			return (item?.user as IDataObject).email === 'victim@example.com' ? 'allowed' : 'never';
		},
	],
	[
		'is the author of an Intercom reply in a conversation whose first contact is someone else',
		intercomReplyAuthor,
	],
	['is a call to the test address without proof (an empty body or `{}`)', testAddressCall],
	[
		'is an `identity` written by another node (a Webhook node followed by Edit Fields)',
		identityFromAnotherNode,
	],
	['is a JWT claim sent in a header without being listed under "JWT Secret Claims"', claimInHeader],
];

/** The table's rows in docs/trust.md: [first column, bold word of the second]. */
function readmeRows(): Array<[string, string]> {
	const readme = readFileSync(join(__dirname, '../../docs/trust.md'), 'utf8');
	const section = readme.split('## What an unsigned attribute can and cannot do')[1];
	const table = section.split('\n\n').find((block) => block.startsWith('| An unsigned'))!;
	return table
		.split('\n')
		.slice(2)
		.map((line) => line.split(' | '))
		.map(([first, second]) => [
			first.replace(/^\|\s*/, '').trim(),
			/\*\*(\w+)\*\*/.exec(second)![1],
		]);
}

describe('README: what an unsigned attribute can and cannot do', () => {
	beforeAll(async () => {
		api = await startLoopbackServer({ '*': { body: { ok: true } } });
	});
	afterAll(async () => api.close());

	it('has exactly the rows tested here', () => {
		expect(readmeRows().map(([row]) => row)).toEqual(ROWS.map(([row]) => row));
	});

	it.each(ROWS.map(([row, check], index) => [row, check, index] as const))(
		'%s',
		async (_row, check, index) => {
			expect(await check()).toBe(readmeRows()[index][1]);
		},
	);
});
