// Reading a node's parameters the way n8n's editor does: defaults from the description, visibility
// from `displayOptions` (show/hide, `/root` paths, `@version`, `_cnd` conditions).
import type {
	DisplayOptions,
	NodeCredentialDescription,
	NodeProperty,
	PropertyCollectionOption,
	PropertyOption,
} from './types';

export type Params = Record<string, unknown>;

function getPath(values: unknown, path: string): unknown {
	let current = values;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function isEqual(a: unknown, b: unknown): boolean {
	return a === b || JSON.stringify(a) === JSON.stringify(b);
}

type Condition = { _cnd: Record<string, unknown> };
const isCondition = (value: unknown): value is Condition =>
	Boolean(
		value &&
		typeof value === 'object' &&
		'_cnd' in (value as object) &&
		Object.keys(value as object).length === 1,
	);

/** n8n's checkConditions: does any listed value (or `_cnd` condition) match every actual value? */
export function checkConditions(conditions: unknown[], actual: unknown[]): boolean {
	return conditions.some((condition) => {
		if (!isCondition(condition)) return actual.includes(condition as never);
		const [key, target] = Object.entries(condition._cnd)[0];
		if (actual.length === 0) return key === 'not';
		return actual.every((value) => {
			const v = value as number & string;
			const t = target as number & string;
			switch (key) {
				case 'eq':
					return isEqual(value, target);
				case 'not':
					return !isEqual(value, target);
				case 'gte':
					return v >= t;
				case 'lte':
					return v <= t;
				case 'gt':
					return v > t;
				case 'lt':
					return v < t;
				case 'between': {
					const { from, to } = target as { from: number; to: number };
					return v >= from && v <= to;
				}
				case 'includes':
					return typeof value === 'string' && value.includes(t);
				case 'startsWith':
					return typeof value === 'string' && value.startsWith(t);
				case 'endsWith':
					return typeof value === 'string' && value.endsWith(t);
				case 'regex':
					try {
						return typeof value === 'string' && new RegExp(t).test(value);
					} catch {
						return false;
					}
				case 'exists':
					return value !== null && value !== undefined && value !== '';
				default:
					return false;
			}
		});
	});
}

export interface DisplayContext {
	/** Values at the level of the parameter (inside a collection: that collection's values). */
	level: Params;
	/** The node's top-level values, for `/name` paths. */
	root: Params;
	typeVersion?: number;
}

function valuesFor(name: string, context: DisplayContext): unknown[] {
	let value: unknown;
	if (name.startsWith('/')) value = getPath(context.root, name.slice(1));
	else if (name === '@version') value = context.typeVersion ?? 0;
	else if (name.startsWith('@')) return [];
	else value = getPath(context.level, name);
	if (value && typeof value === 'object' && (value as { __rl?: boolean }).__rl)
		value = (value as { value: unknown }).value;
	return Array.isArray(value) ? value : [value];
}

/** n8n's displayParameter: every `show` rule must match, and no `hide` rule may. */
export function isDisplayed(
	displayOptions: DisplayOptions | undefined,
	context: DisplayContext,
): boolean {
	if (!displayOptions) return true;
	const { show, hide } = displayOptions;
	for (const [name, conditions] of Object.entries(show ?? {})) {
		if (!conditions) continue;
		const values = valuesFor(name, context);
		if (values.some((value) => typeof value === 'string' && value.startsWith('='))) return true;
		if (!checkConditions(conditions, values)) return false;
	}
	for (const [name, conditions] of Object.entries(hide ?? {})) {
		if (!conditions) continue;
		const values = valuesFor(name, context);
		if (values.length !== 0 && checkConditions(conditions, values)) return false;
	}
	return true;
}

export function clone<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * The values n8n would see: stored values, and the default of every property that is shown and not
 * stored. Properties may share a name with different displayOptions: the first one shown wins.
 */
export function resolveValues(
	properties: NodeProperty[],
	stored: Params,
	root?: Params,
	typeVersion?: number,
): Params {
	let values: Params = { ...stored };
	// Repeat until stable, as a default may make another property's rule true (or false).
	for (let pass = 0; pass < 4; pass++) {
		const next: Params = { ...stored };
		for (const property of properties) {
			if (property.name in next || isLayout(property)) continue;
			if (
				isDisplayed(property.displayOptions, { level: values, root: root ?? values, typeVersion })
			)
				next[property.name] = clone(property.default);
		}
		const stable = JSON.stringify(next) === JSON.stringify(values);
		values = next;
		if (stable) break;
	}
	return values;
}

/** Properties that hold no value (a notice is text only). */
export function isLayout(property: NodeProperty): boolean {
	return property.type === 'notice' || property.type === 'button' || property.type === 'callout';
}

/** The shown properties at one level, de-duplicated by name (first shown wins). */
export function visibleProperties(
	properties: NodeProperty[],
	context: DisplayContext,
): NodeProperty[] {
	const seen = new Set<string>();
	return properties.filter((property) => {
		if (property.type === 'hidden') return false;
		if (!isDisplayed(property.displayOptions, context)) return false;
		if (!isLayout(property)) {
			if (seen.has(property.name)) return false;
			seen.add(property.name);
		}
		return true;
	});
}

export function visibleCredentials(
	credentials: NodeCredentialDescription[] | undefined,
	root: Params,
	typeVersion?: number,
): NodeCredentialDescription[] {
	return (credentials ?? []).filter((credential) =>
		isDisplayed(credential.displayOptions, { level: root, root, typeVersion }),
	);
}

export const isOption = (option: unknown): option is PropertyOption =>
	Boolean(option && typeof option === 'object' && 'value' in (option as object));

export const isCollectionOption = (option: unknown): option is PropertyCollectionOption =>
	Boolean(
		option &&
		typeof option === 'object' &&
		Array.isArray((option as PropertyCollectionOption).values),
	);

/** A new entry of a fixedCollection option: the defaults of its children that are shown, as n8n adds it. */
export function newCollectionEntry(option: PropertyCollectionOption, root?: Params): Params {
	return resolveValues(option.values, {}, root);
}

/** The stored list of a fixedCollection option (single-value options hold one object). */
export function collectionEntries(value: unknown, optionName: string, multiple: boolean): Params[] {
	const raw = (value as Params | undefined)?.[optionName];
	if (raw === undefined || raw === null) return [];
	if (multiple) return Array.isArray(raw) ? (raw as Params[]) : [raw as Params];
	return [raw as Params];
}
