// Response fields: which values of an API answer may go on (to the AI, to the stored execution),
// under which names and with which transforms. One module for the Response Field Picker node and
// the API Action (which applies the same fields itself, so the raw body never becomes its output).
// Each field is a JSON pointer (with `*` for lists, `~*` and `~key` for maps), a display name, a transform, an optional
// default and a required flag. Only what the fields select ends up in the answer.
import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import {
	compilePointer,
	entriesOf,
	parsePointer,
	pointerProblem,
	resolvePointer,
	type PointerToken,
} from './json-pointer';
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

/**
 * How picked fields are laid out. "grouped": fields under the same array wildcard become one list of
 * objects (`orders: [{name, status}, ...]`), so the AI never lines up parallel lists by position.
 * "flat": each field is its own key, fields under a wildcard give parallel lists (version 1).
 */
export type AnswerShape = 'grouped' | 'flat';

/** One key of the answer (or of each object of a list): a field, or a list built from a wildcard. */
export type AnswerEntry =
	| { kind: 'field'; name: string; field: CompiledField; tokens: PointerToken[] }
	| {
			kind: 'list';
			name: string;
			prefix: PointerToken[];
			/** The wildcard the list is built from: `*` (array elements) or `~*` (a map's values). */
			each: PointerToken;
			entries: AnswerEntry[];
	  };

export interface CompiledAnswer {
	shape: AnswerShape;
	fields: CompiledField[];
	entries: AnswerEntry[];
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
	if (tokens.at(-1)?.entryKey) return 'key';
	const named = [...tokens]
		.reverse()
		.find(
			(token) =>
				!token.wildcard &&
				!token.every &&
				!token.entryKey &&
				!/^\d+$/.test(token.key) &&
				token.key !== '',
		);
	return named?.key ?? (pointer || 'response');
}

/** `name`, or `name 2`, `name 3`... : the first one not taken yet (and now taken). */
function uniqueName(name: string, taken: Set<string>): string {
	let candidate = name;
	for (let counter = 2; taken.has(candidate); counter++) candidate = `${name} ${counter}`;
	taken.add(candidate);
	return candidate;
}

interface Pending {
	field: CompiledField;
	spec: FieldSpec;
	position: number;
	tokens: PointerToken[];
}

/**
 * Where a field goes at one level of a grouped answer: under the list of its first wildcard, unless
 * the wildcard is its last token (it picks the elements themselves: a plain list) or it joins its
 * values into one text (join needs the whole list).
 */
function firstGroupingWildcard(pending: Pending, shape: AnswerShape): number {
	if (shape === 'flat' || pending.spec.transform.type === 'join') return -1;
	const index = pending.tokens.findIndex((token) => token.wildcard || token.every);
	return index === pending.tokens.length - 1 ? -1 : index;
}

/**
 * Lays out one level. Names the admin typed must differ within the level (they are what the AI
 * reads); names left empty are derived from the pointer and made unique with a number.
 */
function layout(level: Pending[], shape: AnswerShape): AnswerEntry[] {
	const taken = new Set<string>();
	for (const pending of level) {
		const typed = pending.spec.name?.trim();
		if (!typed || firstGroupingWildcard(pending, shape) >= 0) continue;
		if (taken.has(typed))
			throw new FieldConfigError(
				pending.position,
				pending.spec,
				`another field is already named "${typed}"; give each field its own display name`,
			);
		taken.add(typed);
	}
	const entries: AnswerEntry[] = [];
	const lists = new Map<string, { entry: AnswerEntry & { kind: 'list' }; members: Pending[] }>();
	for (const pending of level) {
		const wildcard = firstGroupingWildcard(pending, shape);
		if (wildcard < 0) {
			const typed = pending.spec.name?.trim();
			const name = typed || uniqueName(defaultName(pending.tokens, pending.field.pointer), taken);
			entries.push({ kind: 'field', name, field: pending.field, tokens: pending.tokens });
			continue;
		}
		const prefix = pending.tokens.slice(0, wildcard);
		const each = pending.tokens[wildcard];
		// One list per path and wildcard kind (`/a/*` and `/a/~*` read differently).
		const key = JSON.stringify(pending.tokens.slice(0, wildcard + 1));
		let list = lists.get(key);
		if (!list) {
			const entry = { kind: 'list' as const, name: '', prefix, each, entries: [] };
			list = { entry, members: [] };
			lists.set(key, list);
			entries.push(entry);
		}
		list.members.push({ ...pending, tokens: pending.tokens.slice(wildcard + 1) });
	}
	for (const list of lists.values()) {
		list.entry.name = uniqueName(
			defaultName(list.entry.prefix, compilePointer(list.entry.prefix.map((t) => t.key))),
			taken,
		);
		list.entry.entries = layout(list.members, shape);
	}
	return entries;
}

