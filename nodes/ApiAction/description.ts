// The API Action's parameters: the one description the n8n editor and the canvas both render.
import type { INodeProperties } from 'n8n-workflow';

import { answerShapeProperties, responseFieldsProperty } from '../shared/response-fields';
import { ACTION_TEMPLATES, templateFieldParameter } from './action-templates';
import { toolAudienceProperty } from './tool-audience';
import { aiInputsProperty, responseProperties, toolDescriptionProperty } from './tool-properties';
import { trustProperties } from './trust-properties';

const custom = { show: { template: ['custom'] } };

const templateFields: INodeProperties[] = ACTION_TEMPLATES.flatMap((template) =>
	// Destructured: n8n's default rule reads a default only as a literal or a plain name.
	template.fields.map(
		({ displayName, name, default: fieldDefault, description }): INodeProperties => ({
			displayName,
			name: templateFieldParameter(template, name),
			type: 'string',
			default: fieldDefault,
			required: true,
			description,
			displayOptions: { show: { template: [template.id] } },
		}),
	),
);

const nameValueList = (
	displayName: string,
	name: string,
	placeholder: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder,
	default: {},
	displayOptions: custom,
	options: [
		{
			displayName: 'Parameter',
			name: 'parameters',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Text with placeholders such as {{user.email}} or {{company.plan|free}}',
				},
			],
		},
	],
});

export const apiActionProperties: INodeProperties[] = [
	{
		displayName: 'Action Name',
		name: 'actionName',
		type: 'string',
		default: '',
		placeholder: 'Order status',
		description:
			'Name of the action in logs and rollout buckets. Empty: the template name, or the node name.',
	},
	{
		displayName: 'When Should the AI Use This Action',
		name: 'whenToUse',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'Use when the customer asks about the status of their order',
		description:
			'Shown to an AI Agent that uses this node as a tool, after the action name. Empty: the template text.',
	},
	toolDescriptionProperty,
	toolAudienceProperty,
	{
		displayName: 'Template',
		name: 'template',
		type: 'options',
		noDataExpression: true,
		default: 'custom',
		options: [
			{ name: 'Custom', value: 'custom', description: 'Write the request yourself' },
			...ACTION_TEMPLATES.map((template) => ({
				name: template.name,
				value: template.id,
				description: template.whenToUse,
			})),
		],
	},
	...templateFields,
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		displayOptions: custom,
		options: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({
			name: method,
			value: method,
		})),
		description:
			'GET, HEAD and OPTIONS only read. POST, PUT, PATCH and DELETE change data in your backend and need "Allow Writes"; no other method is sent.',
	},
	{
		displayName: 'Allow Writes',
		name: 'allowWrites',
		type: 'boolean',
		default: false,
		displayOptions: custom,
		description: 'Whether POST, PUT, PATCH and DELETE may be sent. Off: the action can only read.',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		displayOptions: custom,
		placeholder: 'https://api.example.com/customers/{{user.user_id}}/orders',
		description:
			'Placeholders may stand in the path and the query, never in the scheme, host or port',
	},
	nameValueList('Query Parameters', 'queryParameters', 'Add Query Parameter'),
	nameValueList('Headers', 'headerParameters', 'Add Header'),
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { template: ['custom'], method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
		description: 'Placeholders go inside JSON strings: {"email": "{{user.email}}"}',
	},
	...trustProperties,
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		default: 'none',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Fin Fixed Token', value: 'finFixedTokenApi' },
			{ name: 'Fin Dynamic Token', value: 'finDynamicTokenApi' },
		],
		description:
			'Fin Fixed Token sends a token as Bearer, a named header, a query parameter, Basic Auth or custom headers and query; Fin Dynamic Token fetches and refreshes one',
	},
	{
		displayName: 'Send Secret Claims',
		name: 'sendSecretClaims',
		type: 'boolean',
		default: false,
		description:
			'Whether the request sends a claim Fin Trigger keeps sealed (listed under its "JWT Secret Claims", e.g. a per-customer token in {{identity.claims.api_token}}). On: choose the Fin Messenger credential the Fin Trigger uses; the claim is opened only to build the request and never appears in the output.',
	},
	{
		displayName: 'Response Source',
		name: 'responseSource',
		type: 'options',
		noDataExpression: true,
		default: 'live',
		options: [
			{ name: 'Live', value: 'live', description: 'Call the API (Test Response)' },
			{
				name: 'Mock',
				value: 'mock',
				description: 'Return the mock JSON below without any network call (Mock Response)',
			},
		],
	},
	{
		displayName: 'Mock Response',
		name: 'mockResponse',
		type: 'json',
		default: '{}',
		displayOptions: { show: { responseSource: ['mock'] } },
		description: 'The JSON the API would answer',
	},
	...responseProperties,
	responseFieldsProperty({ show: { responseMode: ['picked'] } }),
	...answerShapeProperties({ show: { responseMode: ['picked'] } }),
	aiInputsProperty,
	{
		displayName: 'Test Values',
		name: 'testValues',
		type: 'json',
		default:
			'{\n  "user": { "user_id": "test-user-1", "email": "test.user@example.com" },\n  "company": {},\n  "conversation": {}\n}',
		description:
			'Attributes used by a manual run whose incoming item has no conversation (for example when this node runs on its own). They count as signed in that manual run only; never used in production runs.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max Response Size (Bytes)',
				name: 'maxResponseBytes',
				type: 'number',
				default: 1048576,
				typeOptions: { minValue: 1 },
				description: 'A larger answer is an error, never cut short',
			},
			{
				displayName: 'Response Key',
				name: 'responseKey',
				type: 'string',
				default: 'response',
				description: 'Where the parsed answer goes in the output item',
			},
			{
				displayName: 'Retries',
				name: 'maxRetries',
				type: 'number',
				default: 2,
				typeOptions: { minValue: 0, maxValue: 5 },
				description:
					'Retries after 429, 502, 503 or 504, with backoff; Retry-After is honoured. The only retries: leave n8n\'s "Retry On Fail" (Settings) off.',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				default: 10000,
				typeOptions: { minValue: 1 },
			},
		],
	},
];
