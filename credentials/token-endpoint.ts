// Fetching a token from a token endpoint and reading it from the answer, for Fin Dynamic Token.
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { parsePointer, pointerProblem, resolvePointer } from '../nodes/shared/json-pointer';
import { parseJson } from '../nodes/shared/parse-json';

/** The single value a JSON pointer names in the token endpoint's answer. */
function readPointer(document: unknown, pointer: string): unknown {
	const problem = pointerProblem(pointer);
	if (problem)
		throw new Error(`Fin Dynamic Token: the pointer "${pointer}" is malformed: ${problem}.`);
	return resolvePointer(document, parsePointer(pointer)).values[0];
}

function tokenRequestBody(credentials: ICredentialDataDecryptedObject): IDataObject {
	const body: IDataObject =
		credentials.grantType === 'password'
			? { grant_type: 'password', username: credentials.username, password: credentials.password }
			: { grant_type: 'client_credentials' };
	if (credentials.clientId) body.client_id = credentials.clientId;
	if (credentials.clientSecret) body.client_secret = credentials.clientSecret;
	if (credentials.scope) body.scope = credentials.scope;
	return body;
}

export interface FetchedToken {
	accessToken: string;
	/** Epoch ms after which the token is no longer used: shortly before it really expires. */
	expiresAt: number;
}

/** Refresh a little before the real expiry: a minute, or half the lifetime of short-lived tokens. */
export function useUntil(now: number, lifetimeSeconds: number): number {
	const lifetime = lifetimeSeconds * 1000;
	return now + lifetime - Math.min(60000, lifetime / 2);
}

/** The host of the Token URL: the only host the client secret or password is ever sent to. */
function tokenHost(tokenUrl: unknown): string {
	if (!URL.canParse(String(tokenUrl)))
		throw new Error(
			'Fin Dynamic Token: the Token URL is not a valid absolute URL (e.g. https://auth.example.com/oauth/token).',
		);
	return new URL(String(tokenUrl)).hostname;
}

export async function fetchToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<FetchedToken> {
	const form = credentials.bodyFormat !== 'json';
	const body = tokenRequestBody(credentials);
	const host = tokenHost(credentials.tokenUrl);
	let failure: unknown;
	let answer: unknown = await helper.helpers
		.httpRequest({
			url: credentials.tokenUrl as string,
			// The request carries the client secret or password: a redirect (even 307/308, which
			// re-post the body) would hand it to whatever host the answer names, so none is followed,
			// and n8n's HTTP layer refuses any host but the configured one.
			disableFollowRedirect: true,
			allowedDomains: host,
			method: (credentials.requestMethod as 'POST' | 'GET') ?? 'POST',
			body: form ? new URLSearchParams(body as Record<string, string>).toString() : body,
			headers: {
				'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
				Accept: 'application/json',
			},
			json: !form,
			timeout: 10000,
		})
		.catch((error: unknown) => (failure = error));
	if (failure) {
		// Only the status leaves this function: the request carried the client secret or password.
		const status =
			(failure as { response?: { status?: number } }).response?.status ??
			(failure as { httpCode?: string }).httpCode;
		if (Number(status) >= 300 && Number(status) < 400) {
			throw new Error(
				`Fin Dynamic Token: the token endpoint answered ${status} (a redirect). The client secret is never re-sent elsewhere, so Fin Dynamic Token never follows redirects: set the Token URL to the final address of the token endpoint.`,
			);
		}
		throw new Error(
			`Fin Dynamic Token: the token endpoint ${status ? `answered ${status}` : 'could not be reached'}. Check the token URL and the client id, secret or user name and password.`,
		);
	}
	if (typeof answer === 'string') {
		const parsed = parseJson(answer);
		if (!parsed.ok) throw new Error('Fin Dynamic Token: the token endpoint did not answer JSON.');
		answer = parsed.value;
	}
	const token = readPointer(answer, (credentials.answerPointer as string) || '/access_token');
	if (typeof token !== 'string' || token === '') {
		throw new Error(
			`Fin Dynamic Token: no token at "${credentials.answerPointer as string}" in the token endpoint's answer. Set "Token Pointer" to where the token is.`,
		);
	}
	const lifetime = Number(
		readPointer(answer, (credentials.lifetimePointer as string) || '/expires_in'),
	);
	const seconds =
		Number.isFinite(lifetime) && lifetime > 0
			? lifetime
			: Number(credentials.defaultLifetime) || 3600;
	return { accessToken: token, expiresAt: useUntil(Date.now(), seconds) };
}
