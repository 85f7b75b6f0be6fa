// Typing placeholders with help (issue 15): which attributes the test values hold, what is being
// typed after `{{`, and the URL the API Action would call for the test customer, rendered by the
// node's own request builder (nodes/ApiAction/request-builder.ts), so the preview is what it sends.
import { buildRequest } from '../../../nodes/ApiAction/request-builder';

const ROOTS = ['user', 'company', 'conversation', 'message'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Attribute paths of the test values (`user.email`, `company.plan`...), nested objects opened. */
export function attributePaths(values: Record<string, unknown>): string[] {
	const paths: string[] = [];
	const walk = (value: unknown, path: string, depth: number) => {
		if (isRecord(value) && depth > 0) {
			for (const [key, child] of Object.entries(value))
				if (/^[\w-]+$/.test(key)) walk(child, `${path}.${key}`, depth - 1);
		} else paths.push(path);
	};
	for (const root of ROOTS) if (isRecord(values[root])) walk(values[root], root, 3);
	if (!paths.includes('message.text')) paths.push('message.text');
	return paths;
}

/** The placeholder being typed at the caret: `{{user.em` gives {start, query: 'user.em'}. */
export function openPlaceholder(
	text: string,
	caret: number,
): { start: number; query: string } | undefined {
	const before = text.slice(0, caret);
	const match = /\{\{\s*([\w.-]*)$/.exec(before);
	if (!match) return undefined;
	return { start: match.index, query: match[1] };
}

/** Suggestions for a query: paths starting with it first, then paths containing it. */
export function suggest(paths: string[], query: string, max = 8): string[] {
	const lower = query.toLowerCase();
	const starts = paths.filter((path) => path.toLowerCase().startsWith(lower));
	const contains = paths.filter(
		(path) => !starts.includes(path) && path.toLowerCase().includes(lower),
	);
	return [...starts, ...contains].slice(0, max);
}

/** The text with the open placeholder at the caret completed to `{{path}}`, and the new caret. */
export function complete(
	text: string,
	caret: number,
	path: string,
): { text: string; caret: number } {
	const open = openPlaceholder(text, caret);
	if (!open) return { text, caret };
	let after = text.slice(caret);
	// The rest of a placeholder already there (`{{us|}}` completed inside) is replaced too.
	const rest = /^[\w.-]*\s*\}\}/.exec(after);
	if (rest) after = after.slice(rest[0].length);
	const inserted = `{{${path}}}`;
	return {
		text: `${text.slice(0, open.start)}${inserted}${after}`,
		caret: open.start + inserted.length,
	};
}

/** The URL for the test customer, or why it cannot be built (missing attribute, bad URL). */
export function previewUrl(
	url: string,
	values: Record<string, unknown>,
): { ok: true; url: string } | { ok: false; problem: string } {
	if (!url.trim()) return { ok: false, problem: 'Enter the URL of your API.' };
	try {
		const built = buildRequest({ method: 'GET', url, query: [], headers: [] }, {
			...values,
			identity: { verified: false, method: 'none', kind: 'user', signed: [...ROOTS] },
		} as never);
		return { ok: true, url: built.url };
	} catch (error) {
		return { ok: false, problem: (error as Error).message };
	}
}