/** Checks every field once; throws FieldConfigError naming the field and what is wrong. */
export function compileAnswer(specs: FieldSpec[], shape: AnswerShape = 'flat'): CompiledAnswer {
	const pending = specs.map((spec, index): Pending => {
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
		const field: CompiledField = {
			pointer: spec.pointer,
			name: '',
			required: spec.required === true,
			defaultValue: spec.defaultValue === '' ? undefined : spec.defaultValue,
			tokens,
			transform,
		};
		return { field, spec, position, tokens };
	});
	const entries = layout(pending, shape);
	// A field's name is the key it gets (inside its list's objects when grouped).
	const name = (list: AnswerEntry[]): void =>
		list.forEach((entry) => {
			if (entry.kind === 'field') entry.field.name = entry.name;
			else name(entry.entries);
		});
	name(entries);
	return { shape, fields: pending.map((item) => item.field), entries };
}

/** The fields alone, laid out flat (each field its own key). */
export function compileFields(specs: FieldSpec[]): CompiledField[] {
	return compileAnswer(specs, 'flat').fields;
}

const isPresent = (value: unknown) => value !== null && value !== undefined;

/**
 * The value of one field read from `from`. Outside a list a field that finds nothing is left out
 * (undefined) unless it has a default; inside a list's objects it is the default or null, so every
 * object has the same keys.
 */
function fieldValue(
	field: CompiledField,
	tokens: PointerToken[],
	from: unknown,
	inList: boolean,
	key?: string,
): unknown {
	const { values, many } = resolvePointer(from, tokens, key);
	const matched = values.some(isPresent);
	if (!matched) return field.defaultValue ?? (inList ? null : undefined);
	if (!many) return field.transform(values[0]);
	// Nulls inside a list keep their place (they line up with other wildcard fields) or take the default.
	const transformed = field.transform(
		values.map((element) => (isPresent(element) ? element : null)),
	);
	return Array.isArray(transformed)
		? transformed.map((element) => (isPresent(element) ? element : (field.defaultValue ?? null)))
		: transformed;
}

/** The elements a list is built from, each with the key `~key` reads (a map's key, an index). */
function elementsOf(value: unknown, each: PointerToken): Array<[string, unknown]> | undefined {
	return Array.isArray(value) || (each.every && value !== null && typeof value === 'object')
		? entriesOf(value)
		: undefined;
}

