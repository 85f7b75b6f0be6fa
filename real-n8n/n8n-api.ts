// n8n's own HTTP APIs, as a user or a script would call them: the REST API behind the editor
// (cookie + browser-id) for the owner and the API key, then the public API (X-N8N-API-KEY).
import { randomUUID } from 'node:crypto';

export interface HttpAnswer<T = any> {
	status: number;
	headers: Headers;
	text: string;
	json: T;
}

/** Socket-level failures of a kept-alive connection the server closed while it sat idle. */
const STALE_SOCKET = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

/**
 * fetch, sent once more when a pooled keep-alive connection turns out closed: n8n closes idle
 * connections after a few seconds, and with one n8n shared by the suite's files a connection can sit
 * idle while jest compiles the next file; such a request never reached n8n. Other failures throw,
 * their cause named.
 */
async function send(url: string, init: RequestInit): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(60000) });
		} catch (error) {
			const cause = (error as { cause?: { code?: string; message?: string } }).cause;
			if (attempt < 3 && cause?.code && STALE_SOCKET.has(cause.code)) continue;
			if (cause && error instanceof Error)
				error.message += ` (${cause.code ?? ''} ${cause.message ?? ''}: ${init.method ?? 'GET'} ${url})`;
			throw error;
		}
	}
}

export async function http<T = any>(url: string, init: RequestInit = {}): Promise<HttpAnswer<T>> {
	const response = await send(url, init);
	const text = await response.text();
	let json: any;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

function expectOk<T>(answer: HttpAnswer<T>, what: string): HttpAnswer<T> {
	if (answer.status < 200 || answer.status >= 300)
		throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 2000)}`);
	return answer;
}

export const owner = {
	email: 'owner@fin-actions.test',
	firstName: 'Fin',
	lastName: 'Owner',
	password: 'E2e-Passw0rd-' + randomUUID().slice(0, 8),
};

/** The owner's editor login: n8n binds its n8n-auth cookie to the browser-id sent with it. */
export interface EditorLogin {
	cookie: string;
	browserId: string;
}

export class N8nClient {
	private cookie = '';
	private browserId: string = randomUUID();
	apiKey = '';

	constructor(readonly baseUrl: string) {}

	/** Creates the owner account (first start only), logs in, and creates an API key with every scope. */
	async setUp(): Promise<void> {
		expectOk(await this.post('/rest/owner/setup', owner), 'POST /rest/owner/setup');
		await this.login(owner.password);
		await this.createApiKey();
	}

	/**
	 * A client for an n8n another process set up (the e2e suite's shared n8n, see
	 * test/real-n8n/support/global-setup.ts): its API key and its owner's login. The login is shared,
	 * not repeated per file: n8n limits logins per minute and answers 429 beyond that.
	 */
	static attach(baseUrl: string, apiKey: string, login: EditorLogin): N8nClient {
		const client = new N8nClient(baseUrl);
		client.apiKey = apiKey;
		client.cookie = login.cookie;
		client.browserId = login.browserId;
		return client;
	}

	/** The owner's login, for another client of the same n8n (see attach). */
	get editorLogin(): EditorLogin {
		return { cookie: this.cookie, browserId: this.browserId };
	}

	/** Logs the owner in: the editor's REST API needs its n8n-auth cookie. */
	private async login(password: string): Promise<void> {
		const login = expectOk(
			await http(`${this.baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'browser-id': this.browserId },
				body: JSON.stringify({ emailOrLdapLoginId: owner.email, password }),
			}),
			'POST /rest/login',
		);
		const setCookie = login.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (!setCookie)
			throw new Error(
				`POST /rest/login answered without an n8n-auth cookie: ${login.text.slice(0, 500)}`,
			);
		this.cookie = setCookie.split(';')[0];
	}

	private async createApiKey(): Promise<void> {
		const scopes = expectOk(
			await this.rest('GET', '/rest/api-keys/scopes'),
			'GET /rest/api-keys/scopes',
		).json.data as string[];
		const key = expectOk(
			await this.rest('POST', '/rest/api-keys', {
				label: 'fin-actions e2e',
				expiresAt: null,
				scopes,
			}),
			'POST /rest/api-keys',
		);
		this.apiKey = key.json.data.rawApiKey;
		if (!this.apiKey) throw new Error(`POST /rest/api-keys answered no rawApiKey: ${key.text}`);
	}

	private post(path: string, body: unknown) {
		return http(`${this.baseUrl}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	}

	/** The editor's REST API, as the logged-in owner. */
	rest<T = any>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
		return http<T>(`${this.baseUrl}${path}`, {
			method,
			headers: {
				cookie: this.cookie,
				'browser-id': this.browserId,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	/** The public API (`/api/v1`), with the API key. */
	api<T = any>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
		return http<T>(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: {
				'X-N8N-API-KEY': this.apiKey,
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	async apiOk<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		return expectOk(await this.api<T>(method, path, body), `${method} /api/v1${path}`).json;
	}

	/**
	 * As apiOk, for a call right after an unpublish: n8n 2.x unpublishes through an outbox, and until
	 * that is done it answers 409 "still being unpublished" (bounded wait).
	 */
	async apiOkAfterUnpublish<T = any>(method: string, path: string, timeoutMs = 30000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const answer = await this.api<T>(method, path);
			if (answer.status !== 409 || Date.now() > deadline)
				return expectOk(answer, `${method} /api/v1${path}`).json;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	async createCredential(
		type: string,
		name: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string }> {
		const created = await this.apiOk('POST', '/credentials', { name, type, data });
		return { id: created.id, name: created.name };
	}

	/**
	 * Removes every workflow as n8n's UI does (unpublish, archive, delete): the next file on a shared
	 * n8n finds no webhook, workflow name or execution of this one.
	 */
	async removeAllWorkflows(): Promise<void> {
		const list = (await this.apiOk('GET', '/workflows?limit=250')).data as Array<{
			id: string;
			active: boolean;
			isArchived?: boolean;
		}>;
		for (const workflow of list) {
			if (workflow.active) await this.apiOk('POST', `/workflows/${workflow.id}/unpublish`);
			if (!workflow.isArchived)
				await this.apiOkAfterUnpublish('POST', `/workflows/${workflow.id}/archive`);
			await this.apiOkAfterUnpublish('DELETE', `/workflows/${workflow.id}`);
		}
	}

	async executions(workflowId: string): Promise<any[]> {
		const list = await this.apiOk(
			'GET',
			`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=250`,
		);
		return list.data;
	}
}
