// JSON from a request, made safe to copy into items: keys that reach an object's prototype
// (`__proto__`, `constructor`, `prototype`) are dropped wherever they occur, and nesting is bounded.
// JSON.parse stores `"__proto__"` as an own property, which a later spread or Object.assign would
// turn into a prototype change; dropping it at parse time means no later copy can be tricked.

export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
	return FORBIDDEN_KEYS.has(key);
}

export type JsonParseOutcome =
	{ ok: true; value: unknown } | { ok: false; reason: 'syntax' | 'depth' };

/** Parses JSON text, dropping forbidden keys; refuses text that nests deeper than MAX_JSON_DEPTH. */
export function parseJsonSafely(text: string): JsonParseOutcome {
	let value: unknown;
	try {
		value = JSON.parse(text, (key, entry: unknown) => (isForbiddenKey(key) ? undefined : entry));
	} catch {
		return { ok: false, reason: 'syntax' };
	}
	const copied = copyJson(value, 0);
	return copied === TOO_DEEP ? { ok: false, reason: 'depth' } : { ok: true, value: copied };
}

const TOO_DEEP = Symbol('too deep');

function copyJson(value: unknown, depth: number): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
	if (Array.isArray(value)) {
		const list: unknown[] = [];
		for (const entry of value) {
			const copied = copyJson(entry, depth + 1);
			if (copied === TOO_DEEP) return TOO_DEEP;
			list.push(copied);
		}
		return list;
	}
	const object: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		if (isForbiddenKey(key)) continue;
		const copied = copyJson((value as Record<string, unknown>)[key], depth + 1);
		if (copied === TOO_DEEP) return TOO_DEEP;
		if (copied !== undefined) object[key] = copied;
	}
	return object;
}

/**
 * A safe deep copy of already-parsed data (e.g. a body n8n parsed, or JWT claims), with the same
 * rules as parseJsonSafely. Returns undefined when the data nests too deeply.
 */
export function sanitizeJson(value: unknown): unknown {
	const copied = copyJson(value, 0);
	return copied === TOO_DEEP ? undefined : copied;
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
