// Request bodies are checked against the API's zod schemas (shared/api.ts) before anything runs:
// a bad body gets a 400 that names the field and says what it must be.
import type { z } from 'zod';

import { HttpError } from './http';

function fieldOf(path: Array<string | number>): string {
	return path.reduce<string>(
		(name, part) =>
			typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part,
		'',
	);
}

export function validBody<Schema extends z.ZodTypeAny>(
	schema: Schema,
	body: unknown,
	example: string,
): z.infer<Schema> {
	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = fieldOf(issue.path);
	throw new HttpError(
		400,
		field
			? `"${field}" is not valid: ${issue.message}`
			: `The request body is not valid: ${issue.message}`,
		`Fix "${field || 'the body'}" and send again, e.g. ${example}.`,
	);
}
