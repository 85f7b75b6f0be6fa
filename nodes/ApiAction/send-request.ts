// Sends one built request with bounded retries, a timeout and a response size limit, and reads the
// body as JSON. Every failure becomes an ApiCallFailure that names its cause.
import type { IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { parseJson } from '../shared/parse-json';

export type SendFunction = (options: IHttpRequestOptions) => Promise<unknown>;

export interface CallLimits {
	timeoutMs: number;
	maxResponseBytes: number;
	maxRetries: number;
	/** First backoff; doubled on each retry. */
	backoffMs: number;
	/** Longest wait a Retry-After may ask for before we give up instead. */
	maxRetryAfterMs: number;
	/** The n8n credential type the request is sent with (none: no credential); names what to check on a 401. */
	credentialType?: string;
}

export interface CallResult {
	status: number;
	body: unknown;
	bytes: number;
	attempts: number;
}

export type FailureKind =
	| 'http_status'
	| 'timeout'
	| 'connection'
	| 'too_large'
	| 'not_json'
	| 'rate_limited'
	| 'unauthorized'
	| 'credential'
	| 'redirect';

export class ApiCallFailure extends Error {
	constructor(
		readonly kind: FailureKind,
		message: string,
		readonly status?: number,
		readonly attempts = 1,
	) {
		super(message);
		this.name = 'ApiCallFailure';
	}
}

const RETRYABLE = [429, 502, 503, 504];

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: AsyncIterable<Buffer> & { destroy?: () => void };
}

function header(headers: FullResponse['headers'], name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** Retry-After in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function readLimited(response: FullResponse, limit: number): Promise<Buffer> {
	const declared = Number(header(response.headers, 'content-length'));
	if (Number.isFinite(declared) && declared > limit) {
		response.body.destroy?.();
		throw new ApiCallFailure(
			'too_large',
			`The response is ${declared} bytes, more than the limit of ${limit} bytes. Ask the API for less (filters, fields, a page size) or raise "Max Response Size".`,
			response.statusCode,
		);
	}
	const chunks: Buffer[] = [];
	let total = 0;
	let broken = false;
	try {
		for await (const chunk of response.body) {
			total += chunk.length;
			if (total > limit) break;
			chunks.push(chunk);
		}
	} catch {
		// The stream broke (the API or the network dropped the connection): n8n says only "aborted".
		broken = true;
	}
	if (total > limit) {
		response.body.destroy?.();
		throw new ApiCallFailure(
			'too_large',
			`The response is larger than the limit of ${limit} bytes. Ask the API for less (filters, fields, a page size) or raise "Max Response Size".`,
			response.statusCode,
		);
	}
	if (broken) {
		const expected = Number.isFinite(declared) ? ` of ${declared}` : '';
		throw new ApiCallFailure(
			'connection',
			`The API closed the connection before the whole answer arrived (${total}${expected} bytes). Check the API's health, or try again later.`,
			response.statusCode,
		);
	}
	return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, response: FullResponse): unknown {
	const text = raw.toString('utf8');
	if (text.trim() === '') return null;
	const parsed = parseJson(text);
	if (!parsed.ok) {
		const type = header(response.headers, 'content-type') ?? 'no content type';
		throw new ApiCallFailure(
			'not_json',
			`The API answered with a body that is not JSON (${type}, ${raw.length} bytes). Check the URL points at the API, not a web page.`,
			response.statusCode,
		);
	}
	return parsed.value;
}

/** What to check after a 401, for the kind of credential that was sent. */
export function unauthorizedMessage(credentialType: string | undefined): string {
	if (credentialType === 'finDynamicTokenApi')
		return 'The API refused the token (401), also after a fresh token was fetched. Check the Fin Dynamic Token credential: the client ID and secret (or user), the scope the API needs, and where the token goes (header name and prefix, or query parameter).';
	if (credentialType === 'finFixedTokenApi')
		return 'The API refused the token (401). Check the Fin Fixed Token credential: the token itself (not expired or revoked), and where it goes (Authorization: Bearer, a named header with its prefix, or a query parameter) as the API documents it.';
	const which = credentialType ? `the ${credentialType} credential's` : "the credential's";
	return `The API refused the credentials (401). Check ${which} values and where they are sent (header name, prefix or query parameter) as the API documents it.`;
}

/** A transport error as the HTTP helpers throw it (axios, n8n's NodeApiError). */
interface FoundError {
	code?: string;
	message?: string;
	cause?: { code?: string; message?: string };
	httpCode?: string;
	response?: { status?: number };
}

interface SeenError {
	found: FoundError;
	code: string;
	message: string;
	timeoutMs: number;
	credentialType?: string;
}

type Described = { kind: FailureKind; message: string; status?: number };

/** The first rule that recognises the error words it; the order matters (most specific first). */
const TRANSPORT_RULES: Array<(seen: SeenError) => Described | undefined> = [
	// The token credentials' own errors are already written for a person and hold no secret.
	({ message }) => {
		const tokenProblem = /Fin Dynamic Token: [^\n]*/.exec(message);
		if (tokenProblem) return { kind: 'unauthorized', message: tokenProblem[0] };
		const settingProblem = /Fin Fixed Token: [^\n]*/.exec(message);
		return settingProblem ? { kind: 'credential', message: settingProblem[0] } : undefined;
	},
	// n8n refuses before sending when the node has no usable credential: say so, not "network error".
	({ found, message }) =>
		/credentials? (set|not found|of type)|does not have any credentials/i.test(message)
			? {
					kind: 'credential',
					message: `${found.message ?? 'The credential is missing'}. Choose or create the credential in the node's "Authentication" settings.`,
				}
			: undefined,
	// Only a call without a credential gets here: with one, n8n wraps the 401 (below).
	({ found }) =>
		found.response?.status === 401
			? {
					kind: 'unauthorized',
					message: 'The API answered 401: it wants credentials. Choose one under "Authentication".',
					status: 401,
				}
			: undefined,
	({ found, credentialType }) =>
		found.httpCode === '401' || /\b401\b/.test(found.httpCode ?? '')
			? { kind: 'unauthorized', message: unauthorizedMessage(credentialType), status: 401 }
			: undefined,
	({ code, message, timeoutMs }) =>
		code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)
			? {
					kind: 'timeout',
					message: `The API did not answer within ${timeoutMs} ms. Check that it is up, or raise "Timeout".`,
				}
			: undefined,
	// n8n words a reset in its own generic text ("closed unexpectedly"): name the cause the node saw.
	({ code, message }) =>
		code === 'ECONNRESET' ||
		code === 'EPIPE' ||
		/ECONNRESET|socket hang up|closed unexpectedly/i.test(message)
			? {
					kind: 'connection',
					message:
						'The API closed the connection without answering (connection reset). Check that the API is healthy, or try again later.',
				}
			: undefined,
	({ code, message }) =>
		code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)
			? {
					kind: 'connection',
					message:
						'The connection was refused: nothing listens at that host and port. Check the URL and that the API is reachable from n8n.',
				}
			: undefined,
	({ code, message }) =>
		code === 'ENOTFOUND' || /ENOTFOUND|EAI_AGAIN/.test(message)
			? { kind: 'connection', message: 'The API host name could not be resolved. Check the URL.' }
			: undefined,
];

