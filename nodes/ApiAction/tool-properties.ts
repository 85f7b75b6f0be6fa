// Parameters of the API Action for what leaves the node (picked fields or the full response) and
// for its use as an AI Agent tool (description, declared inputs).
import type { INodeProperties } from 'n8n-workflow';

import { toolDescriptionExpression } from './tool-mode';

/**
 * n8n adds its own "Description" to a tool unless the node has a `toolDescription` parameter; this
 * one is computed from "Action Name" and "When Should the AI Use This Action" (one source).
 */
export const toolDescriptionProperty: INodeProperties = {
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'hidden',
	default: toolDescriptionExpression(),
};

export const responseProperties: INodeProperties[] = [
	{
		displayName: 'Response',
		name: 'responseMode',
		type: 'options',
		noDataExpression: true,
		default: 'picked',
		options: [
			{
				name: 'Picked Fields',
				value: 'picked',
				description:
					'Only the fields listed below leave this node (and reach the AI or the stored execution)',
			},
			{
				name: 'Full Response',
				value: 'full',
				description: 'The whole parsed answer leaves this node, as the API sent it',
			},
		],
	},
	{
		displayName:
			'The full response is node output: n8n stores it with the execution and an AI Agent using this action reads all of it.',
		name: 'fullResponseNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { responseMode: ['full'] } },
	},
];

export const aiInputsProperty: INodeProperties = {
	displayName: 'AI Inputs',
	name: 'aiInputs',
	type: 'fixedCollection',
	placeholder: 'Add AI Input',
	typeOptions: { multipleValues: true },
	default: {},
	description:
		'Values an AI Agent may collect from the customer, used as {{input.&lt;name&gt;}} placeholders. They can narrow the request (an order number), never choose the customer.',
	options: [
		{
			displayName: 'Input',
			name: 'input',
			values: [
				{
					displayName: 'Allowed Values',
					name: 'allowedValues',
					type: 'string',
					default: '',
					placeholder: 'e.g. open, closed',
					description: 'Comma-separated choices. Empty: any value of the type.',
				},
				{
					displayName: 'Max Length',
					name: 'maxLength',
					type: 'number',
					default: 200,
					typeOptions: { minValue: 1, maxValue: 1000 },
				},
				{
					displayName: 'Model Argument',
					name: 'argument',
					type: 'string',
					default: '',
					required: true,
					placeholder: "={{ $fromAI('order_number', 'The order number, e.g. 1001', 'string') }}",
					description:
						"One $fromAI call: name, description for the AI, and type (string, number or boolean). n8n builds the tool's arguments from it.",
				},
				{
					displayName: 'Pattern',
					name: 'pattern',
					type: 'string',
					default: '',
					placeholder: 'e.g. #?[0-9]{3,10}',
					description: 'Regular expression the whole value must match. Empty: any text.',
				},
				{
					displayName: 'Required',
					name: 'required',
					type: 'boolean',
					default: true,
					description: 'Whether the action refuses to run without it (the AI is told to ask)',
				},
			],
		},
	],
};
