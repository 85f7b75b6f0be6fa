// Fin Trigger's webhook phase needs no expression engine: n8n-workflow's own resolver answers
// responseMode / responseCode / responseData natively (as for n8n's Webhook node), the templates
// the engine would evaluate instead give the same values, and an HTTP call evaluates none of them.
import type { IDataObject, INode, IWebhookDescription } from 'n8n-workflow';
import {
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
	Workflow,
	WorkflowExpression,
} from 'n8n-workflow';

import { FinTrigger } from '../../../nodes/FinTrigger/FinTrigger.node';
import { FixedNodeTypes } from '../../../engine/node-types';
import { PACKAGE_NAME } from '../../../engine/package-types';
import { startWebhookHost, type WebhookHost } from '../../../engine/webhook-host';
import { CREDENTIALS, finWorkflow, Personalize, post, userHash } from '../../fixtures/fin-trigger';

const FIELDS = ['responseMode', 'responseCode', 'responseData'] as const;

function triggerIn(parameters: IDataObject, typeVersion = 2) {
	const json = finWorkflow(parameters, { personalize: false });
	json.nodes[0].typeVersion = typeVersion;
	const workflow = new Workflow({
		id: 'wf',
		nodes: json.nodes,
		connections: json.connections,
		nodeTypes: new FixedNodeTypes([new FinTrigger()], PACKAGE_NAME),
		active: true,
	});
	// The workflow's own node: its parameters include the defaults, as n8n passes it.
	const node = workflow.getNode('Fin Trigger') as INode;
	const description = new FinTrigger().description.webhooks![0] as IWebhookDescription;
	return { workflow, node, description };
}

describe('Fin Trigger webhook description', () => {
	it('is a new node at version 2, and keeps version 1 for saved workflows', () => {
		const { description } = new FinTrigger();
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('is natively resolvable as a whole (n8n-workflow webhookDescriptionIsNativelyResolvable)', () => {
		expect(webhookDescriptionIsNativelyResolvable(triggerIn({}).description)).toBe(true);
	});

	it.each([
		[{}, { responseMode: 'lastNode', responseCode: 200, responseData: 'firstEntryJson' }],
		[
			{ responseMode: 'lastNode' },
			{ responseMode: 'lastNode', responseCode: 200, responseData: 'firstEntryJson' },
		],
		[
			{ responseMode: 'onReceived' },
			{ responseMode: 'onReceived', responseCode: 202, responseData: '' },
		],
	])(
		'n8n-workflow resolves every response field with parameters %j without the engine, to what the engine would compute',
		(parameters, expected) => {
			const { workflow, node, description } = triggerIn(parameters);
			for (const field of FIELDS) {
				const native = resolveWebhookDescriptionField(node, description, field);
				expect({ field, ...native }).toEqual({ field, resolved: true, value: expected[field] });
				// Parity: the template (used by the engine when parameters hold an expression, and by
				// n8n versions without native resolution) computes the same value.
				const evaluated = workflow.expression.getSimpleParameterValue(
					node,
					description[field] as string,
					'webhook',
					{},
				);
				expect({ field, value: evaluated }).toEqual({ field, value: expected[field] });
			}
		},
	);

	it('falls back to the engine once a parameter holds an expression, with the same answer', () => {
		const { workflow, node, description } = triggerIn({
			responseMode: 'onReceived',
			protectedAttributes: '={{ "email" }}',
		});
		for (const field of FIELDS)
			expect(resolveWebhookDescriptionField(node, description, field).resolved).toBe(false);
		expect(
			workflow.expression.getSimpleParameterValue(
				node,
				description.responseCode as string,
				'webhook',
				{},
			),
		).toBe(202);
	});
});

describe('Fin Trigger webhook phase through the engine harness', () => {
	let host: WebhookHost | undefined;
	afterEach(async () => {
		jest.restoreAllMocks();
		await host?.close();
	});

	it.each([1, 2])(
		'a verified message (typeVersion %i) is answered without evaluating any webhook description field',
		async (typeVersion) => {
			const workflow = finWorkflow({});
			workflow.nodes[0].typeVersion = typeVersion;
			host = await startWebhookHost({
				workflow,
				credentials: structuredClone(CREDENTIALS),
				extraNodes: [new Personalize()],
			});
			const evaluate = jest.spyOn(WorkflowExpression.prototype, 'getSimpleParameterValue');
			const reply = await post(host.url, {
				message: { text: 'hi' },
				user: { user_id: 'u-1' },
				user_hash: userHash('u-1'),
			});
			expect(reply.status).toBe(200);
			expect(host.executionsStarted).toBe(1);
			expect(evaluate).not.toHaveBeenCalled();
		},
	);
});
