// Describes a request without its secrets: token-like query values, user info and any value that
// came from a secret placeholder are replaced before a URL reaches the output, an error or a log.
const TOKEN_LIKE =
	/token|key|secret|password|passwd|pwd|auth|signature|sig$|session|jwt|code|credential/i;
export const REDACTED = '[redacted]';

export function redactUrl(url: string, secrets: string[] = []): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return REDACTED;
	}
	parsed.username = '';
	parsed.password = '';
	for (const [name, value] of [...parsed.searchParams.entries()]) {
		if (TOKEN_LIKE.test(name) || secrets.includes(value)) parsed.searchParams.set(name, REDACTED);
	}
	let text = parsed.toString();
	for (const secret of secrets) {
		if (!secret) continue;
		text = text.split(encodeURIComponent(secret)).join(REDACTED).split(secret).join(REDACTED);
	}
	return text;
}

/** Removes every secret from a message meant for a person (errors, logs). */
export function scrubSecrets(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
	}
	return out;
}
