// Sealed claims: a Messenger JWT claim the admin declares secret (a per-customer API token) leaves
// Fin Trigger only sealed, so n8n's saved executions, later nodes and logs hold ciphertext.
//
// Why sealed, not dropped: an API Action must be able to send the token to the customer's backend,
// yet every node output is stored by n8n. So the value is encrypted (AES-256-GCM) under a key
// derived from the identity-verification secret of the Fin Messenger credential, which n8n keeps
// encrypted and never puts in an execution; the API Action, given the same credential, opens it only
// while it builds the request (ApiAction/secret-claims.ts), and the opened value is redacted from
// everything it reports. The claim's name is bound into the seal, so a sealed value cannot be moved
// to another claim.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'fin-sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The sealing key: an HMAC of a fixed label under the identity-verification secret. */
export function sealingKey(identitySecret: string): Buffer {
	return createHmac('sha256', identitySecret)
		.update('n8n-nodes-fin-actions sealed claim v1')
		.digest();
}

export function isSealed(value: unknown): value is string {
	return typeof value === 'string' && value.startsWith(PREFIX);
}

/** "fin-sealed:v1:<base64url of iv, ciphertext, tag>" holding the claim's JSON value. */
export function sealClaim(name: string, value: unknown, key: Buffer): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(name, 'utf8'));
	const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
	return PREFIX + Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** A sealed claim that cannot be opened with the key given (another secret, or altered). */
export class SealedClaimError extends Error {
	constructor(readonly claim: string) {
		super(
			`The secret claim "${claim}" could not be opened: it was sealed by a Fin Trigger using another Fin Messenger credential (or its secret changed since), or it was altered. Under "Send Secret Claims", choose the same Fin Messenger credential as the Fin Trigger's.`,
		);
		this.name = 'SealedClaimError';
	}
}

/** The claim's JSON text, or undefined when the key does not open it (or it was altered). */
function decrypt(name: string, raw: Buffer, key: Buffer): string | undefined {
	if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
		decipher.setAAD(Buffer.from(name, 'utf8'));
		decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
		return Buffer.concat([
			decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
			decipher.final(),
		]).toString('utf8');
	} catch {
		return undefined;
	}
}

export function openClaim(name: string, sealed: string, key: Buffer): unknown {
	const text = decrypt(name, Buffer.from(sealed.slice(PREFIX.length), 'base64url'), key);
	if (text === undefined) throw new SealedClaimError(name);
	// Sealed by Fin Trigger from JSON.stringify, so it parses.
	return JSON.parse(text) as unknown;
}