/** `key`: the map key `from` sits under, when it is one value of a map (for `~key` fields). */
function build(entries: AnswerEntry[], from: unknown, inList: boolean, key?: string): IDataObject {
	const out: IDataObject = {};
	const put = (name: string, value: unknown) => {
		// defineProperty: a "__proto__" display name stays a plain key.
		if (value !== undefined)
			Object.defineProperty(out, name, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
	};
	for (const entry of entries) {
		if (entry.kind === 'field') {
			put(entry.name, fieldValue(entry.field, entry.tokens, from, inList, key));
			continue;
		}
		const { values } = resolvePointer(from, entry.prefix, key);
		const elements = elementsOf(values[0], entry.each);
		if (elements) {
			put(
				entry.name,
				elements.map(([elementKey, element]) => build(entry.entries, element, true, elementKey)),
			);
		} else if (values.length > 0 && isPresent(values[0])) {
			// Not a list: `*` on an object is the plain key "*" (json-pointer), `~*` on text finds
			// nothing, so each field reads on its own.
			for (const member of flatten(entry))
				put(
					member.name,
					fieldValue(
						member.field,
						[...entry.prefix, entry.each, ...member.tokens],
						from,
						inList,
						key,
					),
				);
		} else if (inList) put(entry.name, null);
	}
	return out;
}

function flatten(list: AnswerEntry & { kind: 'list' }): Array<AnswerEntry & { kind: 'field' }> {
	return list.entries.flatMap((entry) =>
		entry.kind === 'field'
			? [entry]
			: flatten(entry).map((inner) => ({
					...inner,
					tokens: [...entry.prefix, entry.each, ...inner.tokens],
				})),
	);
}

export function pickFields(
	response: unknown,
	answer: CompiledAnswer | CompiledField[],
): PickResult {
	const compiled: CompiledAnswer = Array.isArray(answer)
		? {
				shape: 'flat',
				fields: answer,
				entries: answer.map((field) => ({
					kind: 'field',
					name: field.name,
					field,
					tokens: field.tokens,
				})),
			}
		: answer;
	const fieldsUsed: string[] = [];
	const missingRequired: CompiledField[] = [];
	for (const field of compiled.fields) {
		const matched = resolvePointer(response, field.tokens).values.some(isPresent);
		if (matched) fieldsUsed.push(field.pointer);
		else if (field.required) missingRequired.push(field);
	}
	const answerObject = build(compiled.entries, response, false);
	return { answer: deepCopy(answerObject), fieldsUsed, missingRequired };
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

const SHAPE_OPTIONS = [
	{
		name: 'Grouped Lists',
		value: 'grouped',
		description:
			'Fields under the same list come out as one list of objects, e.g. orders: [{name, status}, ...]',
	},
	{
		name: 'Flat',
		value: 'flat',
		description: 'Each field is its own key; fields under a list give parallel lists',
	},
];

/** Node versions whose answers are grouped by default; version 1 keeps its flat answers. */
export const GROUPED_SINCE_VERSION = 1.1;

/**
 * "Answer Shape" for both nodes. Two properties of one name, by version: workflows saved with version
 * 1 keep the flat answer they were built with (n8n fills a missing parameter with its default), new
 * nodes (version 1.1) group.
 */
export function answerShapeProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	const base = {
		displayName: 'Answer Shape',
		name: 'answerShape',
		type: 'options' as const,
		noDataExpression: true,
		options: SHAPE_OPTIONS,
		description: 'How fields picked from lists are laid out in the answer',
	};
	return [
		{
			...base,
			default: 'flat',
			displayOptions: { ...displayOptions, show: { ...displayOptions.show, '@version': [1] } },
		},
		{
			...base,
			default: 'grouped',
			displayOptions: {
				...displayOptions,
				show: {
					...displayOptions.show,
					'@version': [{ _cnd: { gte: GROUPED_SINCE_VERSION } }],
				},
			},
		},
	];
}

/** The shape a node asks for: its parameter, else its version's default. */
export function answerShapeOf(value: unknown, typeVersion: number): AnswerShape {
	if (value === 'grouped' || value === 'flat') return value;
	return typeVersion >= GROUPED_SINCE_VERSION ? 'grouped' : 'flat';
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
						displayName: 'Amount In Minor Units',
						name: 'minorUnits',
						type: 'boolean',
						default: false,
						description:
							'Whether the response gives cents (1999 for 19.99), as many billing APIs do',
						displayOptions: show(['currency']),
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
						displayName: 'Currency',
						name: 'currency',
						type: 'string',
						default: 'USD',
						description: 'ISO 4217 code',
						displayOptions: show(['currency']),
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
						displayName: 'Decimals',
						name: 'decimals',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 20 },
						default: 2,
						displayOptions: show(['number']),
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
						displayName: 'Display Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Order status',
						description: 'Key of the value in the answer. Empty: the last key of the pointer.',
					},
					{
						displayName: 'JSON Pointer',
						name: 'pointer',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. /orders/*/fulfillment_status',
						description:
							'RFC 6901 pointer into the response; * selects every element of an array, ~* every value of a map keyed by IDs and ~key (right after ~*) its key, e.g. /orders/~*/~key; write ~1 for "/" and ~0 for "~" inside a key',
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
						displayName: 'Required',
						name: 'required',
						type: 'boolean',
						default: false,
						description: 'Whether the node fails when the pointer finds nothing',
					},
					{
						displayName: 'Separator',
						name: 'separator',
						type: 'string',
						default: ', ',
						displayOptions: show(['join']),
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
				],
			},
		],
	};
}
