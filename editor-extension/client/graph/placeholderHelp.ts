// Typing placeholders with help (issue 15): which attributes the test values hold, what is being
// typed after `{{`, and the URL the API Action would call for the test customer, rendered by the
// node's own request builder (nodes/ApiAction/request-builder.ts), so the preview is what it sends.
import {
	ACTION_TEMPLATES,
	buildRequest,
	templateFieldParameter,
	templateRequest,
	type RequestTemplate,
} from '../../../nodes/public/browser';

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

/**
 * `input.<name>` for each AI input the node declares (its "Model Argument", `$fromAI('name', …)`).
 * Only suggestions: the node itself validates each declaration (ai-inputs.ts).
 */
export function declaredInputPaths(parameters: Record<string, unknown>): string[] {
	const inputs = (parameters.aiInputs as { input?: Array<{ argument?: unknown }> } | undefined)
		?.input;
	if (!Array.isArray(inputs)) return [];
	return inputs.flatMap(({ argument }) => {
		const name = /\$fromAI\(\s*(['"`])([A-Za-z][A-Za-z0-9_]{0,63})\1/.exec(String(argument ?? ''));
		return name ? [`input.${name[2]}`] : [];
	});
}

export type UrlPreview = { ok: true; url: string } | { ok: false; problem: string };

/** The request's URL (query included) for the test customer, or why it cannot be built. */
export function previewRequest(
	request: RequestTemplate,
	values: Record<string, unknown>,
): UrlPreview {
	try {
		const built = buildRequest(request, {
			...values,
			identity: { verified: false, method: 'none', kind: 'user', signed: [...ROOTS] },
		} as never);
		return { ok: true, url: built.url };
	} catch (error) {
		return { ok: false, problem: (error as Error).message };
	}
}

/** The URL for the test customer, or why it cannot be built (missing attribute, bad URL). */
export function previewUrl(url: string, values: Record<string, unknown>): UrlPreview {
	if (!url.trim()) return { ok: false, problem: 'Enter the URL of your API.' };
	return previewRequest({ method: 'GET', url, query: [], headers: [] }, values);
}

/**
 * For an API Action on a template: the URL the template would call for the test customer, under its
 * first field (the address, as the URL field of a custom action), with that field as typed and the
 * others as set on the node.
 */
export function templateFieldPreviews(
	parameters: Record<string, unknown>,
	values: Record<string, unknown>,
): Record<string, (text: string) => UrlPreview> {
	const template = ACTION_TEMPLATES.find((candidate) => candidate.id === parameters.template);
	if (!template) return {};
	const current = Object.fromEntries(
		template.fields.map((field) => {
			const value = parameters[templateFieldParameter(template, field.name)];
			return [field.name, typeof value === 'string' ? value : field.default];
		}),
	);
	return Object.fromEntries(
		template.fields.slice(0, 1).map((field) => [
			templateFieldParameter(template, field.name),
			(text: string) => {
				try {
					return previewRequest(
						templateRequest(template, { ...current, [field.name]: text }),
						values,
					);
				} catch (error) {
					return { ok: false, problem: (error as Error).message };
				}
			},
		]),
	);
}
