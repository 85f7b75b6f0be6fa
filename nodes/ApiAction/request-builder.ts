// Builds one HTTP request from the admin's request template and one conversation item. Each value
// is encoded for where it stands (path segment, query value, header, JSON string), so customer data
// can never change the path, add a parameter, split a header or reach another host.
import type { IDataObject } from 'n8n-workflow';

import { parseJson } from '../shared/parse-json';

import {
	PlaceholderValueError,
	hasPlaceholder,
	isSecretPath,
	lookup,
	renderText,
	scalarText,
	wholePlaceholder,
	type Placeholder,
} from './placeholders';
import { searchTermProblem } from './search-terms';

export interface NameValue {
	name: string;
	value: string;
	/**
	 * The search language the value is read in (e.g. "JQL"), set by an action template: each
	 * placeholder's value must then be one plain term (search-terms.ts).
	 */
	searchSyntax?: string;
}

export interface RequestTemplate {
	method: string;
	url: string;
	query: NameValue[];
	headers: NameValue[];
	/** JSON text whose strings may hold placeholders; only for writes. */
	body?: string;
}

export interface BuiltRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body?: unknown;
	/** Values taken from secret placeholders (identity claims): redacted wherever the request is described. */
	secrets: string[];
}

/** A request template that can never be sent as it stands: a configuration error. */
export class RequestConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RequestConfigError';
	}
}

/**
 * Why a header value cannot be sent unchanged, if it cannot: headers travel as Latin-1, so a
 * character above U+00FF would be altered on the way, and a control character (other than tab)
 * could split or end the header. Names the code point, never the value.
 */
export function headerValueProblem(text: string): string | undefined {
	// C0 controls but tab, and DEL; or beyond Latin-1 (written without control-character escapes).
	const bad = /(?![\t\u0080-\u009f])\p{Cc}|[\u0100-\u{10ffff}]/u.exec(text);
	if (!bad) return undefined;
	const code = bad[0].codePointAt(0)!;
	const point = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	if (code === 0x0a || code === 0x0d) return `it contains a line break (${point})`;
	if (code === 0) return `it contains a NUL character (${point})`;
	return code < 0x20 || code === 0x7f
		? `it contains a control character (${point})`
		: `it contains a character outside Latin-1 (${point}), which a header cannot carry unchanged`;
}

const ORIGIN = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Splits an URL template into origin and the rest, refusing placeholders where they could redirect the call. */
export function splitUrlTemplate(url: string): { origin: string; rest: string } {
	const match = ORIGIN.exec(url.trim());
	const [, scheme, authority, rest] = match ?? [];
	if (hasPlaceholder(match ? `${scheme}://${authority}` : url.trim().split('/')[0])) {
		throw new RequestConfigError(
			'Placeholders are not allowed in the scheme, host or port of the URL: write the API host out in full and put attributes in the path, the query or the headers.',
		);
	}
	if (!match)
		throw new RequestConfigError(
			`The URL "${url}" is not absolute: start it with https:// and a host name.`,
		);
	if (!/^https?$/i.test(scheme))
		throw new RequestConfigError(
			`The URL scheme "${scheme}" is not supported: use https:// (or http://).`,
		);
	if (authority.includes('@'))
		throw new RequestConfigError(
			'The URL must not contain a user name or password: use a credential instead.',
		);
	if (!authority) throw new RequestConfigError(`The URL "${url}" has no host.`);
	return { origin: `${scheme.toLowerCase()}://${authority}`, rest };
}

/** Replaces `{{template.<field>}}` with the admin's template field values (configuration, not customer data). */
export function applyTemplateFields(text: string, fields: Record<string, string>): string {
	return text.replace(/\{\{\s*template\.([\w-]+)\s*\}\}/g, (_match, name: string) => {
		const value = fields[name];
		if (value === undefined)
			throw new RequestConfigError(`The template field "${name}" has no value.`);
		if (hasPlaceholder(value))
			throw new RequestConfigError(`The template field "${name}" must not contain placeholders.`);
		return value.trim().replace(/\/+$/, '');
	});
}

