// One token fetch at a time per credential, within one n8n process.
//
// Why: n8n calls a credential's preAuthentication when the stored token is empty or a request just
// failed with 401, and only then saves the result. Executions that start together all read the empty
// field and would each fetch their own token (1 per execution at concurrency 10 or 50). Here they
// share one fetch: a caller joins the fetch in flight, or takes the token it produced while that
// token is still usable and is not the one the caller reports as rejected.
//
// Scope: this is in-process coordination only. Across queue-mode workers and webhook processes,
// what is shared is the token n8n stores in its database (the expirable `accessToken` field); a
// worker that reads it there never calls preAuthentication. Nothing here is persisted, and the
// key is a hash: no secret is held in clear beyond the token itself, which n8n stores anyway.
import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { FetchedToken } from './token-endpoint';

interface Flight {
	promise: Promise<FetchedToken>;
	/** Set once the fetch succeeded. */
	token?: FetchedToken;
}

const flights = new Map<string, Flight>();

/** Every field that changes what the token endpoint is asked or how its answer is read. */
const IDENTITY_FIELDS = [
	'tokenUrl',
	'requestMethod',
	'bodyFormat',
	'grantType',
	'clientId',
	'clientSecret',
	'username',
	'password',
	'scope',
	'answerPointer',
	'lifetimePointer',
	'defaultLifetime',
] as const;

/** The credential's identity: a SHA-256 over the fields above, so secrets never become map keys. */
export function credentialKey(credentials: ICredentialDataDecryptedObject): string {
	const fields = IDENTITY_FIELDS.map((name) => String(credentials[name] ?? ''));
	return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * The token for these credentials: the one being fetched, the one last fetched if it is still usable
 * and differs from the token the caller holds (which n8n asks to replace), or a new fetch.
 */
export async function singleFlightToken(
	credentials: ICredentialDataDecryptedObject,
	fetch: () => Promise<FetchedToken>,
	now: number = Date.now(),
): Promise<FetchedToken> {
	for (const [key, flight] of flights) {
		if (flight.token && now >= flight.token.expiresAt) flights.delete(key);
	}
	const key = credentialKey(credentials);
	const current = flights.get(key);
	if (current && !current.token) return await current.promise;
	if (current?.token && current.token.accessToken !== credentials.accessToken) return current.token;

	const flight: Flight = { promise: fetch() };
	flights.set(key, flight);
	// Registered before any caller awaits, so the token is recorded before they resume. A failure is
	// not shared with later callers: the next one asks the endpoint again.
	flight.promise.then(
		(token) => (flight.token = token),
		() => flights.get(key) === flight && flights.delete(key),
	);
	return await flight.promise;
}
