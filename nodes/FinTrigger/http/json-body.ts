// The request body as a JSON object, read from the bytes as they arrived (the same bytes a
// signature was checked on), or, when the host kept none, from n8n's parsed body.
import { isPlainRecord, parseJson, sanitizeJson } from '../../shared/parse-json';
import { decodeUtf8 } from './body-limits';
import { accept, refuse, type Outcome } from '../rejection';

/** The body as a JSON object; undefined when it is empty. */
export function readJsonBody(
	raw: Buffer | undefined,
	parsedBody: unknown,
): Outcome<Record<string, unknown> | undefined> {
	let value: unknown;
	if (raw) {
		const text = decodeUtf8(raw);
		if (text === undefined)
			return refuse(400, 'invalid_encoding', 'The request body is not valid UTF-8');
		if (text.trim() === '') return accept(undefined);
		const parsed = parseJson(text);
		if (!parsed.ok) {
			return parsed.reason === 'depth'
				? refuse(400, 'body_too_deep', 'The request body nests too deeply')
				: refuse(400, 'invalid_json', 'The request body is not valid JSON');
		}
		value = parsed.value;
	} else {
		if (parsedBody === undefined || parsedBody === null || parsedBody === '')
			return accept(undefined);
		if (typeof parsedBody === 'string')
			return refuse(400, 'invalid_json', 'The request body is not valid JSON');
		value = sanitizeJson(parsedBody);
		if (value === undefined)
			return refuse(400, 'body_too_deep', 'The request body nests too deeply');
	}
	if (!isPlainRecord(value))
		return refuse(400, 'invalid_body', 'The request body must be a JSON object');
	return accept(value);
}
