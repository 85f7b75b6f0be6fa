// The raw request body and its size limit. n8n stores the bytes it read as `req.rawBody` (and
// offers `req.readRawBody()` to read them on demand); signatures are only ever checked on those.
import { accept, refuse, type Outcome } from '../rejection';

export const DEFAULT_MAX_BODY_KB = 256;

/** The parts of n8n's webhook request (node's IncomingMessage, as n8n extends it) used here. */
export interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	rawBody: Buffer;
	readRawBody(): Promise<void>;
}

/** The bytes of the body as they arrived, or undefined when the host kept none. */
export async function rawBodyOf(request: WebhookRequest): Promise<Buffer | undefined> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

export function checkBodySize(byteLength: number, maxKb: number): Outcome<void> {
	const limit = Math.max(1, Math.floor(maxKb)) * 1024;
	if (byteLength > limit) {
		return refuse(
			413,
			'body_too_large',
			`The request body is larger than the limit of ${Math.floor(limit / 1024)} KB`,
		);
	}
	return accept(undefined);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 strictly (a leading BOM is dropped); undefined when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Buffer): string | undefined {
	try {
		return utf8.decode(bytes);
	} catch {
		return undefined;
	}
}
