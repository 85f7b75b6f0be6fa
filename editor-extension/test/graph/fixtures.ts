// Small stand-ins for the package's node descriptions, shaped like n8n INodeTypeDescription.
import type { NodeDescription } from '../../client/graph/types';
import type { TypeLookup } from '../../client/graph/nodeTypes';

export const TRIGGER = 'n8n-nodes-fin-actions.finTrigger';
export const FILTER = 'n8n-nodes-fin-actions.audienceFilter';
export const ACTION = 'n8n-nodes-fin-actions.apiAction';
export const PICKER = 'n8n-nodes-fin-actions.responseFieldPicker';

export const descriptions: Record<string, NodeDescription> = {
	[TRIGGER]: {
		name: 'finTrigger',
		displayName: 'Fin Trigger',
		group: ['trigger'],
		version: 1,
		defaults: { name: 'Fin Trigger' },
		inputs: [],
		outputs: ['main'],
		webhooks: [{ name: 'default', httpMethod: 'POST', path: 'fin' }],
		properties: [],
	},
	[FILTER]: {
		name: 'audienceFilter',
		displayName: 'Audience Filter',
		group: ['transform'],
		version: [1, 2],
		defaults: { name: 'Audience Filter' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		outputNames: ['Matched', 'Not matched'],
		properties: [],
	},
	[ACTION]: {
		name: 'apiAction',
		displayName: 'API Action',
		group: ['transform'],
		version: 1,
		defaults: { name: 'API Action' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Method',
				name: 'method',
				type: 'options',
				default: 'GET',
				options: [
					{ name: 'GET', value: 'GET' },
					{ name: 'POST', value: 'POST' },
				],
			},
			{ displayName: 'Allow Writes', name: 'allowWrites', type: 'boolean', default: false },
			{
				displayName: 'Body',
				name: 'body',
				type: 'json',
				default: '{}',
				displayOptions: { show: { allowWrites: [true] } },
			},
			{
				displayName: 'Old',
				name: 'legacy',
				type: 'string',
				default: 'x',
				displayOptions: { show: { '@version': [{ _cnd: { lt: 1 } }] } },
			},
		],
	},
	[PICKER]: {
		name: 'responseFieldPicker',
		displayName: 'Response Field Picker',
		group: ['transform'],
		version: 1,
		defaults: { name: 'Response Field Picker' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Access',
				name: 'access',
				type: 'options',
				default: 'full',
				options: [
					{ name: 'Full Response', value: 'full' },
					{ name: 'Selected Fields', value: 'selected' },
				],
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				displayOptions: { show: { access: ['selected'] } },
				options: [
					{
						name: 'field',
						displayName: 'Field',
						values: [
							{ displayName: 'JSON Pointer', name: 'pointer', type: 'string', default: '' },
							{ displayName: 'Display Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Required', name: 'required', type: 'boolean', default: false },
						],
					},
				],
			},
		],
	},
};

export const lookup: TypeLookup = (type) => descriptions[type];

/** Makes ids n1, n2, ... so tests can name them. */
export function counterIds(prefix = 'id'): () => string {
	let counter = 0;
	return () => `${prefix}${++counter}`;
}
