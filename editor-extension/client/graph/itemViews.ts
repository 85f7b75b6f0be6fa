// Items as a table and as a schema (issue 15: Input/Output beside JSON, as n8n's node view has). Pure,
// tested in test/graph/item-views.test.ts.

export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export function kindOf(value: unknown): ValueKind {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'object') return 'object';
	if (typeof value === 'number' || typeof value === 'bigint') return 'number';
	if (typeof value === 'boolean') return 'boolean';
	return 'string';
}

/** A value as one table cell: text as is, lists of plain values joined, the rest as short JSON. */
export function cellText(value: unknown, max = 120): string {
	const kind = kindOf(value);
	let text: string;
	if (kind === 'string') text = String(value);
	else if (kind === 'array' && (value as unknown[]).every((entry) => kindOf(entry) !== 'object'))
		text = (value as unknown[]).map((entry) => cellText(entry, max)).join(', ');
	else if (kind === 'array')
		text = `list of ${(value as unknown[]).length}: ${JSON.stringify(value)}`;
	else text = JSON.stringify(value) ?? String(value);
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Field paths (`user.email`) of an item to its plain values; objects are opened up to `depth`. */
export function flatten(
	value: unknown,
	depth = 3,
	prefix = '',
	out: Map<string, unknown> = new Map(),
): Map<string, unknown> {
	if (kindOf(value) === 'object' && depth > 0 && Object.keys(value as object).length > 0) {
		for (const [key, child] of Object.entries(value as Record<string, unknown>))
			flatten(child, depth - 1, prefix ? `${prefix}.${key}` : key, out);
	} else if (prefix) out.set(prefix, value);
	return out;
}

export interface ItemTable {
	/** One row per field path, in the order first seen. */
	fields: string[];
	/** cells[row][item]: undefined when that item lacks the field. */
	cells: unknown[][];
	/** Rows left out past the limit. */
	omitted: number;
}

/** Items side by side: a row per field, a column per item (reads well in a narrow panel). */
export function itemTable(items: Array<Record<string, unknown>>, maxRows = 200): ItemTable {
	const flat = items.map((item) => flatten(item));
	const fields: string[] = [];
	const seen = new Set<string>();
	for (const map of flat)
		for (const field of map.keys())
			if (!seen.has(field)) {
				seen.add(field);
				fields.push(field);
			}
	const shown = fields.slice(0, maxRows);
	return {
		fields: shown,
		cells: shown.map((field) => flat.map((map) => map.get(field))),
		omitted: fields.length - shown.length,
	};
}

export interface SchemaEntry {
	key: string;
	/** JSON path from the item, e.g. `daily_usage[*].kwh`. */
	path: string;
	kind: ValueKind;
	/** An example value (first item that has one), for plain values. */
	example?: string;
	children: SchemaEntry[];
}

function merge(entries: SchemaEntry[], key: string, path: string, value: unknown) {
	const kind = kindOf(value);
	let entry = entries.find((candidate) => candidate.key === key);
	if (!entry) {
		entry = { key, path, kind, children: [] };
		entries.push(entry);
	} else if (entry.kind === 'null' && kind !== 'null') entry.kind = kind;
	if (kind === 'object') {
		for (const [childKey, child] of Object.entries(value as Record<string, unknown>))
			merge(entry.children, childKey, `${path}.${childKey}`, child);
	} else if (kind === 'array') {
		for (const element of value as unknown[]) {
			if (kindOf(element) === 'object')
				for (const [childKey, child] of Object.entries(element as Record<string, unknown>))
					merge(entry.children, childKey, `${path}[*].${childKey}`, child);
			else if (entry.example === undefined && element !== undefined)
				entry.example = `[${cellText(element, 40)}, …]`;
		}
	} else if (entry.example === undefined && kind !== 'null') entry.example = cellText(value, 60);
}

/** The shape of the items: every key with its type, nested keys under objects and lists of objects. */
export function schemaOf(items: Array<Record<string, unknown>>): SchemaEntry[] {
	const entries: SchemaEntry[] = [];
	for (const item of items)
		for (const [key, value] of Object.entries(item)) merge(entries, key, key, value);
	return entries;
}
