// Field picking: a test response shown as a tree, and ticked fields written as RFC 6901 JSON Pointers
// into the Response Field Picker's fields list. `*` stands for every element of an array
// (`/orders/*/fulfillment_status`), `~*` for every value of a map keyed by IDs and `~key` for the key
// it sits under (`/orders/~*/~key`, `/orders/~*/status`). Pointers are written, read and resolved by the node's own module
// (nodes/shared/json-pointer), so the canvas shows exactly what the node will pick.
import {
	compilePointer,
	parsePointer as parsePointerTokens,
	resolvePointer as resolvePointerTokens,
} from '../../../nodes/public/browser';

import {
	collectionEntries,
	isCollectionOption,
	newCollectionEntry,
	type Params,
} from './parameters';
import type { NodeProperty, PropertyCollectionOption } from './types';

export const WILDCARD = '*';
const EVERY_KEY = '~*';
const ENTRY_KEY = '~key';

/**
 * What a tree step is: an object key (any text: "2024", "*", "", "~", "/" are keys like any other),
 * an array item by index, the "every item" wildcard of an array, the "every key" wildcard of a map
 * (`~*`), or the key of each map value (`~key`).
 */
export type StepRole = 'key' | 'item' | 'every' | 'everyKey' | 'entryKey';

export interface TreeEntry {
	/** The unescaped key, index, `*`, `~*` or `~key` ("orders", "0", "*", "2024", "a/b"). */
	key: string;
	role: StepRole;
	tokens: string[];
	/** The role of each token, so a numeric key is never read as an index nor a "*" key as every item. */
	roles: StepRole[];
	pointer: string;
	kind: 'object' | 'array' | 'value';
	/** The value as a short text, for leaves. */
	preview?: string;
	/** Element count of an array. */
	count?: number;
	/** True for the "every item" or "every key" entry and everything below it. */
	wildcard: boolean;
	children: TreeEntry[];
}

export { compilePointer };

/** The pointer of tree steps: keys escaped by the node module, `~*` and `~key` written as they are. */
function pointerOf(tokens: string[], roles: StepRole[]): string {
	return tokens
		.map((token, index) =>
			roles[index] === 'everyKey' || roles[index] === 'entryKey'
				? `/${token}`
				: compilePointer([token]),
		)
		.join('');
}

/**
 * Whether an object reads as a map keyed by IDs, so its tree offers "every key (~*)": two or more
 * entries, and either every key is a number ("123") or every value is an object with the same keys
 * (`{"cus_a": {email}, "cus_b": {email}}`). A plain record (`customer: {email, address}`) is not.
 * Offering the row on a look-alike costs nothing: the keys stay listed below it.
 */
function looksLikeMap(value: Record<string, unknown>): boolean {
	const entries = Object.entries(value);
	if (entries.length < 2) return false;
	if (entries.every(([key]) => /^\d+$/.test(key))) return true;
	const shapes = entries.map(([, child]) =>
		kindOf(child) === 'object' ? Object.keys(child as object).join('\u0000') : undefined,
	);
	return shapes.every((shape) => shape !== undefined && shape === shapes[0]);
}

/** The unescaped tokens of a pointer; throws for a malformed one, as the node does. */
export function parsePointer(pointer: string): string[] {
	return parsePointerTokens(pointer).map((token) => token.key);
}

function kindOf(value: unknown): TreeEntry['kind'] {
	if (Array.isArray(value)) return 'array';
	if (value && typeof value === 'object') return 'object';
	return 'value';
}

const clip = (text: string, max: number) =>
	text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function previewOf(value: unknown, max = 60): string {
	const text =
		typeof value === 'string'
			? JSON.stringify(value)
			: String(JSON.stringify(value) ?? 'undefined');
	return clip(text, max);
}

/** One value standing for every element of an array: the union of the elements' keys. */
export function mergeElements(elements: unknown[]): unknown {
	const present = elements.filter((element) => element !== null && element !== undefined);
	if (present.length === 0) return elements[0];
	if (present.every((element) => kindOf(element) === 'object')) {
		const objects = present as Record<string, unknown>[];
		const merged: Record<string, unknown> = {};
		for (const key of new Set(objects.flatMap((object) => Object.keys(object)))) {
			const values = objects.filter((object) => key in object).map((object) => object[key]);
			const structured = values.filter((value) => kindOf(value) !== 'value');
			if (structured.length === 0)
				merged[key] = values.find((value) => value !== null && value !== undefined) ?? values[0];
			else if (structured.every(Array.isArray)) merged[key] = (structured as unknown[][]).flat();
			else if (structured.every((value) => kindOf(value) === 'object'))
				merged[key] = mergeElements(structured);
			else merged[key] = structured[0];
		}
		return merged;
	}
	if (present.every(Array.isArray)) return (present as unknown[][]).flat();
	return present[0];
}

