// Mirrors the README table "What an unsigned attribute can and cannot do": the rows below are read
// against the README (same first column, in the same order), and each row runs through the engine
// and reports what actually happened, which must be the table's bold word.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { runWorkflow } from '../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../engine/single-node-workflow';
import { startWebhookHost } from '../../engine/webhook-host';
import { CREDENTIALS, finWorkflow, post, userHash } from '../fin-trigger/helpers';

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
];

/** The README table's rows: [first column, bold word of the second]. */
function readmeRows(): Array<[string, string]> {
	const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
	const section = readme.split('### What an unsigned attribute can and cannot do')[1];
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