function describeTransportError(
	error: unknown,
	timeoutMs: number,
	attempts: number,
	credentialType?: string,
): ApiCallFailure {
	const found = error as FoundError;
	const code = found.cause?.code ?? found.code ?? '';
	const message = `${found.message ?? ''} ${found.cause?.message ?? ''}`;
	const seen: SeenError = { found, code, message, timeoutMs, credentialType };
	for (const rule of TRANSPORT_RULES) {
		const described = rule(seen);
		if (described)
			return new ApiCallFailure(described.kind, described.message, described.status, attempts);
	}
	return new ApiCallFailure(
		'connection',
		`The request could not be completed (${code || 'network error'}). Check the URL and the network between n8n and the API.`,
		undefined,
		attempts,
	);
}

export async function sendWithRetries(
	send: SendFunction,
	options: IHttpRequestOptions,
	limits: CallLimits,
): Promise<CallResult> {
	for (let attempt = 1; ; attempt++) {
		const response = (await send({
			...options,
			timeout: limits.timeoutMs,
			returnFullResponse: true,
			encoding: 'stream',
			// Statuses are ours to judge, except 401: n8n must see it to refresh a dynamic token and retry.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			disableFollowRedirect: true,
		}).catch((error: unknown) =>
			describeTransportError(error, limits.timeoutMs, attempt, limits.credentialType),
		)) as FullResponse | ApiCallFailure;
		if (response instanceof ApiCallFailure) throw response;
		const status = response.statusCode;
		if (RETRYABLE.includes(status)) {
			response.body.destroy?.();
			const asked = retryAfterMs(header(response.headers, 'retry-after'));
			if (attempt > limits.maxRetries || (asked !== undefined && asked > limits.maxRetryAfterMs)) {
				const wait =
					asked !== undefined ? ` The API asked to wait ${Math.ceil(asked / 1000)} s.` : '';
				throw new ApiCallFailure(
					status === 429 ? 'rate_limited' : 'http_status',
					`The API answered ${status} on all ${attempt} attempts.${wait} Try again later or raise "Retries".`,
					status,
					attempt,
				);
			}
			await sleep(asked ?? limits.backoffMs * 2 ** (attempt - 1));
			continue;
		}
		if (status >= 300 && status < 400) {
			// Not followed (a credential must not travel to another address), and its body is no answer.
			response.body.destroy?.();
			throw new ApiCallFailure(
				'redirect',
				`The API answered ${status}, a redirect${redirectTarget(header(response.headers, 'location'), options.url)}. Redirects are not followed, so a credential never travels to another address: set the URL to the address the API redirects to.`,
				status,
				attempt,
			);
		}
		const raw = await readLimited(response, limits.maxResponseBytes);
		if (status >= 400) {
			throw new ApiCallFailure(
				'http_status',
				`The API answered ${status}${statusHint(status)}`,
				status,
				attempt,
			);
		}
		return { status, body: parseBody(raw, response), bytes: raw.length, attempts: attempt };
	}
}

function statusHint(status: number): string {
	if (status === 403) return ': the credential may not read this resource. Check its scopes.';
	if (status === 404)
		return ': nothing at that address for this customer. Check the URL and the attributes in it.';
	if (status >= 500) return ': the API failed. Try again later or contact its owner.';
	return '. Check the request settings.';
}

/** " to <origin>" of a Location header (its path and query may carry customer data: left out). */
function redirectTarget(location: string | undefined, base: string): string {
	if (!location) return '';
	try {
		return ` to ${new URL(location, base).origin}`;
	} catch {
		return '';
	}
}
