// The API Action as an AI Agent tool keeps its action's audience (rules, test accounts, rollout) at
// every call, decided on the verified customer of this execution's Fin Trigger: outside it, no
// request and an answer telling the model the action is not available. Run through n8n-core's
// WorkflowExecute: Fin Trigger -> a stand-in for the agent that lays the model's arguments on the
// item, as n8n does -> the tool variant of the real API Action class.
import type { IDataObject, INodeType } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { loadPackageNodes, PACKAGE_NAME } from '../../../engine/package-types';
import { runWorkflow, type WorkflowJson } from '../../../engine/run-workflow';
import { toolVariantOf } from '../../../engine/tool-variant';
import { agentStandIn, finTriggerNode } from '../../fixtures/agent-stand-in';
import { conversation } from '../../fixtures/api-action-workflows';

const TOOL = 'Order status';
const apiActionTool = toolVariantOf(
	loadPackageNodes().find((node) => node.description.name === 'apiAction') as INodeType,
);

let server: LoopbackServer;
beforeAll(async () => {
	server = await startLoopbackServer({
		'*': () => ({ body: { orders: [{ name: '#1041', status: 'shipped', internal: 'x' }] } }),
	});
});
afterAll(async () => server.close());

/** What the model sent, laid on top of the agent's input item (a Set node in raw mode, as JSON). */
function workflow(
	audience: IDataObject | undefined,
	modelArguments: IDataObject = {},
): WorkflowJson {
	return {
		name: 'tool audience',
		nodes: [
			finTriggerNode(),
			agentStandIn(modelArguments, true),
			{
				id: 'tool',
				name: TOOL,
				type: `${PACKAGE_NAME}.apiActionTool`,
				typeVersion: 1.1,
				position: [400, 0],
				parameters: {
					actionName: TOOL,
					url: `${server.url}/customers/{{user.user_id}}/orders`,
					fields: { field: [{ pointer: '/orders/*/status', name: 'Status' }] },
					...(audience ? { audience } : {}),
				},
			},
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'AI Agent': { main: [[{ node: TOOL, type: 'main', index: 0 }]] },
		},
	} as WorkflowJson;
}

async function call(
	audience: IDataObject | undefined,
	user: IDataObject = {},
	modelArguments: IDataObject = {},
	run: { item?: IDataObject; mode?: 'webhook' | 'manual' } = {},
) {
	const before = server.requests.length;
	const result = await runWorkflow(workflow(audience, modelArguments), {
		input: [run.item ?? conversation(user)],
		mode: run.mode ?? 'webhook',
		extraNodes: [apiActionTool],
	});
	expect(result.errors).toEqual({});
	return {
		answer: result.outputs[TOOL][0][0].json,
		requests: server.requests.slice(before).map((request) => request.path),
	};
}

const proOnly = {
	ruleGroups: {
		group: [{ rules: { rule: [{ attribute: 'user.plan', operator: 'equals', value: 'pro' }] } }],
	},
};

describe('API Action tool: audience at call time', () => {
	it('without an audience, every verified customer gets the answer', async () => {
		const { answer, requests } = await call(undefined);
		expect(requests).toEqual(['/customers/u-42/orders']);
		expect(answer).toEqual({ answer: { orders: [{ Status: 'shipped' }] } });
	});

	it('a customer inside the rules gets the answer', async () => {
		const { answer, requests } = await call(proOnly, { plan: 'pro' });
		expect(requests).toHaveLength(1);
		expect(answer).toHaveProperty('answer');
	});

	it('a customer outside the rules gets no request; the model is told the action is not available', async () => {
		const { answer, requests } = await call(proOnly, { plan: 'free' });
		expect(requests).toEqual([]);
		expect(answer).toEqual({
			error: expect.stringMatching(/^The action "Order status" is not available to this customer/),
			errorType: 'NotAvailable',
		});
	});

	it("the model's arguments claiming another plan or customer change nothing", async () => {
		const { answer, requests } = await call(
			proOnly,
			{ plan: 'free' },
			{ user: { user_id: 'victim-7', plan: 'pro' }, plan: 'pro' },
		);
		expect(requests).toEqual([]);
		expect(answer.errorType).toBe('NotAvailable');
	});

	it('testing: only the test accounts get it', async () => {
		const testing = { status: 'testing', testAccounts: 'bob.norman@mail.example.com' };
		expect((await call(testing)).requests).toHaveLength(1);
		const other = await call(testing, { email: 'eve@mail.example.com', user_id: 'u-9' });
		expect(other.requests).toEqual([]);
		expect(other.answer.errorType).toBe('NotAvailable');
	});

	it('a rollout of 0 % reaches nobody, 100 % everybody', async () => {
		expect((await call({ rolloutPercentage: 0 })).requests).toEqual([]);
		expect((await call({ rolloutPercentage: 100 })).requests).toHaveLength(1);
	});

	it('rules compare case-insensitively unless Case Sensitive is on', async () => {
		expect((await call(proOnly, { plan: 'PRO' })).requests).toHaveLength(1);
		expect((await call({ ...proOnly, caseSensitive: true }, { plan: 'PRO' })).requests).toEqual([]);
	});

	it("a canvas test run's test customer (source test, manual run) is decided like a verified one", async () => {
		// What Fin Trigger emits for the canvas's test values: signed only in a manual run.
		const testCustomer = conversation(
			{ plan: 'pro' },
			{ source: 'test', identity: { verified: false, method: 'test', signed: ['user'] } },
		);
		const manual = { item: testCustomer, mode: 'manual' as const };
		expect((await call(undefined, {}, {}, manual)).requests).toHaveLength(1);
		expect((await call(proOnly, {}, {}, manual)).requests).toHaveLength(1);
		const free = { ...manual, item: { ...testCustomer, user: { user_id: 'u-42', plan: 'free' } } };
		expect((await call(proOnly, {}, {}, free)).answer.errorType).toBe('NotAvailable');
		// The same item in production is no verified customer: no request.
		expect((await call(undefined, {}, {}, { item: testCustomer })).requests).toEqual([]);
	});
});
