// Signing as Intercom and a Messenger backend do: user_hash (HMAC-SHA256), Intercom's
// X-Hub-Signature (HMAC-SHA1 of the raw body) and HS256 JWTs. Shared by the real-n8n driver, the
// engine tests (test/fixtures/fin-trigger.ts re-exports it) and the hostile suite.
import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

export const IDENTITY_SECRET = 'iv-secret-0123456789abcdef';
export const CLIENT_SECRET = 'client-secret-0123456789abcdef';

export const userHash = (identifier: string, secret = IDENTITY_SECRET) =>
	createHmac('sha256', secret).update(identifier).digest('hex');

export const hubSignature = (raw: string | Buffer, secret = CLIENT_SECRET) =>
	`sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT as a Messenger backend signs it; `alg`/`key`/`hash` let tests forge the wrong ones. */
export function signJwt(
	claims: IDataObject,
	{
		secret = IDENTITY_SECRET,
		alg = 'HS256',
		hash = 'sha256',
	}: { secret?: string; alg?: string; hash?: string } = {},
): string {
	const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
	if (alg === 'none') return `${head}.`;
	return `${head}.${createHmac(hash, secret).update(head).digest('base64url')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
