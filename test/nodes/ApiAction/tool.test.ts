// The API Action as an AI Agent tool, through n8n's own code where it runs outside the agent:
// n8n-core's getSchema (the tool's argument schema, built from the node's `$fromAI` calls) and
// n8n-workflow's getToolDescriptionForNode with the node's `toolDescription` evaluated by n8n's
// expression engine. The agent itself (tool calls, identity from the trigger, results) is proven in
// real n8n by test/real-n8n/ai-agent-tools.e2e.test.ts.
import type { INode, INodeType } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
// Not exported by n8n-core's index: the function n8n calls when it turns a node into a tool.
import { getSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';

import { FixedNodeTypes } from '../../../engine/node-types';
import { loadPackageNodes, PACKAGE_NAME } from '../../../engine/package-types';
import {
	parseInputDeclarations,
	validateInputs,
	InputValueError,
} from '../../../nodes/ApiAction/ai-inputs';

const apiAction = loadPackageNodes().find(
	(node) => (node as INodeType).description.name === 'apiAction',
) as INodeType;

function toolNode(parameters: Record<string, unknown>): INode {
	return {
		id: 'tool-under-test',
		name: 'Order_Status',
		type: `${PACKAGE_NAME}.apiAction`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
}

/** The description n8n gives the model, with node parameters completed by n8n's defaults. */
function descriptionFor(parameters: Record<string, unknown>): string {
	const workflow = new Workflow({
		nodes: [toolNode(parameters)],
		connections: {},
		active: false,
		nodeTypes: new FixedNodeTypes([apiAction], PACKAGE_NAME),
	});
	const node = workflow.getNode('Order_Status')!;
	return NodeHelpers.getToolDescriptionForNode(node, apiAction, () =>
		String(
			workflow.expression.getParameterValue(
				node.parameters.toolDescription as string,
				null,
				0,
				0,
				node.name,
				[],
				'manual',
				{},
			),
		),
	) as string;
}

const orderInputs = {
	input: [
		{
			argument:
				"={{ $fromAI('order_number', 'The order number the customer gives, e.g. 1001', 'string') }}",
			required: true,
			pattern: '#?[0-9]{3,10}',
		},
		{
			argument: "={{ $fromAI('include_items', 'Whether to list the items', 'boolean') }}",
			required: false,
		},
		{
			argument: "={{ $fromAI('carrier', 'The carrier, if the customer names one', 'string') }}",
			required: false,
			allowedValues: 'DHL, UPS',
		},
	],
};

describe('API Action as a tool', () => {
	it('has its own toolDescription parameter, so n8n adds no generic Description field', () => {
		const names = apiAction.description.properties.map((property) => property.name);
		expect(names).toContain('toolDescription');
		expect(apiAction.description.usableAsTool).toBe(true);
	});

	it('describes a template action with its name and "when to use" text from the template', () => {
		expect(descriptionFor({ template: 'shopifyOrderStatus' })).toBe(
			'Shopify order status: Use when the customer asks where their order is, whether it has shipped, its tracking number or its payment status.',
		);
	});

	it("takes the admin's Action Name and When To Use over the template's", () => {
		expect(
			descriptionFor({
				template: 'statuspageIncidents',
				actionName: 'Service status',
				whenToUse: 'Use when something does not work.',
			}),
		).toBe('Service status: Use when something does not work.');
		expect(descriptionFor({ template: 'custom', whenToUse: 'Use for orders.' })).toBe(
			'Use for orders.',
		);
	});

	it("gives n8n's schema exactly the declared inputs, typed and described, and nothing about identity", () => {
		const schema = getSchema(
			toolNode({ template: 'custom', url: 'https://x.test/', aiInputs: orderInputs }),
		);
		expect(Object.keys(schema.shape).sort()).toEqual(['carrier', 'include_items', 'order_number']);
		expect(schema.shape.order_number.description).toBe(
			'The order number the customer gives, e.g. 1001',
		);
		expect(
			schema.safeParse({ order_number: '1001', include_items: true, carrier: 'DHL' }).success,
		).toBe(true);
		expect(
			schema.safeParse({ order_number: 1001, include_items: true, carrier: 'DHL' }).success,
		).toBe(false);
		// The same declarations the node validates with: one source for schema and checks.
		const declared = parseInputDeclarations(orderInputs.input);
		expect(declared.map(({ name, type, description }) => ({ name, type, description }))).toEqual([
			{
				name: 'order_number',
				type: 'string',
				description: 'The order number the customer gives, e.g. 1001',
			},
			{ name: 'include_items', type: 'boolean', description: 'Whether to list the items' },
			{ name: 'carrier', type: 'string', description: 'The carrier, if the customer names one' },
		]);
	});

	it('a template action offers the model no arguments at all', () => {
		const schema = getSchema(toolNode({ template: 'shopifyOrderStatus' }));
		expect(Object.keys(schema.shape)).toEqual([]);
	});

	it('checks values against the declarations and tells the model what to do', () => {
		const declared = parseInputDeclarations(orderInputs.input);
		expect(validateInputs(declared, { order_number: '#1001', carrier: 'ups', user: 'x' })).toEqual({
			order_number: '#1001',
			carrier: 'UPS',
		});
		const refused = (values: Record<string, unknown>) => {
			try {
				validateInputs(declared, values);
			} catch (error) {
				expect(error).toBeInstanceOf(InputValueError);
				return (error as Error).message;
			}
			return 'accepted';
		};
		expect(refused({})).toMatch(/required input "order_number".*missing. Ask the customer/);
		expect(refused({ order_number: '1001/../../admin' })).toMatch(/expected format/);
		expect(refused({ order_number: '1001', carrier: 'FedEx' })).toMatch(/one of: DHL, UPS/);
		expect(refused({ order_number: '1001', include_items: 'maybe' })).toMatch(/true or false/);
		expect(refused({ order_number: { $ne: null } })).toMatch(/must be text/);
		expect(refused({ order_number: '10\r\n01' })).toMatch(/control characters/);
	});
});
