// `{{user.plan|free}}`-style placeholders: parsing and lookup. Encoding for where a value stands
// is the caller's job (see request-builder.ts), so one value can never change the request's shape.
import type { IDataObject } from 'n8n-workflow';

import { readAttribute } from '../shared/attributes';

/**
 * Roots a placeholder may read; `template` holds the admin's template fields, never customer data;
 * `input` the action's declared, validated AI inputs (ai-inputs.ts).
 */
const PLACEHOLDER =
	/\{\{\s*((?:user|company|conversation|message|identity\.claims|template|input)(?:\.[\w-]+)+)\s*(?:\|([^}]*))?\}\}/g;
const ANY_BRACES = /\{\{[\s\S]*?\}\}/;

export interface Placeholder {
	/** Attribute path, e.g. `user.plan` or `identity.claims.api_token`. */
	path: string;
	defaultValue?: string;
}

export class MissingAttributeError extends Error {
	constructor(
		readonly path: string,
		readonly where: string,
	) {
		super(
			`The attribute "${path}" used in the ${where} is missing from the incoming item. ` +
				`Send it with the conversation, give the placeholder a default ({{${path}|value}}), or set a test value.`,
		);
		this.name = 'MissingAttributeError';
	}
}

export class PlaceholderValueError extends Error {
	constructor(
		readonly path: string,
		readonly where: string,
		reason: string,
	) {
		super(`The value of "${path}" cannot be used in the ${where}: ${reason}.`);
		this.name = 'PlaceholderValueError';
	}
}

export function hasPlaceholder(text: string): boolean {
	return ANY_BRACES.test(text);
}

/** Secrets a customer carries (e.g. their own API token in a signed JWT) are never echoed anywhere. */
export function isSecretPath(path: string): boolean {
	return path.startsWith('identity.claims.');
}

/** Resolves a placeholder to text, or throws an error naming the attribute. */
export function lookup(item: IDataObject, placeholder: Placeholder, where: string): unknown {
	const found = readAttribute(item, placeholder.path);
	if (found.found) return found.value;
	if (placeholder.defaultValue !== undefined) return placeholder.defaultValue;
	throw new MissingAttributeError(placeholder.path, where);
}

/** A placeholder's value as text, which only scalars have (shared/values toText writes anything). */
export function scalarText(value: unknown, path: string, where: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new PlaceholderValueError(
		path,
		where,
		'only text, numbers and booleans can be placed here, not objects or lists',
	);
}

/**
 * Replaces every placeholder in `text` with `render(value)`. Unknown `{{...}}` (a typo, an n8n
 * expression pasted by mistake) is refused rather than sent as it is.
 */
export function renderText(
	text: string,
	where: string,
	resolve: (placeholder: Placeholder) => string,
): string {
	let unknown: string | undefined;
	const rendered = text.replace(PLACEHOLDER, (_match, path: string, defaultValue?: string) =>
		resolve({ path, defaultValue: defaultValue?.trim() }),
	);
	// Placeholders were replaced by encoded values; anything still in braces was never a placeholder.
	const leftover = text.replace(PLACEHOLDER, '').match(ANY_BRACES);
	if (leftover) unknown = leftover[0];
	if (unknown) {
		// n8n strips the "=" of an expression in these fields (noDataExpression, from-ai-button.ts):
		// what is left, such as {{ $json.user.id }}, is named as the expression it was.
		const reason = /[$"'()]|&&/.test(unknown)
			? 'it is not a known placeholder but an n8n expression, and this field takes placeholders only (an expression result would skip the encoding); write a placeholder such as {{user.user_id}} or {{company.plan|free}}'
			: 'it is not a known placeholder; use {{user.<attribute>}}, {{company.<attribute>}}, {{conversation.<attribute>}}, {{message.<attribute>}}, {{identity.claims.<claim>}} or {{input.<declared AI input>}}';
		throw new PlaceholderValueError(unknown, where, reason);
	}
	return rendered;
}

/** The single placeholder a string consists of, if it is exactly one (keeps the value's JSON type). */
export function wholePlaceholder(text: string): Placeholder | undefined {
	const match =
		/^\{\{\s*((?:user|company|conversation|message|identity\.claims|template|input)(?:\.[\w-]+)+)\s*(?:\|([^}]*))?\}\}$/.exec(
			text,
		);
	return match ? { path: match[1], defaultValue: match[2]?.trim() } : undefined;
}
