// The one place that keeps secrets out of what people see: URLs and errors of the API Action, and
// every answer of the canvas server (test reports, deploy errors). A secret must not survive in any
// encoding a request can carry it in, so each secret is searched for in all of them, and text that
// still decodes to a secret afterwards is replaced whole.
//
// Policy for short secrets: a secret of fewer than MIN_SUBSTRING_SECRET characters is replaced only
// where it is a whole value (a string or number, a header value, a query, form or path value, or any
// of those decoded), because replacing "ab" inside other text would mangle it and reveal nothing
// about the secret anyway. Longer secrets are replaced wherever they appear, in every encoding.

export const REDACTED = '[redacted]';
/** What a recorded request shows instead of a body that carried a credential secret. */
export const WITHHELD_BODY = '[body withheld: carries credentials]';
export const MIN_SUBSTRING_SECRET = 4;

// One "looks secret" rule for header names, query parameters and credential fields: the name is cut
// into words (camelCase, snake_case, kebab-case), and a secret word makes it secret unless the name
// ends in a word that says it only describes one (tokenUrl, answerPointer).
const SECRET_WORDS = new Set([
	'authorization',
	'auth',
	'cookie',
	'token',
	'secret',
	'password',
	'passwd',
	'pwd',
	'pass',
	'key',
	'apikey',
	'signature',
	'sig',
	'session',
	'jwt',
	'credential',
	'credentials',
	'code',
	'bearer',
]);
const DESCRIBING_WORDS = new Set(['url', 'uri', 'pointer', 'type', 'format', 'lifetime', 'name']);

export function looksSecretName(name: string): boolean {
	const words = name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
	if (!words.length || DESCRIBING_WORDS.has(words[words.length - 1])) return false;
	return words.some((word) => SECRET_WORDS.has(word));
}

function fromBase64(text: string): string | undefined {
	const normal = text.replace(/=+$/, '');
	if (normal.length % 4 === 1) return undefined;
	return Buffer.from(normal, /[-_]/.test(normal) ? 'base64url' : 'base64').toString('utf8');
}

function fromHex(text: string): string | undefined {
	return text.length % 2 ? undefined : Buffer.from(text, 'hex').toString('utf8');
}