class Renderer {
	readonly secrets: string[] = [];

	constructor(private readonly item: IDataObject) {}

	value(placeholder: Placeholder, where: string): unknown {
		const value = lookup(this.item, placeholder, where);
		if (
			isSecretPath(placeholder.path) &&
			(typeof value === 'string' || typeof value === 'number')
		) {
			this.secrets.push(String(value));
		}
		return value;
	}

	text(template: string, where: string, encode: (text: string, path: string) => string): string {
		return renderText(template, where, (placeholder) =>
			encode(scalarText(this.value(placeholder, where), placeholder.path, where), placeholder.path),
		);
	}
}

/**
 * encodeURIComponent for a value placed in the URL. A lone UTF-16 surrogate (possible in JSON text
 * as "\ud800") has no UTF-8 form and would make encodeURIComponent throw a bare URIError: refuse it by name.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function encodeUrlValue(where: string) {
	return (text: string, path: string): string => {
		if (LONE_SURROGATE.test(text)) {
			throw new PlaceholderValueError(
				path,
				where,
				'it contains a lone UTF-16 surrogate (U+D800 to U+DFFF), which cannot be sent in a URL',
			);
		}
		return encodeURIComponent(text);
	};
}

function renderPath(path: string, renderer: Renderer): string {
	return path
		.split('/')
		.map((segment) => {
			if (!hasPlaceholder(segment)) return segment;
			const rendered = renderer.text(segment, 'URL path', encodeUrlValue('URL path'));
			// URL parsers treat "." and ".." (also as %2e) as navigation, even when encoded.
			if (/^(\.|%2e){1,2}$/i.test(rendered)) {
				throw new PlaceholderValueError(
					segment,
					'URL path',
					'a path segment cannot be "." or ".."',
				);
			}
			return rendered;
		})
		.join('/');
}

function renderQueryPair(
	name: string,
	value: string,
	renderer: Renderer,
	searchSyntax?: string,
): string {
	const where = `query parameter "${name}"`;
	const encode = encodeUrlValue(where);
	const encodeTerm = (text: string, path: string) => {
		const problem = searchTermProblem(text);
		if (problem)
			throw new PlaceholderValueError(
				path,
				where,
				`it is one term of ${searchSyntax}, so ${problem}`,
			);
		return encode(text, path);
	};
	return `${renderer.text(name, 'query parameter name', encodeUrlValue('query parameter name'))}=${renderer.text(value, where, searchSyntax ? encodeTerm : encode)}`;
}

/**
 * `"{{object:user.address}}"` / `"{{list:user.tags}}"`: a JSON body string that is exactly one
 * typed placeholder inserts an object or a list. Untyped whole placeholders insert scalars only, so
 * an attribute that happens to hold `{"$ne": null}` cannot turn a value into a query operator.
 */
const TYPED_PLACEHOLDER =
	/^\{\{\s*(object|list):\s*((?:user|company|conversation|message|identity\.claims)(?:\.[\w-]+)+)\s*\}\}$/;

