// What an API Action request may be, checked before it is built: its method, and that no n8n
// expression stands where customer data must go through the per-position encoding.
import type { INodeParameters } from 'n8n-workflow';

import { RequestConfigError } from './request-builder';

export const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];
export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * An allow-list: reads always, the four write methods only with "Allow Writes", nothing else
 * (MERGE, PROPPATCH, PURGE, LOCK... set through an expression would otherwise reach the API).
 * `readOnlyTemplate`: an action template declared its POST a search that only reads (templates/actions,
 * reviewed data); it allows POST alone, never PUT, PATCH or DELETE.
 */
export function checkMethod(method: string, allowWrites: boolean, readOnlyTemplate = false): void {
	if (READ_METHODS.includes(method)) return;
	if (method === 'POST' && readOnlyTemplate) return;
	if (WRITE_METHODS.includes(method)) {
		if (allowWrites) return;
		throw new RequestConfigError(
			`${method} changes data in your backend: switch on "Allow Writes" to send it, or use GET.`,
		);
	}
	throw new RequestConfigError(
		`"${method}" is not an allowed method: use GET, HEAD or OPTIONS, or, with "Allow Writes", POST, PUT, PATCH or DELETE.`,
	);
}

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

function listEntries(value: unknown): Array<{ name?: unknown; value?: unknown }> {
	const parameters = (value as { parameters?: unknown } | undefined)?.parameters;
	return Array.isArray(parameters)
		? (parameters as Array<{ name?: unknown; value?: unknown }>)
		: [];
}

/**
 * n8n evaluates an expression before the node sees the text, so its result would skip the
 * encoding that keeps a value inside one path segment, query value or header. Such positions take
 * placeholders only: the node refuses an expression there (the raw parameters tell which are).
 */
export function refuseExpressions(parameters: INodeParameters, templateFields: string[]): void {
	const found: string[] = [];
	if (isExpression(parameters.url)) found.push('The URL');
	for (const [list, label] of [
		['queryParameters', 'query parameter'],
		['headerParameters', 'header'],
	] as const) {
		for (const entry of listEntries(parameters[list])) {
			if (isExpression(entry.name)) found.push(`A ${label} name`);
			if (isExpression(entry.value))
				found.push(`The ${label} "${typeof entry.name === 'string' ? entry.name : ''}"`);
		}
	}
	for (const field of templateFields)
		if (isExpression(parameters[field])) found.push(`The template field "${field}"`);
	if (found.length === 0) return;
	throw new RequestConfigError(
		`${found[0]} is an n8n expression: its result would not be encoded for where it stands, so customer data could change the path, add a parameter or split a header. Write it as plain text with placeholders such as {{user.user_id}} or {{company.plan|free}} (no leading "=").`,
	);
}
