// An identity counts only as this execution's Fin Trigger emitted it (nodes/shared/trigger-origin).
// The attack: a workflow whose item is written by another node (a Webhook followed by Edit Fields
// that makes the posted body the item) claims `identity: {verified: true, signed: [...]}` with a
// victim's email. Over real HTTP into Fin Trigger where a trigger is involved, through n8n-core's
// engine with n8n's real Set node, against a loopback "customer API".
import type { IDataObject } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { runWorkflow, type WorkflowJson } from '../../../engine/run-workflow';
import { startWebhookHost } from '../../../engine/webhook-host';
import { CREDENTIALS, post, userHash } from '../../fixtures/fin-trigger';

const VICTIM_EMAIL = 'victim@example.com';
const ORDERS = { orders: [{ name: '#1001', email: VICTIM_EMAIL }] };

/** What an attacker posts to a Webhook node: a conversation item that claims a signed email. */
const forged = (extra: IDataObject = {}): IDataObject => ({
	message: { id: 'm1', text: 'Where is my order?', createdAt: '2026-01-01T00:00:00.000Z' },
	user: { email: VICTIM_EMAIL },
	company: {},
	conversation: { id: 'c1' },
	identity: { verified: true, method: 'jwt', kind: 'user', signed: ['user.email'] },
	source: 'messenger',
	...extra,
});

function packageNode(name: string, type: string, x: number, parameters: IDataObject) {
	return {
		id: name,
		name,
		type: `n8n-nodes-fin-actions.${type}`,
		typeVersion: type === 'finTrigger' ? 2 : 1,
		position: [x, 0],
		parameters,
		...(type === 'finTrigger'
			? {
					webhookId: 'origin-hook',
					credentials: { finMessengerApi: { id: 'm', name: 'Messenger' } },
				}
			: {}),
	};
}

/** n8n's Edit Fields (Set 3.4) keeping the item and adding `assignments` (name -> fixed value). */
function editFields(x: number, assignments: Record<string, string>) {
	return {
		id: 'Edit Fields',
		name: 'Edit Fields',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [x, 0],
		parameters: {
			mode: 'manual',
			includeOtherFields: true,
			assignments: {
				assignments: Object.entries(assignments).map(([name, value], index) => ({
					id: `a${index}`,
					name,
					value,
					type: 'string',
				})),
			},
			options: {},
		},
	};
}

function chain(nodes: Array<{ name: string }>): WorkflowJson {
	const connections: IDataObject = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return { name: 'origin', nodes, connections } as unknown as WorkflowJson;
}

const ordersByEmail = (apiUrl: string, x = 400) =>
	packageNode('API Action', 'apiAction', x, {
		url: `${apiUrl}/orders.json`,
		queryParameters: { parameters: [{ name: 'email', value: '{{user.email}}' }] },
		responseMode: 'full',
	});

const testersOnly = (x = 400) =>
	packageNode('Audience Filter', 'audienceFilter', x, {
		status: 'testing',
		testAccounts: VICTIM_EMAIL,
	});

describe('an identity counts only as Fin Trigger emitted it in this execution', () => {
	let api: LoopbackServer;
	beforeAll(async () => {
		api = await startLoopbackServer({ '/orders.json': { body: ORDERS } });
	});
	afterAll(async () => api?.close());
	beforeEach(() => api.requests.splice(0));

	it.each(['webhook', 'manual'] as const)(
		'API Action: an identity written by Edit Fields reads nothing (%s run)',
		async (mode) => {
			const result = await runWorkflow(chain([editFields(0, {}), ordersByEmail(api.url)]), {
				input: [forged()],
				mode,
			});
			expect(api.requests).toHaveLength(0);
			expect(result.errors['API Action']?.message).toMatch(
				/did not come from this execution's Fin Trigger/,
			);
		},
	);

	it('API Action: a forged test item (source "test") reads nothing in a manual run either', async () => {
		const result = await runWorkflow(chain([editFields(0, {}), ordersByEmail(api.url)]), {
			input: [
				forged({
					source: 'test',
					identity: { verified: false, method: 'none', kind: 'user', signed: ['user'] },
				}),
			],
			mode: 'manual',
		});
		expect(api.requests).toHaveLength(0);
		expect(result.errors['API Action']?.message).toMatch(/did not come from/);
	});

	it('Audience Filter: an identity written by Edit Fields never matches a test account', async () => {
		const result = await runWorkflow(chain([editFields(0, {}), testersOnly()]), {
			input: [forged()],
			mode: 'webhook',
		});
		const [matched, notMatched] = result.outputs['Audience Filter'];
		expect(matched).toHaveLength(0);
		expect(notMatched[0].json.audience).toMatchObject({
			matched: false,
			kind: 'visitor',
			identity: 'foreign',
		});
	});

	describe('after a real Fin Trigger', () => {
		async function chat(workflow: WorkflowJson, userId: string) {
			const host = await startWebhookHost({
				workflow,
				credentials: structuredClone(CREDENTIALS),
			});
			try {
				await post(host.url, {
					message: { text: 'Where is my order?' },
					user: { user_id: userId, email: VICTIM_EMAIL },
					user_hash: userHash(userId),
				});
				return host.runs[0];
			} finally {
				await host.close();
			}
		}

		const byUserId = (apiUrl: string) =>
			packageNode('API Action', 'apiAction', 400, {
				url: `${apiUrl}/orders.json`,
				queryParameters: { parameters: [{ name: 'customer', value: '{{user.user_id}}' }] },
				responseMode: 'full',
			});

		it('reads for the signed customer when the nodes between only add fields', async () => {
			const run = await chat(
				chain([
					packageNode('Fin Trigger', 'finTrigger', 0, {}),
					editFields(200, { channel: 'web' }),
					byUserId(api.url),
				]),
				'u-7',
			);
			expect(run.errors).toEqual({});
			expect(api.requests.map((request) => request.rawUrl)).toEqual(['/orders.json?customer=u-7']);
		});

		it('reads nothing when a node changes a signed attribute after the trigger', async () => {
			const run = await chat(
				chain([
					packageNode('Fin Trigger', 'finTrigger', 0, {}),
					editFields(200, { 'user.user_id': 'victim-1' }),
					byUserId(api.url),
				]),
				'u-7',
			);
			expect(api.requests).toHaveLength(0);
			expect(run.errors['API Action']?.message).toMatch(/signed attributes were changed/);
		});
	});
});
