// Last line of defence for write-only secrets: every answer that can carry data derived from a
// credential (test runs: outputs, errors, recorded request headers) is scanned before it is sent.
export const REDACTED = '[redacted]';

/** Header names that carry credentials whatever their value. */
const SECRET_HEADER =
	/^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|api[-_]?key|signature|auth/i;
/** Shorter secrets are only replaced when a whole value equals them: replacing "ab" inside text would mangle it. */
const MIN_SUBSTRING_SECRET = 4;

/** Replaces the values of credential-bearing headers. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [
			name,
			SECRET_HEADER.test(name) && value !== undefined && value !== '' ? REDACTED : value,
		]),
	);
}

/**
 * A deep copy of `value` in which every occurrence of a secret (and of its base64 and URL-encoded
 * forms, as they appear in Basic auth headers and query strings) is replaced by [redacted].
 */
export function redactSecrets<T>(value: T, secrets: string[]): T {
	const variants = new Set<string>();
	for (const secret of secrets) {
		if (!secret) continue;
		variants.add(secret);
		variants.add(encodeURIComponent(secret));
		if (secret.length >= MIN_SUBSTRING_SECRET)
			variants.add(Buffer.from(secret).toString('base64').replace(/=+$/, ''));
	}
	const long = [...variants]
		.filter((secret) => secret.length >= MIN_SUBSTRING_SECRET)
		.sort((a, b) => b.length - a.length);
	const short = new Set([...variants].filter((secret) => secret.length < MIN_SUBSTRING_SECRET));
	const scrub = (text: string): string => {
		if (short.has(text)) return REDACTED;
		let result = text;
		for (const secret of long) result = result.split(secret).join(REDACTED);
		return result;
	};
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') return scrub(node);
		if (typeof node === 'number' && short.has(String(node))) return REDACTED;
		if (typeof node === 'number' && long.length && scrub(String(node)) !== String(node))
			return REDACTED;
		if (Array.isArray(node)) return node.map(walk);
		if (node && typeof node === 'object') {
			return Object.fromEntries(
				Object.entries(node as Record<string, unknown>).map(([key, child]) => [
					scrub(key),
					walk(child),
				]),
			);
		}
		return node;
	};
	return walk(value) as T;
}
