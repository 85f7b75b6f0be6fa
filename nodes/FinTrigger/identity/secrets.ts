// The two secrets of the Fin Messenger credential, read only when a request needs one.
//
// Kept per process for SECRETS_LIFETIME_SECONDS, by credential id. Why: n8n 2.40.7 reads a
// credential in a webhook call through credentialsHelper.getDecrypted, which (for lack of run data
// in the webhook phase) builds a Workflow and takes an expression isolate to resolve the credential's
// fields, on every call, plus a database read and a decryption. Measured in real n8n on default
// settings (docs/speed.md): that is one of the two isolates a Fin Trigger call took.
// - A changed or deleted credential takes effect within SECRETS_LIFETIME_SECONDS: after that the
//   next call reads it again (and a deleted one fails as before). Documented in docs/speed.md.
// - Never shared across credential ids; a failed read is not kept.
// - Test URL calls (mode 'manual', the editor listening) always read the credential, so an edit in
//   the editor shows at once.
// - A check that fails on kept secrets is tried once more with the credential read again
//   (checkWithSecrets): a secret rotated a moment ago is accepted at once, and a refused call costs
//   one read, as every call did before.
// - The secrets sit behind a closure, so printing the cache shows no secret.
import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

export interface MessengerSecrets extends ICredentialDataDecryptedObject {
	identityVerificationSecret: string;
	intercomClientSecret: string;
}

export const SECRETS_LIFETIME_SECONDS = 30;
/** Bounded: a process serving more Fin Trigger credentials than this reads the rest each call. */
const MAX_CREDENTIALS = 1000;

interface Kept {
	expiresAt: number;
	secrets: () => Promise<MessengerSecrets>;
}
const kept = new Map<string, Kept>();

async function readSecrets(context: IWebhookFunctions): Promise<MessengerSecrets> {
	const credentials = await context.getCredentials<MessengerSecrets>('finMessengerApi');
	return {
		identityVerificationSecret: String(credentials.identityVerificationSecret ?? ''),
		intercomClientSecret: String(credentials.intercomClientSecret ?? ''),
	};
}

function forgetExpired(now: number): void {
	for (const [id, entry] of kept) if (entry.expiresAt <= now) kept.delete(id);
	// Still full: drop the oldest (a Map iterates in insertion order).
	while (kept.size >= MAX_CREDENTIALS) kept.delete(kept.keys().next().value as string);
}

/** The secrets, and whether they were kept from an earlier read. */
async function lookUp(
	context: IWebhookFunctions,
): Promise<{ secrets: MessengerSecrets; kept: boolean }> {
	const id = context.getNode().credentials?.finMessengerApi?.id;
	if (!id || context.getMode() === 'manual')
		return { secrets: await readSecrets(context), kept: false };
	const now = Date.now();
	const entry = kept.get(id);
	if (entry && entry.expiresAt > now) return { secrets: await entry.secrets(), kept: true };
	return { secrets: await readAndKeep(context, id, now), kept: false };
}

async function readAndKeep(
	context: IWebhookFunctions,
	id: string,
	now: number,
): Promise<MessengerSecrets> {
	forgetExpired(now);
	// Concurrent calls share one read; the lifetime counts from when the read started.
	const reading = readSecrets(context);
	const fresh: Kept = { expiresAt: now + SECRETS_LIFETIME_SECONDS * 1000, secrets: () => reading };
	kept.set(id, fresh);
	// A failed read is not kept (the caller still gets its error from `reading`).
	reading.catch(() => {
		if (kept.get(id) === fresh) kept.delete(id);
	});
	return await reading;
}

/**
 * `check` with the secrets; when it fails on kept ones, once more after reading the credential
 * again, so a rotation takes effect for the new secret at once.
 */
export async function checkWithSecrets<T extends { ok: boolean }>(
	context: IWebhookFunctions,
	check: (secrets: MessengerSecrets) => T,
): Promise<T> {
	const first = await lookUp(context);
	const outcome = check(first.secrets);
	if (outcome.ok || !first.kept) return outcome;
	// readAndKeep replaces the kept entry with the fresh read.
	const id = context.getNode().credentials?.finMessengerApi?.id as string;
	return check(await readAndKeep(context, id, Date.now()));
}
