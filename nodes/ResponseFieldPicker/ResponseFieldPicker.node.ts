// Response Field Picker: decides what of an API Action's response the AI may see.
//
// Every item leaves with exactly three keys: the answer (key configurable), `fieldsUsed` and
// `actionUsed` (true when the answer holds data from an action's response: with selected fields,
// when at least one field found a value; with the full response, when there is one). Nothing else of the incoming item survives, in either access mode: not the raw
// response, not the API Action's `action` record (it may hold URLs), not the conversation context
// and no binary data, because whatever stays in the item can reach the AI. Later nodes that need
// the conversation (e.g. to post the reply) read it through the paired item, for instance
// `{{ $('Fin Trigger').item.json.conversation.id }}`.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { deepCopy, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { compileFields, pickFields, type FieldSpec } from './pick';
import type { TransformSpec, TransformType } from './transforms';

type Access = 'full' | 'selected';

interface FieldParameter {
	pointer?: string;
	name?: string;
	transform?: TransformType;
	mappings?: { mapping?: Array<{ from?: string; to?: string }> };
	dateFormat?: string;
	timezone?: string;
	locale?: string;
	decimals?: number;
	currency?: string;
	minorUnits?: boolean;
	maxLength?: number;
	keepLast?: number;
	separator?: string;
	defaultValue?: string;
	required?: boolean;
}

const RESERVED_KEYS = ['fieldsUsed', 'actionUsed'];

function transformOf(field: FieldParameter): TransformSpec {
	const locale = field.locale ?? 'en-US';
	switch (field.transform ?? 'none') {
		case 'valueMap':
			return {
				type: 'valueMap',
				mappings: (field.mappings?.mapping ?? []).map((entry) => ({
					from: String(entry.from ?? ''),
					to: String(entry.to ?? ''),
				})),
			};
		case 'date':
			return {
				type: 'date',
				format: field.dateFormat ?? 'd LLL yyyy',
				timezone: field.timezone ?? 'UTC',
				locale,
			};
		case 'number':
			return { type: 'number', decimals: field.decimals ?? 2, locale };
		case 'currency':
			return {
				type: 'currency',
				currency: field.currency ?? 'USD',
				locale,
				minorUnits: field.minorUnits === true,
			};
		case 'truncate':
			return { type: 'truncate', maxLength: field.maxLength ?? 200 };
		case 'mask':
			return { type: 'mask', keepLast: field.keepLast ?? 4 };
		case 'join':
			return { type: 'join', separator: field.separator ?? ', ' };
		default:
			return { type: 'none' };
	}
}

function fieldSpecs(parameters: FieldParameter[]): FieldSpec[] {
	return parameters.map((field) => ({
		pointer: String(field.pointer ?? ''),
		name: field.name,
		required: field.required === true,
		defaultValue: field.defaultValue ?? '',
		transform: transformOf(field),
	}));
}

const show = (transforms: TransformType[]) => ({ show: { transform: transforms } });