function entry(
	key: string,
	role: StepRole,
	parent: { tokens: string[]; roles: StepRole[] },
	value: unknown,
	wildcard: boolean,
	maxItems: number,
	depth: number,
): TreeEntry {
	const kind = kindOf(value);
	const tokens = depth === 0 ? [] : [...parent.tokens, key];
	const roles = depth === 0 ? [] : [...parent.roles, role];
	const node: TreeEntry = {
		key,
		role,
		tokens,
		roles,
		// compilePointer escapes "~" and "/" inside keys (nodes/shared/json-pointer).
		pointer: pointerOf(tokens, roles),
		kind,
		wildcard,
		children: [],
	};
	if (kind === 'value') node.preview = previewOf(value);
	if (depth > 12) return node;
	if (kind === 'object') {
		const object = value as Record<string, unknown>;
		if (looksLikeMap(object)) node.children.push(everyKey(node, object, maxItems, depth + 1));
		node.children.push(
			...Object.entries(object).map(([childKey, child]) =>
				entry(childKey, 'key', node, child, wildcard, maxItems, depth + 1),
			),
		);
	}
	if (kind === 'array') {
		const elements = value as unknown[];
		node.count = elements.length;
		if (elements.length) {
			node.children.push(
				entry(WILDCARD, 'every', node, mergeElements(elements), true, maxItems, depth + 1),
			);
		}
		elements.slice(0, maxItems).forEach((element, index) => {
			node.children.push(
				entry(String(index), 'item', node, element, wildcard, maxItems, depth + 1),
			);
		});
	}
	return node;
}

/** A map's "every key (~*)" entry: first the key of each value, then the union of the values. */
function everyKey(
	map: TreeEntry,
	object: Record<string, unknown>,
	maxItems: number,
	depth: number,
): TreeEntry {
	const every = entry(
		EVERY_KEY,
		'everyKey',
		map,
		mergeElements(Object.values(object)),
		true,
		maxItems,
		depth,
	);
	// The key each value sits under: the only way an ID of the map reaches the answer.
	const keys = Object.keys(object);
	const key = entry(ENTRY_KEY, 'entryKey', every, keys[0], true, maxItems, depth + 1);
	key.preview = clip(keys.map((text) => JSON.stringify(text)).join(', '), 60);
	every.children.unshift(key);
	return every;
}

/** The tree of a response: its top-level entries (the root itself has no pointer to pick). */
export function buildTree(value: unknown, maxItems = 20): TreeEntry[] {
	const root = entry('', 'key', { tokens: [], roles: [] }, value, false, maxItems, 0);
	return root.kind === 'value' ? [root] : root.children;
}

/** A row's text in the tree: keys as they are (an empty key as ""), items by number, `*` as every item. */
export function rowLabel(entry: Pick<TreeEntry, 'key' | 'role'>): string {
	if (entry.role === 'every') return 'every item (*)';
	if (entry.role === 'everyKey') return 'every key (~*)';
	if (entry.role === 'entryKey') return 'its key (~key)';
	if (entry.role === 'item') return `item ${Number(entry.key) + 1}`;
	return entry.key === '' ? '"" (empty key)' : entry.key;
}

function words(key: string): string {
	const text = key
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/[_\-.]+/g, ' ')
		.trim()
		.toLowerCase();
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * "fulfillment_status" -> "Fulfillment status"; items and `*` are skipped ("orders 0 name" ->
 * "Name"). With `roles` (from the tree) only real items are skipped: a key "2024" is a key, named
 * with its parent ("Usage by year 2024") so two years do not get one name. Without roles, numeric
 * tokens and `*` are taken for items (a pointer typed by hand).
 */
export function labelFor(tokens: string[], roles?: StepRole[]): string {
	// Typed by hand, "~*" and "~key" are read as the map steps (a key of that name is `~0*`, rare).
	const roleOf = (index: number): StepRole =>
		roles?.[index] ??
		(tokens[index] === EVERY_KEY
			? 'everyKey'
			: tokens[index] === ENTRY_KEY
				? 'entryKey'
				: tokens[index] === WILDCARD || /^\d+$/.test(tokens[index])
					? 'item'
					: 'key');
	const keys = tokens
		.map((token, index) => ({ token, index }))
		.filter(({ token, index }) => roleOf(index) === 'key' && token !== '');
	const last = keys[keys.length - 1];
	// The key of a map's values is named after the map: "Orders key".
	if (roleOf(tokens.length - 1) === 'entryKey') return last ? `${words(last.token)} key` : 'Key';
	if (!last) return 'Response';
	const label = words(last.token) || last.token;
	// A key without letters ("2024", "*", "~") says little alone: prefix its parent key.
	if (!/[a-z]/i.test(label) && keys.length > 1)
		return `${words(keys[keys.length - 2].token)} ${label}`;
	return label;
}

