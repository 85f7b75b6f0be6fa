// The attributes a test run pretends the chat message came with: the one place for test values in
// the canvas (kept in the browser between visits). Edited as name / value rows or as JSON; while an
// edit is invalid, `error` says why, and the test and "Set live" are blocked (graph/liveGate.ts)
// instead of quietly running with the previous values.
import type { TestValues } from '../api/types';
import { Store } from './store';

const KEY = 'fin-canvas.testValues';

/** A customer the demo backend knows (usage of cus_1001, Shopify orders of ada@example.com). */
export const DEFAULT_TEST_VALUES: TestValues = {
	user: {
		user_id: 'cus_1001',
		email: 'ada@example.com',
		name: 'Ada Lovelace',
		plan: 'pro',
		meter_type: 'smart',
	},
	company: { company_id: 'acme', name: 'Acme Energy', plan: 'enterprise' },
	conversation: { id: 'conv_1', channel: 'messenger' },
	message: { text: 'How much electricity did I use this week?' },
};

export const GROUPS = ['user', 'company', 'conversation'] as const;
export type Group = (typeof GROUPS)[number];

export function loadTestValues(): TestValues {
	try {
		const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as TestValues | null;
		if (saved && typeof saved === 'object') return { ...DEFAULT_TEST_VALUES, ...saved };
	} catch {
		// Broken or unavailable storage: start from the defaults.
	}
	return DEFAULT_TEST_VALUES;
}

export function saveTestValues(values: TestValues) {
	try {
		localStorage.setItem(KEY, JSON.stringify(values));
	} catch {
		// Private mode: values live for this page only.
	}
}

interface TestValuesState {
	/** The last valid values: what a test sends. */
	values: TestValues;
	/** Why the values being edited cannot be used; undefined when they can. */
	error?: string;
}

const initial = (): TestValuesState => ({
	values: typeof localStorage === 'undefined' ? DEFAULT_TEST_VALUES : loadTestValues(),
});
export const testValuesStore = new Store<TestValuesState>(initial());

export function setTestValues(values: TestValues) {
	testValuesStore.set({ values, error: undefined });
	saveTestValues(values);
}

export function setTestValuesError(error: string | undefined) {
	if (testValuesStore.get().error !== error) testValuesStore.set({ error });
}

// --- Rows: one per attribute, typed so numbers and true/false stay what they are in the JSON.

export type RowType = 'text' | 'number' | 'boolean' | 'json';
export interface AttributeRow {
	name: string;
	value: string;
	type: RowType;
}

export const ROW_TYPES: Array<[RowType, string]> = [
	['text', 'Text'],
	['number', 'Number'],
	['boolean', 'True / false'],
	['json', 'JSON (list, object, null)'],
];

export function rowOf(name: string, value: unknown): AttributeRow {
	if (typeof value === 'string') return { name, value, type: 'text' };
	if (typeof value === 'number') return { name, value: String(value), type: 'number' };
	if (typeof value === 'boolean') return { name, value: String(value), type: 'boolean' };
	return { name, value: JSON.stringify(value ?? null), type: 'json' };
}

export function rowsOf(object: Record<string, unknown>): AttributeRow[] {
	return Object.entries(object).map(([name, value]) => rowOf(name, value));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function rowValue(group: string, row: AttributeRow): Parsed<unknown> {
	const where = `${group}.${row.name}`;
	switch (row.type) {
		case 'text':
			return { ok: true, value: row.value };
		case 'number': {
			const text = row.value.trim();
			const number = Number(text);
			if (text === '' || !Number.isFinite(number))
				return { ok: false, error: `${where}: “${row.value}” is not a number` };
			return { ok: true, value: number };
		}
		case 'boolean':
			if (row.value !== 'true' && row.value !== 'false')
				return { ok: false, error: `${where}: choose true or false` };
			return { ok: true, value: row.value === 'true' };
		case 'json':
			try {
				return { ok: true, value: JSON.parse(row.value) as unknown };
			} catch (error) {
				return { ok: false, error: `${where}: not valid JSON: ${(error as Error).message}` };
			}
	}
}

/** The object a group's rows stand for; blank rows are ignored; the first problem otherwise. */
export function objectOfRows(group: string, rows: AttributeRow[]): Parsed<Record<string, unknown>> {
	const object: Record<string, unknown> = {};
	for (const [index, row] of rows.entries()) {
		const name = row.name.trim();
		if (name === '') {
			if (row.value.trim() === '' || row.type === 'boolean') continue;
			return { ok: false, error: `${group}, row ${index + 1}: a value without a name` };
		}
		if (Object.prototype.hasOwnProperty.call(object, name))
			return { ok: false, error: `${group}: two attributes are named “${name}”` };
		const value = rowValue(group, { ...row, name });
		if (!value.ok) return value;
		object[name] = value.value;
	}
	return { ok: true, value: object };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON view's text as test values: an object whose user, company and conversation are objects. */
export function parseTestValuesJson(text: string): Parsed<TestValues> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
	}
	if (!isRecord(parsed))
		return { ok: false, error: 'the JSON must be an object: {"user": {...}, "company": {...}}' };
	const unknownKeys = Object.keys(parsed).filter(
		(key) => key !== 'message' && !(GROUPS as readonly string[]).includes(key),
	);
	if (unknownKeys.length)
		return {
			ok: false,
			error: `unknown part “${unknownKeys[0]}”: use user, company, conversation and message`,
		};
	const values = { user: {}, company: {}, conversation: {}, message: {} } as TestValues;
	for (const group of GROUPS) {
		const part = parsed[group] ?? {};
		if (!isRecord(part)) return { ok: false, error: `“${group}” must be an object of attributes` };
		values[group] = part;
	}
	const message = parsed.message ?? {};
	if (typeof message === 'string') values.message = { text: message };
	else if (isRecord(message) && (message.text === undefined || typeof message.text === 'string'))
		values.message = message;
	else return { ok: false, error: '“message” must be a text or {"text": "..."}' };
	return { ok: true, value: values };
}