function jsonKind(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

function typedValue(renderer: Renderer, type: 'object' | 'list', path: string): unknown {
	const value = renderer.value({ path }, 'JSON body');
	const matches = type === 'list' ? Array.isArray(value) : jsonKind(value) === 'an object';
	if (!matches)
		throw new PlaceholderValueError(
			path,
			'JSON body',
			`it is declared as ${type === 'list' ? 'a list' : 'an object'} but is ${jsonKind(value)}`,
		);
	return value;
}

function scalarValue(value: unknown, path: string): unknown {
	if (value === null || typeof value !== 'object') return value;
	throw new PlaceholderValueError(
		path,
		'JSON body',
		`it is ${jsonKind(value)}, and only text, numbers, booleans and null are inserted as they are. If this field takes ${jsonKind(value)}, declare it: {{${Array.isArray(value) ? 'list' : 'object'}:${path}}}`,
	);
}

function renderBody(body: string, renderer: Renderer): unknown {
	const parsed = parseJson(body);
	if (!parsed.ok) {
		throw new RequestConfigError(
			`The JSON body is not valid JSON (${parsed.message}). Put placeholders inside JSON strings, e.g. {"email": "{{user.email}}"}.`,
		);
	}
	const walk = (value: unknown): unknown => {
		if (typeof value === 'string') {
			const typed = TYPED_PLACEHOLDER.exec(value);
			if (typed) return typedValue(renderer, typed[1] as 'object' | 'list', typed[2]);
			const whole = wholePlaceholder(value);
			// A string that is one placeholder keeps the attribute's scalar JSON type (number,
			// boolean, null); an object or a list only where the admin declared one (see above).
			if (whole) return scalarValue(renderer.value(whole, 'JSON body'), whole.path);
			return renderer.text(value, 'JSON body', (text) => text);
		}
		if (Array.isArray(value)) return value.map(walk);
		if (value && typeof value === 'object') {
			const out: Record<string, unknown> = {};
			for (const [key, inner] of Object.entries(value)) {
				const renderedKey = renderer.text(key, 'JSON body', (text) => text);
				if (renderedKey === '__proto__') continue;
				out[renderedKey] = walk(inner);
			}
			return out;
		}
		return value;
	};
	return walk(parsed.value);
}

export function buildRequest(template: RequestTemplate, item: IDataObject): BuiltRequest {
	const renderer = new Renderer(item);
	const { origin, rest } = splitUrlTemplate(template.url);
	const withoutFragment = rest.split('#')[0];
	const queryStart = withoutFragment.indexOf('?');
	const path = queryStart === -1 ? withoutFragment : withoutFragment.slice(0, queryStart);
	const inlineQuery = queryStart === -1 ? '' : withoutFragment.slice(queryStart + 1);

	const pairs: string[] = [];
	for (const pair of inlineQuery.split('&').filter(Boolean)) {
		const equals = pair.indexOf('=');
		pairs.push(
			equals === -1
				? renderQueryPair(pair, '', renderer)
				: renderQueryPair(pair.slice(0, equals), pair.slice(equals + 1), renderer),
		);
	}
	for (const { name, value, searchSyntax } of template.query) {
		if (!name) continue;
		pairs.push(renderQueryPair(name, value ?? '', renderer, searchSyntax));
	}

	const url = `${origin}${renderPath(path || '/', renderer)}${pairs.length ? `?${pairs.join('&')}` : ''}`;
	// Defence in depth: whatever the values, the call goes to the host the admin wrote.
	const parsed = new URL(url);
	const expected = new URL(`${origin}/`);
	if (parsed.protocol !== expected.protocol || parsed.host !== expected.host) {
		throw new RequestConfigError(
			`The rendered URL would leave ${expected.host}; refusing to send it.`,
		);
	}

	const headers: Record<string, string> = {};
	for (const { name, value } of template.headers) {
		if (!name) continue;
		if (hasPlaceholder(name) || !HEADER_NAME.test(name)) {
			throw new RequestConfigError(
				`"${name}" is not a valid header name (letters, digits and - only, no placeholders).`,
			);
		}
		headers[name] = renderer.text(value ?? '', `header "${name}"`, (text, path) => {
			const problem = headerValueProblem(text);
			if (problem) throw new PlaceholderValueError(path, `header "${name}"`, problem);
			return text;
		});
		const problem = headerValueProblem(headers[name]);
		if (problem)
			throw new RequestConfigError(
				`The value of header "${name}" cannot be sent: ${problem}. Remove it, or send the value in the query or the JSON body instead.`,
			);
	}

	const body =
		template.body !== undefined && template.body.trim() !== ''
			? renderBody(template.body, renderer)
			: undefined;
	return { method: template.method.toUpperCase(), url, headers, body, secrets: renderer.secrets };
}
