// The queue-mode suite's loopback API and its reading of n8n's executions.
//
// The API stands in for a utility's backend: an OAuth client-credentials token endpoint that counts
// its calls and hands out tokens whose lifetime the suite decides, and a usage endpoint that accepts
// only a token it issued and that has not expired, and answers data unique to each customer (so an
// answer carrying another customer's data is seen by id and by value).
import {
	startLoopbackServer,
	type LoopbackServer,
	type ReceivedRequest,
} from '../../../engine/loopback-server';
import type { N8nClient } from '../../../real-n8n/n8n-api';

export const queueSecrets = {
	clientId: 'fin-actions-queue',
	clientSecret: 'queue-client-secret-0123456789abcdef',
};

export interface TokenCall {
	/** Milliseconds since the first token call. */
	at: number;
	/** `expires_in` answered, in seconds. */
	lifetime: number;
}

export interface UsageApi {
	server: LoopbackServer;
	tokenCalls: TokenCall[];
	/** Every access token issued (the secret scan looks for each). */
	tokens: string[];
	/** Usage requests refused with 401 (no token, an unknown one, or one past its real expiry). */
	refused: number;
	usageCalls: number;
	close(): Promise<void>;
}

/** The customer behind an id like `cust-0042`, and the usage the API reports for them. */
export const customerId = (index: number) => `cust-${String(index).padStart(4, '0')}`;
export const usageOf = (id: string) => (1000 + Number(id.slice('cust-'.length))) / 10;

/** `lifetime(msSinceFirstCall)` gives each token's `expires_in` in seconds. */
export async function startUsageApi(lifetime: (sinceFirst: number) => number): Promise<UsageApi> {
	const issued = new Map<string, number>(); // token -> real expiry (epoch ms)
	const api: Omit<UsageApi, 'server' | 'close'> = {
		tokenCalls: [],
		tokens: [],
		refused: 0,
		usageCalls: 0,
	};
	let first = 0;
	const server = await startLoopbackServer({
		'POST /oauth/token': (request: ReceivedRequest) => {
			const form = new URLSearchParams(request.body);
			if (
				form.get('client_id') !== queueSecrets.clientId ||
				form.get('client_secret') !== queueSecrets.clientSecret
			)
				return { status: 401, body: { error: 'invalid_client' } };
			const now = Date.now();
			first ||= now;
			const seconds = lifetime(now - first);
			api.tokenCalls.push({ at: now - first, lifetime: seconds });
			const token = `queue-access-token-${api.tokenCalls.length}-${now}`;
			issued.set(token, now + seconds * 1000);
			api.tokens.push(token);
			return { body: { access_token: token, token_type: 'Bearer', expires_in: seconds } };
		},
		'*': (request: ReceivedRequest) => {
			const match = /^\/customers\/([^/]+)\/usage$/.exec(request.path);
			if (request.method !== 'GET' || !match) return { status: 404, body: { error: 'not_found' } };
			const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
			if (!(Date.now() < (issued.get(token) ?? 0))) {
				api.refused++;
				return { status: 401, body: { error: 'invalid_token' } };
			}
			api.usageCalls++;
			const id = decodeURIComponent(match[1]);
			return {
				body: {
					customer_id: id,
					usage_kwh: usageOf(id),
					tariff: 'Green Flex 24',
					estimated_bill: { amount: 98.37, currency: 'EUR' },
					period: { start: '2026-10-01', end: '2026-10-31' },
					payment: { method: 'direct_debit', iban: 'DE89370400440532013000' },
				},
			};
		},
	});
	return Object.assign(api, { server, close: () => server.close() });
}

/**
 * Retries a call to n8n's API that failed on the network (fetch's TypeError, e.g. a keep-alive
 * socket n8n closed just as it was reused), at most `attempts` times; any answer is returned as is.
 */
export async function retryOnNetworkError<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			if (!(error instanceof TypeError) || attempt >= attempts) throw error;
			await new Promise((done) => setTimeout(done, 1000));
		}
	}
}

/**
 * Every execution of a workflow through n8n's public API, page by page (250 a page, at most
 * `maxPages`), optionally of one status and with its data.
 */
export async function listExecutions(
	api: N8nClient,
	workflowId: string,
	query: { status?: string; includeData?: boolean } = {},
	maxPages = 100,
): Promise<any[]> {
	const all: any[] = [];
	let cursor = '';
	for (let page = 0; page < maxPages; page++) {
		const params = new URLSearchParams({ workflowId, limit: '250' });
		if (query.status) params.set('status', query.status);
		if (query.includeData) params.set('includeData', 'true');
		if (cursor) params.set('cursor', cursor);
		const answer = await retryOnNetworkError(() => api.apiOk('GET', `/executions?${params}`));
		all.push(...answer.data);
		cursor = answer.nextCursor ?? '';
		if (!cursor) return all;
	}
	throw new Error(`More than ${maxPages * 250} executions of workflow ${workflowId}`);
}