export class ResponseFieldPicker implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Response Field Picker',
		name: 'responseFieldPicker',
		icon: {
			light: 'file:../../icons/responseFieldPicker.svg',
			dark: 'file:../../icons/responseFieldPicker.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["access"] === "full" ? "Full response" : "Selected fields"}}',
		description:
			'Choose which fields of an API response the AI may see, with display names and transforms',
		defaults: { name: 'Response Field Picker' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Response Key',
				name: 'responseKey',
				type: 'string',
				default: 'response',
				description: 'Key under which the API Action put the parsed response body',
			},
			{
				displayName: 'Access',
				name: 'access',
				type: 'options',
				options: [
					{
						name: 'Selected Fields',
						value: 'selected',
						description: 'The AI sees only the fields listed below',
					},
					{
						name: 'Full Response',
						value: 'full',
						description: 'The AI may read the whole response',
					},
				],
				default: 'selected',
			},
			{
				displayName:
					"Everything not picked is removed from the item, including the raw response and the incoming fields. Later nodes read conversation details through the trigger, e.g. $('Fin Trigger').item.json.conversation.id.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'fixedCollection',
				placeholder: 'Add Field',
				typeOptions: { multipleValues: true, sortable: true },
				default: {},
				displayOptions: { show: { access: ['selected'] } },
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'JSON Pointer',
								name: 'pointer',
								type: 'string',
								default: '',
								required: true,
								placeholder: 'e.g. /orders/*/fulfillment_status',
								description:
									'RFC 6901 pointer into the response; * selects every element of an array; write ~1 for "/" and ~0 for "~" inside a key',
							},
							{
								displayName: 'Display Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. Order status',
								description: 'Key of the value in the answer. Empty: the last key of the pointer.',
							},
							{
								displayName: 'Transform',
								name: 'transform',
								type: 'options',
								options: [
									{ name: 'Currency Format', value: 'currency' },
									{ name: 'Date Format', value: 'date' },
									{ name: 'Join List', value: 'join' },
									{ name: 'Mask', value: 'mask', description: 'Keep only the last characters' },
									{ name: 'None', value: 'none' },
									{ name: 'Number Format', value: 'number' },
									{ name: 'Truncate', value: 'truncate' },
									{
										name: 'Value Map',
										value: 'valueMap',
										description: 'Replace values, e.g. fulfilled by Shipped',
									},
								],
								default: 'none',
							},
							{
								displayName: 'Value Map',
								name: 'mappings',
								type: 'fixedCollection',
								placeholder: 'Add Mapping',
								typeOptions: { multipleValues: true },
								default: {},
								displayOptions: show(['valueMap']),
								options: [
									{
										displayName: 'Mapping',
										name: 'mapping',
										values: [
											{
												displayName: 'From',
												name: 'from',
												type: 'string',
												default: '',
												placeholder: 'e.g. fulfilled',
											},
											{
												displayName: 'To',
												name: 'to',
												type: 'string',
												default: '',
												placeholder: 'e.g. Shipped',
											},
										],
									},
								],
							},
							{
								displayName: 'Date Format',
								name: 'dateFormat',
								type: 'string',
								default: 'd LLL yyyy',
								description: 'Luxon format tokens, e.g. d LLL yyyy or yyyy-MM-dd HH:mm',
								displayOptions: show(['date']),
							},
							{
								displayName: 'Time Zone',
								name: 'timezone',
								type: 'string',
								default: 'UTC',
								placeholder: 'e.g. Europe/Paris',
								displayOptions: show(['date']),
							},
							{
								displayName: 'Decimals',
								name: 'decimals',
								type: 'number',
								typeOptions: { minValue: 0, maxValue: 20 },
								default: 2,
								displayOptions: show(['number']),
							},
							{
								displayName: 'Currency',
								name: 'currency',
								type: 'string',
								default: 'USD',
								description: 'ISO 4217 code',
								displayOptions: show(['currency']),
							},
							{
								displayName: 'Amount In Minor Units',
								name: 'minorUnits',
								type: 'boolean',
								default: false,
								description:
									'Whether the response gives cents (1999 for 19.99), as many billing APIs do',
								displayOptions: show(['currency']),
							},
							{
								displayName: 'Locale',
								name: 'locale',
								type: 'string',
								default: 'en-US',
								displayOptions: show(['currency', 'date', 'number']),
							},
							{
								displayName: 'Max Length',
								name: 'maxLength',
								type: 'number',
								typeOptions: { minValue: 1 },
								default: 200,
								description: 'Longer text is cut and ends with …',
								displayOptions: show(['truncate']),
							},
							{
								displayName: 'Characters To Keep',
								name: 'keepLast',
								type: 'number',
								typeOptions: { minValue: 0 },
								default: 4,
								description:
									'Visible characters at the end; a value no longer than this is masked entirely',
								displayOptions: show(['mask']),
							},
							{
								displayName: 'Separator',
								name: 'separator',
								type: 'string',
								default: ', ',
								displayOptions: show(['join']),
							},
							{
								displayName: 'Default When Missing',
								name: 'defaultValue',
								type: 'string',
								default: '',
								description:
									'Used when the pointer finds nothing or null. Empty: the field is left out of the answer.',
							},
							{
								displayName: 'Required',
								name: 'required',
								type: 'boolean',
								default: false,
								description: 'Whether the node fails when the pointer finds nothing',
							},
						],
					},
				],
			},
			{
				displayName: 'Answer Key',
				name: 'answerKey',
				type: 'string',
				default: 'answer',
				description: 'Key of the picked data in the output item',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex].json;
			try {
				const responseKey = this.getNodeParameter('responseKey', itemIndex, 'response') as string;
				const answerKey = (
					this.getNodeParameter('answerKey', itemIndex, 'answer') as string
				).trim();
				if (!answerKey || RESERVED_KEYS.includes(answerKey)) {
					throw new NodeOperationError(
						this.getNode(),
						`The answer key "${answerKey}" cannot be used`,
						{
							itemIndex,
							description: `Choose a key other than ${RESERVED_KEYS.join(' and ')}, e.g. "answer".`,
						},
					);
				}
				const response = Object.prototype.hasOwnProperty.call(item, responseKey)
					? item[responseKey]
					: undefined;
				// An action's response (API Action puts it beside its `action` record) that is not null.
				const hasResponse = response !== undefined && response !== null;
				let json: IDataObject;
				if ((this.getNodeParameter('access', itemIndex, 'selected') as Access) === 'full') {
					json = {
						[answerKey]: hasResponse ? deepCopy(response as IDataObject) : null,
						fieldsUsed: hasResponse ? [''] : [],
						actionUsed: hasResponse,
					};
				} else {
					const parameters = this.getNodeParameter(
						'fields.field',
						itemIndex,
						[],
					) as FieldParameter[];
					const fields = compileFields(fieldSpecs(parameters));
					const picked = pickFields(response, fields);
					if (picked.missingRequired.length > 0) {
						const list = picked.missingRequired
							.map((field) => `"${field.name}" (${field.pointer})`)
							.join(', ');
						throw new NodeOperationError(
							this.getNode(),
							`Required field ${list} found nothing in the response`,
							{
								itemIndex,
								description: hasResponse
									? 'The pointer matched no value that is not null. Check the pointer, or untick Required and give a default.'
									: `The item has no "${responseKey}": check the Response Key and that an API Action comes before this node.`,
							},
						);
					}
					// The answer came from the action only when at least one field found something in it.
					json = {
						[answerKey]: picked.answer,
						fieldsUsed: picked.fieldsUsed,
						actionUsed: picked.fieldsUsed.length > 0,
					};
				}
				output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					// Only the error message: the failed item's response must not pass either.
					output.push({
						json: { error: (error as Error).message },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
		return [output];
	}
}
