// Calls to n8n's public REST API for one deploy: the API key in a header only, every status judged
// here, redirects not followed, and no error carrying a secret this deploy may send.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { redactSecrets } from '../../../nodes/public';
import { HttpError, isObject, type JsonObject } from '../http';

const TIMEOUT_MS = 20_000;

export type Method = 'get' | 'post' | 'put' | 'patch';

export interface N8nCaller {
	baseUrl: string;
	/** Every secret this deploy may send: n8n may quote what it received, and nothing of it comes back. */
	secrets: string[];
	call(method: Method, path: string, body?: unknown, extra?: JsonObject): Promise<AxiosResponse>;
	/** The error with every secret of this deploy redacted. */
	keyFree(error: HttpError): HttpError;
}

export interface RemoteCredential {
	id: string;
	name: string;
	type: string;
}

export function n8nCaller(baseUrl: string, apiKey: string): N8nCaller {
	const host = new URL(baseUrl).hostname;
	const client = axios.create({
		baseURL: `${baseUrl}/api/v1`,
		timeout: TIMEOUT_MS,
		headers: {
			'X-N8N-API-KEY': apiKey,
			accept: 'application/json',
			'content-type': 'application/json',
		},
		// Judge every status ourselves, and do not follow redirects: a POST turned into a GET would hide the real problem.
		validateStatus: () => true,
		maxRedirects: 0,
		// Loopback n8n is never reached through a proxy.
		...(['localhost', '127.0.0.1', '[::1]'].includes(host) ? { proxy: false as const } : {}),
	});
	const secrets = [apiKey];
	const keyFree = (error: HttpError) =>
		new HttpError(
			error.status,
			redactSecrets(error.message, secrets),
			redactSecrets(error.hint, secrets),
			redactSecrets(error.extra, secrets),
		);
	const call = async (method: Method, path: string, body?: unknown, extra: JsonObject = {}) => {
		try {
			return await send(client, method, path, body, baseUrl, extra);
		} catch (error) {
			throw error instanceof HttpError ? keyFree(error) : error;
		}
	};
	return { baseUrl, secrets, call, keyFree };
}

export const ok = (response: AxiosResponse) => response.status >= 200 && response.status < 300;

type Caller = (method: Method, path: string, body?: unknown) => Promise<AxiosResponse>;

/** Every credential n8n lists (id, name, type; n8n never lists their data). */
export async function listCredentials(call: Caller, baseUrl: string): Promise<RemoteCredential[]> {
	const all: RemoteCredential[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 50; page++) {
		const response = await call(
			'get',
			`/credentials?limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		if (response.status < 200 || response.status >= 300)
			throw failure(response, baseUrl, 'list its credentials');
		const data =
			isObject(response.data) && Array.isArray(response.data.data) ? response.data.data : [];
		for (const entry of data)
			if (isObject(entry))
				all.push({ id: String(entry.id), name: String(entry.name), type: String(entry.type) });
		cursor =
			isObject(response.data) && typeof response.data.nextCursor === 'string'
				? response.data.nextCursor
				: undefined;
		if (!cursor) break;
	}
	return all;
}

async function send(
	client: AxiosInstance,
	method: Method,
	path: string,
	body: unknown,
	baseUrl: string,
	extra: JsonObject = {},
): Promise<AxiosResponse> {
	try {
		return await client.request({ method, url: path, data: body });
	} catch (error) {
		// Axios errors carry the request config (with the API key header): only the code travels on.
		const code = (error as { code?: string }).code ?? 'network error';
		const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
		throw new HttpError(
			502,
			timedOut
				? `n8n at ${baseUrl} did not answer within ${TIMEOUT_MS / 1000} s`
				: `Could not reach n8n at ${baseUrl} (${code})`,
			'Check that n8n is running and that the base URL is right (e.g. http://localhost:5678), then deploy again.',
			extra,
		);
	}
}

function n8nMessage(response: AxiosResponse): string {
	const data = response.data as unknown;
	if (isObject(data) && typeof data.message === 'string') return data.message;
	if (typeof data === 'string' && data.trim()) return data.trim().slice(0, 300);
	return `HTTP ${response.status}`;
}

/** n8n's refusal as the error the page shows, naming what to fix. */
export function failure(response: AxiosResponse, baseUrl: string, action: string): HttpError {
	const { status } = response;
	if (status === 401 || status === 403) {
		return new HttpError(
			401,
			`n8n rejected the API key (${status}: ${n8nMessage(response)})`,
			'Create a new API key in n8n under Settings > n8n API, paste it here and deploy again.',
		);
	}
	if (status >= 300 && status < 400) {
		return new HttpError(
			502,
			`n8n at ${baseUrl} redirected to ${String(response.headers.location ?? 'another address')}`,
			'Use the address n8n redirects to as the base URL (often https instead of http).',
		);
	}
	if (status === 404) {
		return new HttpError(
			502,
			`There is no n8n public API at ${baseUrl}/api/v1 (404)`,
			'Check the base URL, and that the public API is enabled in n8n (N8N_PUBLIC_API_DISABLED must not be true).',
		);
	}
	if (status === 400 || status === 409 || status === 422) {
		return new HttpError(
			400,
			`n8n could not ${action}: ${n8nMessage(response)}`,
			'Fix what n8n names in the workflow (see the canvas warnings), then deploy again.',
		);
	}
	return new HttpError(
		502,
		`n8n failed to ${action} (HTTP ${status}: ${n8nMessage(response)})`,
		"Look at n8n's logs for the cause, then deploy again.",
	);
}
