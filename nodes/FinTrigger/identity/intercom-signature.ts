// Intercom webhook signature: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body>`, keyed with
// the app's client secret. Checked on the bytes exactly as they arrived, never on a re-serialized body.
import { createHmac } from 'node:crypto';

import { constantTimeEqual } from './secure-compare';

export type SignatureOutcome = 'valid' | 'missing' | 'malformed' | 'mismatch';

const HEADER_PATTERN = /^sha1=([0-9a-fA-F]{40})$/;

export function computeIntercomSignature(clientSecret: string, rawBody: Buffer): string {
	return `sha1=${createHmac('sha1', clientSecret).update(rawBody).digest('hex')}`;
}

export function verifyIntercomSignature(
	clientSecret: string,
	rawBody: Buffer,
	header: unknown,
): SignatureOutcome {
	if (typeof header !== 'string' || header === '') return 'missing';
	const match = HEADER_PATTERN.exec(header.trim());
	if (!match) return 'malformed';
	const expected = createHmac('sha1', clientSecret).update(rawBody).digest();
	return constantTimeEqual(expected, Buffer.from(match[1], 'hex')) ? 'valid' : 'mismatch';
}