/** RFC 3986 strict: encodeURIComponent plus the five characters it leaves alone. */
const strictEncode = (text: string) =>
	encodeURIComponent(text).replace(
		/[!'()*~]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
/** application/x-www-form-urlencoded, as URLSearchParams writes it (`+` for space). */
const formEncode = (text: string) => new URLSearchParams([['', text]]).toString().slice(1);
const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase());

/** How the WHATWG URL parser serialises the text in a path, a query and a fragment. */
function urlSerialisations(secret: string): string[] {
	try {
		const url = new URL(`http://h/${secret}?${secret}#${secret}`);
		const path = new URL(`http://h/${secret}`).pathname.slice(1);
		return [path, url.search.slice(1), url.hash.slice(1)];
	} catch {
		return [];
	}
}

/** Every form a secret may take in a URL, header, body or error. */
export function secretVariants(secret: string): string[] {
	const variants = new Set<string>([secret]);
	const bytes = Buffer.from(secret, 'utf8');
	for (const encoded of [
		encodeURIComponent(secret),
		strictEncode(secret),
		formEncode(secret),
		encodeURI(secret),
		...urlSerialisations(secret),
	]) {
		variants.add(encoded);
		variants.add(lowerHex(encoded));
		variants.add(encodeURIComponent(encoded));
		variants.add(formEncode(encoded));
	}
	const base64 = bytes.toString('base64');
	variants.add(base64);
	variants.add(base64.replace(/=+$/, ''));
	variants.add(bytes.toString('base64url'));
	variants.add(bytes.toString('hex'));
	variants.add(bytes.toString('hex').toUpperCase());
	return [...variants].filter(Boolean);
}

/** Ways a piece of text may hide a secret: percent/form decoding (twice), base64 and hex runs. */
function decodings(text: string): string[] {
	const out: string[] = [];
	let current = text;
	for (let round = 0; round < 3; round++) {
		let next: string;
		try {
			next = decodeURIComponent(current.replace(/\+/g, ' '));
		} catch {
			break;
		}
		if (next === current) break;
		out.push(next);
		current = next;
	}
	for (const run of text.match(/[A-Za-z0-9+/_-]{6,}={0,2}/g) ?? []) {
		const decoded = fromBase64(run);
		if (decoded) out.push(decoded);
	}
	for (const run of text.match(/(?:[0-9a-fA-F]{2}){3,}/g) ?? []) {
		const decoded = fromHex(run);
		if (decoded) out.push(decoded);
	}
	return out;
}

/** The parts of a query or form string, a path and a header value that can each be a whole value. */
function wholeValues(text: string): string[] {
	const parts = text.split(/[&=/?#;,:]+/).filter(Boolean);
	return [text, ...parts, text.replace(/^(basic|bearer)\s+/i, '')];
}

class Scrubber {
	private readonly long: string[];
	private readonly longSecrets: string[];
	private readonly short: Set<string>;
	private readonly all: string[];

	constructor(secrets: readonly unknown[]) {
		this.all = [...new Set(secrets.map(String).filter((secret) => secret !== ''))];
		this.longSecrets = this.all.filter((secret) => secret.length >= MIN_SUBSTRING_SECRET);
		const shortSecrets = this.all.filter((secret) => secret.length < MIN_SUBSTRING_SECRET);
		this.long = [...new Set(this.longSecrets.flatMap(secretVariants))]
			.filter((variant) => variant.length >= MIN_SUBSTRING_SECRET)
			.sort((a, b) => b.length - a.length);
		this.short = new Set(shortSecrets.flatMap(secretVariants));
	}

	get empty(): boolean {
		return this.all.length === 0;
	}

	private isShortValue(text: string): boolean {
		if (!this.short.size) return false;
		return [text, ...decodings(text)].some((candidate) =>
			wholeValues(candidate).some((part) => this.short.has(part)),
		);
	}

	private hides(text: string): boolean {
		return decodings(text).some(
			(decoded) =>
				this.longSecrets.some((secret) => decoded.includes(secret)) ||
				this.isShortValueDirect(decoded),
		);
	}

	private isShortValueDirect(text: string): boolean {
		return this.short.size > 0 && wholeValues(text).some((part) => this.short.has(part));
	}

	/** The text with every secret replaced; whole text replaced if a secret still hides in it. */
	scrub(text: string): string {
		if (this.empty) return text;
		if (this.short.has(text)) return REDACTED;
		let out = text;
		for (const variant of this.long) out = out.split(variant).join(REDACTED);
		if (this.short.size) out = this.scrubShortParts(out);
		if (out !== REDACTED && this.hides(out)) return REDACTED;
		return out;
	}

	/** Short secrets as whole values of `name=value` pairs, path segments and auth schemes. */
	private scrubShortParts(text: string): string {
		return text.replace(/([=/:]|^)([^&=/?#;,:\s]+)(?=[&/?#;,\s]|$)/g, (match, lead, part) =>
			this.short.has(part) || this.isShortValue(part) ? `${lead as string}${REDACTED}` : match,
		);
	}

	carries(text: string): boolean {
		return this.scrub(text) !== text;
	}

	walk(node: unknown): unknown {
		if (typeof node === 'string') return this.scrub(node);
		if (typeof node === 'number' || typeof node === 'bigint')
			return this.scrub(String(node)) !== String(node) ? REDACTED : node;
		if (Array.isArray(node)) return node.map((child) => this.walk(child));
		if (node && typeof node === 'object') {
			return Object.fromEntries(
				Object.entries(node as Record<string, unknown>).map(([key, child]) => [
					this.scrub(key),
					this.walk(child),
				]),
			);
		}
		return node;
	}
}

/** A deep copy of `value` (keys and values) with every secret replaced by [redacted]. */
export function redactSecrets<T>(value: T, secrets: readonly unknown[]): T {
	const scrubber = new Scrubber(secrets);
	return (scrubber.empty ? value : scrubber.walk(value)) as T;
}

/** Removes every secret from a message meant for a person (errors, logs). */
export function scrubSecrets(text: string, secrets: readonly unknown[]): string {
	return new Scrubber(secrets).scrub(text);
}

/** Replaces the values of credential-bearing headers, and of headers equal to a secret. */
export function redactHeaders(
	headers: Record<string, unknown>,
	secrets: readonly unknown[] = [],
): Record<string, unknown> {
	const scrubber = new Scrubber(secrets);
	return Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [
			name,
			looksSecretName(name) && value !== undefined && value !== ''
				? REDACTED
				: scrubber.walk(value),
		]),
	);
}

/** A URL fit to show: no user info, no token-like query values, no secret in any encoding. */
export function redactUrl(url: string, secrets: readonly unknown[] = []): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return REDACTED;
	}
	const scrubber = new Scrubber(secrets);
	parsed.username = '';
	parsed.password = '';
	for (const [name, value] of [...parsed.searchParams.entries()]) {
		if (looksSecretName(name) || scrubber.carries(value)) parsed.searchParams.set(name, REDACTED);
	}
	parsed.pathname = parsed.pathname
		.split('/')
		.map((segment) => (scrubber.carries(segment) ? REDACTED : segment))
		.join('/');
	return scrubber.scrub(parsed.toString());
}

/**
 * What a request log may keep of a body: nothing when it carried a credential secret, in any
 * encoding (token requests, form-encoded passwords). Withholding beats scrubbing: a body is data in
 * an encoding we may not know.
 */
export function recordableBody(body: unknown, secrets: readonly unknown[]): unknown {
	if (body === undefined || body === null) return body;
	const scrubber = new Scrubber(secrets);
	if (scrubber.empty) return body;
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	if (text === undefined) return body;
	return scrubber.carries(text) || JSON.stringify(scrubber.walk(body)) !== JSON.stringify(body)
		? WITHHELD_BODY
		: body;
}
