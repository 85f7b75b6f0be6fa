// Fin Agent Reply through n8n-core's WorkflowExecute: Fin Trigger -> a stand-in for n8n's AI Agent
// giving the agent's output as n8n 2.x shapes it (`output`, `intermediateSteps` with each tool's
// name, input and observation) -> Fin Agent Reply, with two real API Action tools attached to the
// agent by ai_tool connections (read, never run here). The agent's own run is proven in real n8n
// (test/real-n8n/fin-agent.e2e.test.ts).
import type { IDataObject, INodeType } from 'n8n-workflow';

import { loadPackageNodes, PACKAGE_NAME } from '../../../engine/package-types';
import { runWorkflow, type WorkflowJson } from '../../../engine/run-workflow';
import { toolVariantOf } from '../../../engine/tool-variant';
import { replyFields } from '../../../nodes/AgentReply/reply-fields';
import { agentStandIn, finTriggerNode } from '../../fixtures/agent-stand-in';
import { conversation } from '../../fixtures/api-action-workflows';

const apiActionTool = toolVariantOf(
	loadPackageNodes().find((node) => node.description.name === 'apiAction') as INodeType,
);

const ORDERS = { action: 'Order status', tool: 'Order_status' };
const INVOICES = { action: 'Invoices (pro)', tool: 'Invoices_pro_' };

function step(tool: string, toolInput: IDataObject, observation: unknown) {
	return {
		action: { tool, toolInput, log: '', toolCallId: 'call_1', type: 'tool_call' },
		observation: typeof observation === 'string' ? observation : JSON.stringify(observation),
	};
}

function tool(name: string, id: string, position: number, audience?: IDataObject) {
	return {
		id,
		name,
		type: `${PACKAGE_NAME}.apiActionTool`,
		typeVersion: 1.1,
		position: [position, 300],
		parameters: { url: 'http://127.0.0.1:9/orders', ...(audience ? { audience } : {}) },
	};
}

function workflow(agentOutput: IDataObject): WorkflowJson {
	return {
		name: 'agent reply',
		nodes: [
			finTriggerNode(),
			agentStandIn(agentOutput),
			{
				id: 'reply',
				name: 'Fin Agent Reply',
				type: `${PACKAGE_NAME}.finAgentReply`,
				typeVersion: 1,
				position: [400, 0],
				parameters: {},
			},
			tool(ORDERS.action, 'tool-orders', 100),
			tool(INVOICES.action, 'tool-invoices', 300, {
				ruleGroups: {
					group: [
						{ rules: { rule: [{ attribute: 'user.plan', operator: 'equals', value: 'pro' }] } },
					],
				},
			}),
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'AI Agent': { main: [[{ node: 'Fin Agent Reply', type: 'main', index: 0 }]] },
			[ORDERS.action]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			[INVOICES.action]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	} as WorkflowJson;
}

async function reply(agentOutput: IDataObject, customer: IDataObject = conversation()) {
	const result = await runWorkflow(workflow(agentOutput), {
		input: [customer],
		mode: 'webhook',
		extraNodes: [apiActionTool],
	});
	return { result, json: result.outputs['Fin Agent Reply']?.[0]?.[0]?.json };
}

describe('Fin Agent Reply', () => {
	it('answers the reply with the available, called and used actions', async () => {
		const { json } = await reply({
			output: 'Your order #1041 has shipped.',
			intermediateSteps: [
				step(ORDERS.tool, { order_number: '1041' }, [
					{ answer: { Order: '#1041', Status: 'shipped' } },
				]),
			],
		});
		expect(json).toEqual({
			reply: 'Your order #1041 has shipped.',
			actions: {
				available: [INVOICES.action, ORDERS.action],
				called: [
					{
						action: ORDERS.action,
						tool: ORDERS.tool,
						input: { order_number: '1041' },
						outcome: 'succeeded',
					},
				],
				usedInReply: [ORDERS.action],
			},
		});
	});

	it('lists as available only the actions whose audience admits the verified customer', async () => {
		const { json } = await reply(
			{ output: 'Hello!', intermediateSteps: [] },
			conversation({ plan: 'free' }),
		);
		expect(json?.actions).toEqual({ available: [ORDERS.action], called: [], usedInReply: [] });
	});

	it('an unverified customer has no action available', async () => {
		const lead = conversation(
			{},
			{ identity: { verified: false, method: 'none', kind: 'lead', signed: [] } },
		);
		const { json } = await reply({ output: 'Hello!', intermediateSteps: [] }, lead);
		expect((json?.actions as IDataObject).available).toEqual([]);
	});

	it('tells refused, failed and unused calls apart', async () => {
		const { json } = await reply({
			output: 'I cannot look that up here.',
			intermediateSteps: [
				step(INVOICES.tool, {}, [
					{
						error: 'The action "Invoices (pro)" is not available to this customer.',
						errorType: 'NotAvailable',
					},
				]),
				step(ORDERS.tool, {}, [
					{ error: 'required input "order_number" is missing', errorType: 'InputValueError' },
				]),
				step(ORDERS.tool, {}, 'There was an error: "The API answered 500"'),
				step(ORDERS.tool, {}, [{ answer: { Status: 'shipped' } }]),
			],
		});
		const called = (json?.actions as IDataObject).called as IDataObject[];
		expect(called.map((call) => call.outcome)).toEqual([
			'not available',
			'failed',
			'failed',
			'succeeded',
		]);
		expect(called[2].error).toBe('There was an error: "The API answered 500"');
		expect((json?.actions as IDataObject).usedInReply).toEqual([]);
	});

	it("without the agent's intermediate steps, fails naming the option to turn on", async () => {
		const { result } = await reply({ output: 'Hi' });
		expect(result.errors['Fin Agent Reply']?.message).toMatch(/Return Intermediate Steps/);
	});
});

describe('replyFields', () => {
	it('matches answered values in the reply regardless of case, ignoring one-character values', () => {
		const fields = replyFields(
			{
				output: 'Status: SHIPPED',
				intermediateSteps: [step('A', {}, [{ answer: { n: 1, s: 'shipped' } }])],
			},
			[{ action: 'Action A', tool: 'A' }],
			[],
		);
		expect(fields.actions.usedInReply).toEqual(['Action A']);
		const unused = replyFields(
			{ output: 'Order 1 is fine', intermediateSteps: [step('A', {}, [{ answer: { n: 1 } }])] },
			[{ action: 'Action A', tool: 'A' }],
			[],
		);
		expect(unused.actions.usedInReply).toEqual([]);
	});
});
