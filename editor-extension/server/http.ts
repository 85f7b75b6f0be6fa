// Small HTTP helpers shared by every route: JSON answers, errors that say what to do next, and a
// bounded JSON body reader (node:http gives us raw streams; no framework on purpose).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body accepted; workflows with many nodes stay far below this. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** After answering 413 we still drain the upload so the client can read the answer, up to this much. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

/** An error with the HTTP status to answer and a hint telling the user what to do next. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly hint: string,
		/** Extra JSON fields for the client, e.g. the id of a workflow that was created before a later step failed. */
		readonly extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
) {
	if (res.headersSent) return;
	const payload = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(payload),
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		...headers,
	});
	res.end(payload);
}

/** Every error the server sends has this shape: `{ error, hint, ...extra }`. */
export function sendError(
	res: ServerResponse,
	error: HttpError,
	headers: Record<string, string> = {},
) {
	sendJson(res, error.status, { error: error.message, hint: error.hint, ...error.extra }, headers);
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the whole body, refusing more than `limit` bytes (413) and anything that is not JSON (415/400). */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
	const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	// Requiring application/json also keeps other web sites out: browsers cannot send it cross-origin
	// without a CORS preflight, which this server never approves.
	if (type !== 'application/json') {
		drain(req);
		throw new HttpError(
			415,
			`Expected a JSON body (content-type application/json), got "${type || 'none'}"`,
			'Send the request with the header Content-Type: application/json.',
		);
	}
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) {
		drain(req);
		throw tooLarge(limit);
	}
	const text = await new Promise<string>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let failed = false;
		req.on('data', (chunk: Buffer) => {
			if (failed) return;
			size += chunk.length;
			if (size > limit) {
				failed = true;
				chunks.length = 0;
				drain(req, size);
				reject(tooLarge(limit));
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
		});
		req.on('error', (error) => {
			if (!failed)
				reject(
					new HttpError(
						400,
						`The request body could not be read: ${error.message}`,
						'Send the request again.',
					),
				);
		});
	});
	if (text.trim() === '')
		throw new HttpError(400, 'The request body is empty', 'Send a JSON object as the body.');
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new HttpError(
			400,
			`The request body is not valid JSON: ${(error as Error).message}`,
			'Fix the JSON syntax (quotes, commas, brackets) and send it again.',
		);
	}
}

export async function readJsonObject(req: IncomingMessage): Promise<JsonObject> {
	const body = await readJsonBody(req);
	if (!isObject(body))
		throw new HttpError(
			400,
			'The request body must be a JSON object',
			'Send an object such as {"name": "..."}, not an array or a single value.',
		);
	return body;
}

function tooLarge(limit: number) {
	return new HttpError(
		413,
		`The request body is larger than ${Math.round(limit / 1024)} KB`,
		'Send a smaller workflow: remove pinned data or large mock responses, or split the workflow.',
	);
}

/** Discards the rest of an upload so the answer reaches the client; gives up on absurd sizes. */
function drain(req: IncomingMessage, alreadyRead = 0) {
	let size = alreadyRead;
	req.removeAllListeners('data');
	req.on('data', (chunk: Buffer) => {
		size += chunk.length;
		if (size > MAX_DRAIN_BYTES) req.destroy();
	});
	req.resume();
}