/** `label`, or `label 2`, `label 3`...: the first one no other field has. */
export function uniqueLabel(label: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	let candidate = label;
	for (let counter = 2; used.has(candidate); counter++) candidate = `${label} ${counter}`;
	return candidate;
}

/** Where ticked pointers go in the Response Field Picker, read from its own description. */
export interface PickerSlots {
	property: NodeProperty;
	option: PropertyCollectionOption;
	pointerField: string;
	labelField?: string;
	/** Root values that must hold for the fields list to be shown, e.g. `{access: 'selected'}`. */
	gate: Params;
}

function firstPlainValue(conditions: unknown[] | undefined): unknown {
	return conditions?.find((condition) => !(condition && typeof condition === 'object'));
}

export function findPickerSlots(properties: NodeProperty[]): PickerSlots | undefined {
	for (const property of properties) {
		if (property.type !== 'fixedCollection') continue;
		for (const option of (property.options ?? []).filter(isCollectionOption)) {
			const pointerChild =
				option.values.find((value) => /pointer/i.test(value.name)) ??
				option.values.find((value) => /^(path|field|jsonPath)$/i.test(value.name));
			if (!pointerChild) continue;
			const labelChild = option.values.find(
				(value) =>
					value !== pointerChild && value.type === 'string' && /name|label|title/i.test(value.name),
			);
			const gate: Params = {};
			for (const [name, conditions] of Object.entries(property.displayOptions?.show ?? {})) {
				const value = firstPlainValue(conditions);
				if (value !== undefined && !name.startsWith('@')) gate[name.replace(/^\//, '')] = value;
			}
			return {
				property,
				option,
				pointerField: pointerChild.name,
				labelField: labelChild?.name,
				gate,
			};
		}
	}
	return undefined;
}

const isMultiple = (slots: PickerSlots) => slots.property.typeOptions?.multipleValues !== false;

function tokensForLabel(pointer: string): string[] {
	try {
		return parsePointer(pointer);
	} catch {
		return pointer.split('/');
	}
}

export function pickedPointers(params: Params, slots: PickerSlots): string[] {
	return collectionEntries(params[slots.property.name], slots.option.name, isMultiple(slots))
		.map((entry) => entry[slots.pointerField])
		.filter((pointer): pointer is string => typeof pointer === 'string');
}

/** Ticks (adds) or unticks (removes) a pointer in the picker's parameters; returns new parameters. */
export function togglePointer(
	params: Params,
	slots: PickerSlots,
	pointer: string,
	label?: string,
): Params {
	const multiple = isMultiple(slots);
	const current = collectionEntries(params[slots.property.name], slots.option.name, multiple);
	const present = current.some((entry) => entry[slots.pointerField] === pointer);
	const entries = present
		? current.filter((entry) => entry[slots.pointerField] !== pointer)
		: [
				...current,
				{
					...newCollectionEntry(slots.option),
					[slots.pointerField]: pointer,
					...(slots.labelField
						? {
								// Unique among the picked fields: the node refuses two fields of one name.
								[slots.labelField]: uniqueLabel(
									label ?? labelFor(tokensForLabel(pointer)),
									current
										.map((entry) => entry[slots.labelField!])
										.filter((name): name is string => typeof name === 'string'),
								),
							}
						: {}),
				},
			];
	const collection = { ...((params[slots.property.name] as Params | undefined) ?? {}) };
	if (entries.length)
		collection[slots.option.name] = multiple ? entries : entries[entries.length - 1];
	else delete collection[slots.option.name];
	return { ...params, ...(present ? {} : slots.gate), [slots.property.name]: collection };
}

/** Values a pointer selects, as the Response Field Picker resolves it; none for a malformed one. */
export function resolvePointer(value: unknown, pointer: string): unknown[] {
	try {
		return resolvePointerTokens(value, parsePointerTokens(pointer)).values;
	} catch {
		return [];
	}
}

/** Every pointer a tree offers, to tell which picked fields a response does not have. */
export function treePointers(entries: TreeEntry[], into = new Set<string>()): Set<string> {
	for (const entry of entries) {
		into.add(entry.pointer);
		treePointers(entry.children, into);
	}
	return into;
}
