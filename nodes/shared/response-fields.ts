// Response fields: which values of an API answer may go on (to the AI, to the stored execution),
// under which names and with which transforms. One module for the Response Field Picker node and
// the API Action (which applies the same fields itself, so the raw body never becomes its output).
// Each field is a JSON pointer (with `*` wildcards), a display name, a transform, an optional
// default and a required flag. Only what the fields select ends up in the answer.
import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { parsePointer, pointerProblem, resolvePointer, type PointerToken } from './json-pointer';
import {
	compileTransform,
	type Transform,
	type TransformSpec,
	type TransformType,
} from './response-transforms';

export interface FieldSpec {
	pointer: string;
	/** Key of the value in the answer; empty: the pointer's last key. */
	name?: string;
	required?: boolean;
	/** Used when the pointer finds nothing (or only nulls); empty: the field is left out. */
	defaultValue?: string;
	transform: TransformSpec;
}

export interface CompiledField {
	pointer: string;
	name: string;
	required: boolean;
	defaultValue?: string;
	tokens: PointerToken[];
	transform: Transform;
}

export interface PickResult {
	answer: IDataObject;
	/** Configured pointers that found at least one value that is not null. */
	fieldsUsed: string[];
	/** Required fields that found nothing. */
	missingRequired: CompiledField[];
}

export class FieldConfigError extends Error {
	constructor(position: number, spec: FieldSpec, reason: string) {
		super(`Field ${position}${spec.name ? ` ("${spec.name}")` : ''}: ${reason}`);
		this.name = 'FieldConfigError';
	}
}

function defaultName(tokens: PointerToken[], pointer: string): string {
	const named = [...tokens]
		.reverse()
		.find((token) => !token.wildcard && !/^\d+$/.test(token.key) && token.key !== '');
	return named?.key ?? (pointer || 'response');
}

/** Checks every field once; throws FieldConfigError naming the field and what is wrong. */
export function compileFields(specs: FieldSpec[]): CompiledField[] {
	const names = new Set<string>();
	return specs.map((spec, index) => {
		const position = index + 1;
		const problem = pointerProblem(spec.pointer);
		if (problem)
			throw new FieldConfigError(
				position,
				spec,
				`the JSON pointer "${spec.pointer}" is malformed: ${problem}`,
			);
		const tokens = parsePointer(spec.pointer);
		const transform = compileTransform(spec.transform);
		if (typeof transform === 'string') throw new FieldConfigError(position, spec, transform);
		const name = spec.name?.trim() || defaultName(tokens, spec.pointer);
		if (names.has(name)) {
			throw new FieldConfigError(
				position,
				spec,
				`another field is already named "${name}"; give each field its own display name`,
			);
		}
		names.add(name);
		return {
			pointer: spec.pointer,
			name,
			required: spec.required === true,
			defaultValue: spec.defaultValue === '' ? undefined : spec.defaultValue,
			tokens,
			transform,
		};
	});
}

const isPresent = (value: unknown) => value !== null && value !== undefined;

export function pickFields(response: unknown, fields: CompiledField[]): PickResult {
	const answer: IDataObject = {};
	const fieldsUsed: string[] = [];
	const missingRequired: CompiledField[] = [];
	for (const field of fields) {
		const { values, many } = resolvePointer(response, field.tokens);
		const matched = values.some(isPresent);
		if (matched) fieldsUsed.push(field.pointer);
		else if (field.required) missingRequired.push(field);
		let value: unknown;
		if (!matched) value = field.defaultValue;
		else if (!many) value = field.transform(values[0]);
		else {
			// Nulls inside a list keep their place (they line up with other wildcard fields) or take the default.
			const transformed = field.transform(
				values.map((element) => (isPresent(element) ? element : null)),
			);
			value = Array.isArray(transformed)
				? transformed.map((element) =>
						isPresent(element) ? element : (field.defaultValue ?? null),
					)
				: transformed;
		}
		if (value !== undefined) answer[field.name] = value as IDataObject[keyof IDataObject];
	}
	return { answer: deepCopy(answer), fieldsUsed, missingRequired };
}

/** A field as the node parameters hold it (`fields.field[]` of either node). */
export interface FieldParameter {
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

export function fieldSpecs(parameters: FieldParameter[]): FieldSpec[] {
	return parameters.map((field) => ({
		pointer: String(field.pointer ?? ''),
		name: field.name,
		required: field.required === true,
		defaultValue: field.defaultValue ?? '',
		transform: transformOf(field),
	}));
}

/** "Field ... found nothing" for required fields that matched nothing, or undefined. */
export function missingRequiredMessage(result: PickResult): string | undefined {
	if (result.missingRequired.length === 0) return undefined;
	const list = result.missingRequired
		.map((field) => `"${field.name}" (${field.pointer})`)
		.join(', ');
	return `Required field ${list} found nothing in the response`;
}

const show = (transforms: TransformType[]) => ({ show: { transform: transforms } });

/** The "Fields" list both nodes show, under the given display options. */
export function responseFieldsProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		displayOptions,
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
	};
}
