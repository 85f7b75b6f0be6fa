// The request as n8n's webhook server hands it to a node: the body read up to n8n's payload limit,
// the raw bytes, the body parsed like n8n's parseBody, the content type and the query.
import type { IncomingMessage } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size <= limit) chunks.push(chunk);
	}
	return size > limit ? undefined : Buffer.concat(chunks);
}

/** As n8n's parseBody: by content type, only when there are bytes; undefined on a JSON syntax error. */
function parseLikeN8n(rawBody: Buffer, contentType: string): { ok: boolean; body?: unknown } {
	if (rawBody.length === 0) return { ok: true, body: undefined };
	const text = rawBody.toString('utf8').replace(/^\uFEFF/, '');
	if (contentType === 'application/json') {
		try {
			return { ok: true, body: JSON.parse(text) };
		} catch {
			return { ok: false };
		}
	}
	if (contentType === 'text/plain') return { ok: true, body: text };
	if (contentType === 'application/x-www-form-urlencoded')
		return { ok: true, body: { ...parseQueryString(text) } };
	return { ok: true, body: undefined };
}

/**
 * Adds to `req` what n8n's webhook server adds; undefined when the body does not parse (n8n answers
 * 422). `keepRawBody: false` hands the node no `rawBody`, as a host that keeps none.
 */
export function toN8nRequest(req: IncomingMessage, rawBody: Buffer, keepRawBody: boolean) {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	const multipart = contentType.startsWith('multipart/');
	const parsed = multipart
		? { ok: true, body: { data: {}, files: {} } }
		: parseLikeN8n(rawBody, contentType);
	if (!parsed.ok) return undefined;
	return Object.assign(req, {
		rawBody: !keepRawBody || multipart ? undefined : rawBody,
		_body: true,
		contentType,
		encoding: 'utf-8' as BufferEncoding,
		readRawBody: multipart
			? async () => {
					throw new Error('Request body stream was aborted or is not readable');
				}
			: async () => {},
		body: parsed.body,
		query: Object.fromEntries(url.searchParams),
		params: {},
		header: (name: string) => req.headers[name.toLowerCase()],
	});
}
