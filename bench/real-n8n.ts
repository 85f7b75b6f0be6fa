// (a) Real n8n 2.40.7, side by side in one instance: the Shopify order-status template (Fin Trigger ->
// Audience Filter -> API Action -> Answer) against the same job built from n8n's own nodes, twice:
// without an identity check (Webhook -> If -> HTTP Request -> Edit Fields) and with one (Webhook ->
// Crypto HMAC -> If -> HTTP Request with Header Auth -> Edit Fields), all calling the same loopback
// Shopify API. All must first
// answer the same content: a fast error is not a result. Rounds are short, interleaved (the side that
// goes first alternates), bounded in requests, and reported as ratios of the same run.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { startLoopbackServer, type ReceivedRequest } from '../engine/testing';
import {
	N8nClient,
	artifactsDir,
	customer,
	makeUserFolder,
	messengerJwt,
	packAndInstall,
	readTemplate,
	removeUserFolder,
	runtimeDir,
	secrets,
	startApis,
	startN8n,
	userHash,
	utilityUsage,
	waitForWebhook,
	type Apis,
	type N8nInstance,
} from '../real-n8n';
import { scratchN8n, type N8nPatch, type ScratchN8n } from './n8n-scratch';

export interface Setting {
	name: string;
	env: Record<string, string>;
	/** n8n's own rules patched out, in a scratch copy of the runtime (n8n-scratch.ts). */
	patches?: N8nPatch[];
	why: string;
	/** Measured only when named in FIN_BENCH_SETTINGS (keeps `npm run bench` within ~12 minutes). */
	optional?: boolean;
}

export const SETTINGS: Setting[] = [
	{ name: 'default', env: {}, why: "n8n 2.40.7's defaults (vm engine, pool 1, eager acquire)" },
	{
		name: 'tuned',
		env: {
			N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
			N8N_EXPRESSION_ENGINE_POOL_SIZE: '4',
			N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'true',
		},
		why: 'lazy isolate acquisition, 4 warm isolates, compile cache (still the secure vm engine)',
	},
	{
		name: 'rule-off-for-none',
		env: { N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' },
		optional: true,
		why: "n8n's webhook-phase skip disabled: every trigger, its own Webhook node included, takes the isolate Fin Trigger takes by default",
	},
	{
		name: 'patched: webhook rule',
		env: {},
		patches: ['webhookRule'],
		why: "default settings on a scratch copy of n8n 2.40.7 whose webhook-phase rule no longer requires the type `n8n-nodes-base.webhook` (proposal A): Fin Trigger v2 is treated like n8n's Webhook node",
	},
	{
		name: 'patched: webhook rule + credential isolate',
		env: {},
		patches: ['webhookRule', 'credentialIsolate'],
		why: 'as above, and no isolate to resolve credential data that holds no expression (proposal B; the built-in job reads no credential in its webhook phase, Fin Trigger reads its secrets)',
	},
];

export const CONCURRENCIES = [1, 10, 50];
// Knobs for short validation runs; the defaults are what `npm run bench` measures.
const envInt = (name: string, fallback: number) => {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
};
export const ROUNDS = envInt('FIN_BENCH_ROUNDS', 3);
export const ROUND_MS = envInt('FIN_BENCH_ROUND_MS', 3000);
// Each side's warm-up before any round: our side keeps getting faster for about 20 s of load (in a
// run of 3 s rounds at concurrency 1 on n8n's tuned settings: 60, 59, 63, 67, 72, 71, 76, 77 req/s,
// while n8n's own nodes stayed at 32-38), so a short warm-up measured a side still warming up.
export const WARMUP_MS = envInt('FIN_BENCH_WARMUP_MS', 15000);
export const TOKEN_EXECUTIONS = envInt('FIN_BENCH_TOKEN_EXECUTIONS', 1000);
const MAX_REQUESTS_PER_ROUND = 1500;
const WARMUP_MAX_REQUESTS = 3000;
// A request n8n has accepted is waited for as long as n8n takes: at concurrency 50 on a slow
// machine that is tens of seconds, and a client giving up first would turn n8n's slowness into
// "failures". Only a request n8n has not answered in 5 minutes counts as a timeout.
const CLIENT_TIMEOUT_MS = 300000;
// Lets n8n finish what the previous round left (saving executions) before the next one starts.
const SETTLE_MS = 500;

/** One request that did not get a 200: what n8n answered, or why the client got no answer. */
export interface FailedRequest {
	/** Milliseconds from the round's start to the failure, and how long the request took. */
	at: number;
	ms: number;
	status?: number;
	/** The start of n8n's answer, or the error's name, message and cause code. */
	detail: string;
}

export interface SideRound {
	ok: number;
	failed: number;
	/** Failures counted by cause (`HTTP 500`, `TimeoutError`, ...). */
	failures: Record<string, number>;
	/** Every failed request of the round, in order. */
	failedRequests: FailedRequest[];
	ms: number;
	throughput: number;
	p50: number;
	p95: number;
}

export interface ConcurrencyResult {
	concurrency: number;
	ours: SideRound[];
	builtin: SideRound[];
	/** n8n's own nodes with the identity check (Crypto HMAC of user_id compared with user_hash). */
	checked: SideRound[];
	/** Median over rounds of ours/built-in throughput, each round measured back to back. */
	throughputRatio: number;
	p50Ratio: number;
	/** The same, ours / built-in with the identity check. */
	checkedThroughputRatio: number;
	checkedP50Ratio: number;
}

export interface SettingResult {
	setting: string;
	env: Record<string, string>;
	patches: string[];
	why: string;
	/** Wall-clock seconds for this setting: n8n start, checks, measurement and stop. */
	seconds: number;
	sameAnswer: boolean;
	results: ConcurrencyResult[];
}

/** (e) in real n8n: token-endpoint calls for one token lifetime, per concurrency. */
export interface TokenCount {
	setting: string;
	concurrency: number;
	executions: number;
	answered: number;
	failures: Record<string, number>;
	tokenCalls: number;
}

export interface RealN8nResults {
	settings: SettingResult[];
	tokens: TokenCount[];
	/** Settings that could not be measured, with the reason; the others still are. */
	errors: Array<{ setting: string; error: string }>;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** The same job from n8n's own nodes: Webhook -> If (email set) -> HTTP Request -> Edit Fields. */
function builtinWorkflow(shopUrl: string) {
	// The template's grouped answer (API Action / Response Field Picker 1.1): one entry per order.
	const order = [
		'"Order": o.name',
		'"Ordered on": o.created_at',
		'"Shipping status": o.fulfillment_status',
		'"Payment status": o.financial_status',
		'"fulfillments": (o.fulfillments ?? []).map((f) => ({ "Tracking number": f.tracking_number }))',
		'"Order status page": o.order_status_url',
	].join(', ');
	const answer = `orders: $json.orders.map((o) => ({ ${order} }))`;
	return {
		name: 'Bench: built-in nodes',
		nodes: [
			{
				id: 'b1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: 'bench-builtin',
				parameters: {
					httpMethod: 'POST',
					path: 'order-status',
					responseMode: 'lastNode',
					options: {},
				},
			},
			{
				id: 'b2',
				name: 'If',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [220, 0],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: 'c1',
								leftValue: '={{ $json.body.user.email }}',
								rightValue: '',
								operator: { type: 'string', operation: 'notEmpty', singleValue: true },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
			},
			{
				id: 'b3',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [440, 0],
				parameters: {
					url: `${shopUrl}/admin/api/2025-07/orders.json`,
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: 'email', value: '={{ $json.body.user.email }}' },
							{ name: 'status', value: 'any' },
						],
					},
					sendHeaders: true,
					headerParameters: {
						parameters: [{ name: 'X-Shopify-Access-Token', value: secrets.shopifyToken }],
					},
					options: {},
				},
			},
			{
				id: 'b4',
				name: 'Edit Fields',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [660, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: `={{ JSON.stringify({ answer: { ${answer} } }) }}`,
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'If', type: 'main', index: 0 }]] },
			If: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }], []] },
			'HTTP Request': { main: [[{ node: 'Edit Fields', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The same job from n8n's own nodes *with* the identity check a user would build: Webhook -> Crypto
 * (HMAC-SHA256 of user_id with the identity-verification secret, from a Crypto credential) -> If (it
 * equals the posted user_hash) -> HTTP Request (Header Auth credential) -> Edit Fields.
 */
function checkedWorkflow(
	shopUrl: string,
	credentials: { crypto: unknown; httpHeaderAuth: unknown },
) {
	const plain = builtinWorkflow(shopUrl);
	const [webhook, , http, edit] = plain.nodes as any[];
	return {
		name: 'Bench: built-in nodes with the identity check',
		nodes: [
			{
				...webhook,
				id: 'k1',
				webhookId: 'bench-builtin-checked',
				parameters: { ...webhook.parameters, path: 'order-status-checked' },
			},
			{
				id: 'k2',
				name: 'Crypto',
				type: 'n8n-nodes-base.crypto',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					action: 'hmac',
					type: 'SHA256',
					value: '={{ $json.body.user.user_id }}',
					dataPropertyName: 'hmac',
					encoding: 'hex',
				},
				credentials: { crypto: credentials.crypto },
			},
			{
				id: 'k3',
				name: 'If',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [440, 0],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: 'k3c',
								leftValue: '={{ $json.hmac }}',
								rightValue: '={{ $json.body.user.user_hash }}',
								operator: { type: 'string', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
			},
			{
				...http,
				id: 'k4',
				position: [660, 0],
				parameters: {
					...http.parameters,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpHeaderAuth',
					sendHeaders: false,
					headerParameters: undefined,
				},
				credentials: { httpHeaderAuth: credentials.httpHeaderAuth },
			},
			{ ...edit, id: 'k5', position: [880, 0] },
		],
		connections: {
			Webhook: { main: [[{ node: 'Crypto', type: 'main', index: 0 }]] },
			Crypto: { main: [[{ node: 'If', type: 'main', index: 0 }]] },
			If: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }], []] },
			'HTTP Request': { main: [[{ node: 'Edit Fields', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function deployOurs(api: N8nClient, apis: Apis, messenger: unknown): Promise<string> {
	const template = readTemplate('shopify-order-status.json');
	const shopify = await api.createCredential('finFixedTokenApi', 'Shopify token (bench)', {
		token: secrets.shopifyToken,
		placement: 'header',
		headerName: 'X-Shopify-Access-Token',
		prefix: '',
		allowedDomain: '127.0.0.1',
	});
	for (const node of template.nodes) {
		if (node.type.endsWith('.finTrigger')) {
			node.credentials = { finMessengerApi: messenger };
			// The templates ship no webhookId (n8n's editor gives each import a new one): as the editor.
			node.webhookId = randomUUID();
		}
		if (node.type.endsWith('.apiAction')) {
			node.credentials = { finFixedTokenApi: shopify };
			node.parameters.shopifyOrderStatus_shopUrl = apis.shop.url;
		}
	}
	const created = await api.apiOk('POST', '/workflows', {
		name: template.name,
		nodes: template.nodes,
		connections: template.connections,
		settings: template.settings ?? {},
	});
	await api.apiOk('POST', `/workflows/${created.id}/activate`);
	const trigger = template.nodes.find((node: any) => node.type.endsWith('.finTrigger'));
	return `${api.baseUrl}/webhook/${trigger.webhookId}/fin`;
}

async function deployBuiltin(api: N8nClient, apis: Apis): Promise<string> {
	const workflow = builtinWorkflow(apis.shop.url);
	const created = await api.apiOk('POST', '/workflows', workflow);
	await api.apiOk('POST', `/workflows/${created.id}/activate`);
	return `${api.baseUrl}/webhook/order-status`;
}

async function deployChecked(api: N8nClient, apis: Apis): Promise<string> {
	const crypto = await api.createCredential('crypto', 'Identity verification HMAC (bench)', {
		hmacSecret: secrets.identityVerification,
	});
	const httpHeaderAuth = await api.createCredential('httpHeaderAuth', 'Shopify header (bench)', {
		name: 'X-Shopify-Access-Token',
		value: secrets.shopifyToken,
	});
	const workflow = checkedWorkflow(apis.shop.url, { crypto, httpHeaderAuth });
	const created = await api.apiOk('POST', '/workflows', workflow);
	await api.apiOk('POST', `/workflows/${created.id}/activate`);
	return `${api.baseUrl}/webhook/order-status-checked`;
}

/** The same message for the built-in side with the identity check: signed with Intercom's user_hash. */
function checkedRequest(): RequestInit {
	return {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			message: { text: 'Where is my order?' },
			user: {
				user_id: customer.user_id,
				email: customer.email,
				user_hash: userHash(secrets.identityVerification, customer.user_id),
			},
		}),
	};
}

/** One chat message, identical for both sides: a verified customer asking for their orders. */
function request(): RequestInit {
	const jwt = messengerJwt(secrets.identityVerification, {
		user_id: customer.user_id,
		email: customer.email,
	});
	return {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
		body: JSON.stringify({
			message: { text: 'Where is my order?' },
			user: { user_id: customer.user_id, email: customer.email },
		}),
	};
}

interface Answer {
	status?: number;
	text: string;
	error?: string;
}

async function answerOf(url: string, init: RequestInit): Promise<Answer> {
	try {
		const response = await fetch(url, { ...init, signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
		return { status: response.status, text: await response.text() };
	} catch (error) {
		const cause = (error as { cause?: { code?: string } }).cause?.code;
		const name = error instanceof Error ? error.name : 'Error';
		const message = error instanceof Error ? error.message : String(error);
		return { text: '', error: `${name}${cause ? ` (${cause})` : ''}: ${message}` };
	}
}

/** Closed loop: `concurrency` clients, each sending its next request when the last is answered. */
async function load(
	url: string,
	init: RequestInit,
	concurrency: number,
	accept: (text: string) => boolean = () => true,
	durationMs = ROUND_MS,
	maxRequests = MAX_REQUESTS_PER_ROUND,
): Promise<SideRound> {
	const latencies: number[] = [];
	let sent = 0;
	const failures: Record<string, number> = {};
	const failedRequests: FailedRequest[] = [];
	const started = performance.now();
	const end = started + durationMs;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (performance.now() < end && sent < maxRequests) {
				sent++;
				const t0 = performance.now();
				const answer = await answerOf(url, init);
				const t1 = performance.now();
				if (answer.status === 200 && accept(answer.text)) {
					latencies.push(t1 - t0);
					continue;
				}
				const cause = answer.error
					? answer.error.split(':')[0]
					: `HTTP ${answer.status}${answer.status === 200 ? ' (unexpected answer)' : ''}`;
				failures[cause] = (failures[cause] ?? 0) + 1;
				failedRequests.push({
					at: Math.round(t1 - started),
					ms: Math.round(t1 - t0),
					...(answer.status === undefined ? {} : { status: answer.status }),
					detail: (answer.error ?? answer.text).slice(0, 300),
				});
			}
		}),
	);
	const ms = performance.now() - started;
	return {
		ok: latencies.length,
		failed: failedRequests.length,
		failures,
		failedRequests,
		ms: Math.round(ms),
		throughput: (latencies.length * 1000) / ms,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
	};
}

const sum = (rounds: SideRound[], key: 'failed' | 'ok') =>
	rounds.reduce((total, round) => total + round[key], 0);
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The answer content both sides must agree on before anything is timed. */
const answerContent = (text: string) => {
	try {
		return JSON.stringify(JSON.parse(text).answer);
	} catch {
		return undefined;
	}
};

/**
 * (e) The electricity-usage template (Fin Trigger -> Audience Filter -> API Action with Fin Dynamic
 * Token -> picker) in real n8n: one fresh credential per concurrency, so each starts a token
 * lifetime with no stored token, and a loopback token endpoint that counts who asked.
 */
async function deployTokenWorkflows(api: N8nClient, messenger: unknown, apiUrl: string) {
	const out: Array<{ concurrency: number; clientId: string; webhookId: string }> = [];
	for (const concurrency of CONCURRENCIES) {
		const clientId = `bench-c${concurrency}`;
		const credential = await api.createCredential('finDynamicTokenApi', `Token c=${concurrency}`, {
			tokenUrl: `${apiUrl}/oauth/token`,
			clientId,
			clientSecret: secrets.utilityClientSecret,
			scope: 'usage:read',
			placement: 'bearer',
			allowedDomain: '127.0.0.1',
		});
		const template = readTemplate('electricity-usage.json');
		const webhookId = randomUUID();
		for (const node of template.nodes) {
			if (node.type.endsWith('.finTrigger')) {
				node.credentials = { finMessengerApi: messenger };
				node.webhookId = webhookId;
			}
			if (node.type.endsWith('.apiAction')) {
				node.credentials = { finDynamicTokenApi: credential };
				node.parameters.url = `${apiUrl}/customers/{{user.user_id}}/usage`;
			}
		}
		const created = await api.apiOk('POST', '/workflows', {
			name: `${template.name} (bench c=${concurrency})`,
			nodes: template.nodes,
			connections: template.connections,
			settings: template.settings ?? {},
		});
		await api.apiOk('POST', `/workflows/${created.id}/activate`);
		out.push({ concurrency, clientId, webhookId });
	}
	return out;
}

function startTokenApi() {
	// A token takes 50 ms to issue, like a real identity provider: long enough for executions that
	// start together to overlap while the first fetch is in flight.
	return startLoopbackServer({
		'POST /oauth/token': (request: ReceivedRequest) => {
			const clientId = new URLSearchParams(request.body).get('client_id') ?? '';
			return {
				delay: 50,
				body: { access_token: `token-${clientId}`, token_type: 'Bearer', expires_in: 3600 },
			};
		},
		'*': (request: ReceivedRequest) => {
			const match = /^\/customers\/([^/]+)\/usage$/.exec(request.path);
			if (!String(request.headers.authorization ?? '').startsWith('Bearer token-bench-c'))
				return { status: 401, body: { error: 'invalid_token' } };
			if (!match) return { status: 404, body: { error: 'not_found' } };
			return { body: utilityUsage(decodeURIComponent(match[1])) };
		},
	});
}

async function countTokenCalls(
	setting: string,
	baseUrl: string,
	workflows: Array<{ concurrency: number; clientId: string; webhookId: string }>,
	tokenApi: Awaited<ReturnType<typeof startTokenApi>>,
	log: (line: string) => void,
): Promise<TokenCount[]> {
	const smart = { ...customer, meter_type: 'smart' };
	const body = JSON.stringify({
		message: { text: 'How much power did I use?' },
		user: smart,
		user_hash: userHash(secrets.identityVerification, customer.user_id),
	});
	const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
	const out: TokenCount[] = [];
	for (const { concurrency, clientId, webhookId } of workflows) {
		const url = `${baseUrl}/webhook/${webhookId}/fin`;
		await waitForWebhook(url);
		let next = 0;
		let answered = 0;
		const failures: Record<string, number> = {};
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < TOKEN_EXECUTIONS) {
					next++;
					const answer = await answerOf(url, init);
					if (answer.status === 200 && answer.text.includes('312.4')) answered++;
					else {
						const cause = answer.error?.split(':')[0] ?? `HTTP ${answer.status}`;
						failures[cause] = (failures[cause] ?? 0) + 1;
					}
				}
			}),
		);
		const tokenCalls = tokenApi.requests.filter(
			(request) =>
				request.path === '/oauth/token' &&
				new URLSearchParams(request.body).get('client_id') === clientId,
		).length;
		out.push({
			setting,
			concurrency,
			executions: TOKEN_EXECUTIONS,
			answered,
			failures,
			tokenCalls,
		});
		log(
			`[e] real n8n (${setting}) c=${concurrency}: ${tokenCalls} token call(s) for ${TOKEN_EXECUTIONS} executions (${answered} answered with the usage)`,
		);
	}
	// Only the token calls are of interest: the API's requests need not be kept.
	tokenApi.requests.length = 0;
	return out;
}

/** What a Ctrl-C must still remove (run.ts calls this on SIGINT/SIGTERM); n8n stops by itself. */
const pendingCleanups = new Set<() => void>();
export function cleanUpNow(): void {
	for (const cleanup of pendingCleanups) cleanup();
	pendingCleanups.clear();
}

/** The settings this run measures: those in FIN_BENCH_SETTINGS, else every one not optional. */
function selectedSettings(): Setting[] {
	// The installed runtime only (N8N_RUNTIME_DIR): the benchmark never installs n8n or writes its logs.
	if (!existsSync(join(runtimeDir, 'n8n/node_modules/n8n/bin/n8n')))
		throw new Error(
			`No n8n at ${runtimeDir}: set N8N_RUNTIME_DIR to an installed runtime (npm run test:e2e installs one), or FIN_BENCH_SKIP_N8N=1`,
		);
	const only = process.env.FIN_BENCH_SETTINGS?.split(',').map((name) => name.trim());
	return SETTINGS.filter((setting) => (only ? only.includes(setting.name) : !setting.optional));
}

type TokenWorkflows = Awaited<ReturnType<typeof deployTokenWorkflows>>;

type Urls = { ours: string; builtin: string; checked: string };

/** What the first n8n that starts deploys, kept for every later setting (same database). */
interface Deployed {
	urls?: Urls;
	tokenWorkflows: TokenWorkflows;
}

/** What every setting of one run shares. */
interface BenchRun {
	userFolder: string;
	apis: Apis;
	tokenApi: Awaited<ReturnType<typeof startTokenApi>>;
	tokenSetting: Setting;
	results: RealN8nResults;
	log: (line: string) => void;
}

export async function benchRealN8n(log: (line: string) => void): Promise<RealN8nResults> {
	const settings = selectedSettings();
	// (e) runs in the tuned instance when it is measured: the token path (preAuthentication, n8n
	// storing the token) does not touch the expression engine, and it is the fastest instance.
	const tokenSetting = settings.find((setting) => setting.name === 'tuned') ?? settings[0];
	const results: RealN8nResults = { settings: [], tokens: [], errors: [] };
	// One user folder, package install, owner and set of workflows for every setting: each setting
	// restarts n8n (installed or patched copy) on the same database.
	const userFolder = makeUserFolder();
	const removeFolder = () => removeUserFolder(userFolder);
	pendingCleanups.add(removeFolder);
	const apis = await startApis();
	const tokenApi = await startTokenApi();
	// n8n's logs of this run, including one of an n8n that failed to start (no instance to ask).
	const logsBefore = new Set(existsSync(artifactsDir) ? readdirSync(artifactsDir) : []);
	let deployed: Deployed = { tokenWorkflows: [] };
	try {
		packAndInstall(userFolder);
		const run: BenchRun = { userFolder, apis, tokenApi, tokenSetting, results, log };
		for (const setting of settings) deployed = await runSetting(setting, deployed, run);
	} finally {
		await apis.close();
		await tokenApi.close();
		removeRunLeftovers(logsBefore, removeFolder);
	}
	return results;
}

/** One setting: start its n8n (deploying on the first start), measure, and stop it again. */
async function runSetting(setting: Setting, deployed: Deployed, run: BenchRun): Promise<Deployed> {
	const { userFolder, apis, tokenApi, tokenSetting, results, log } = run;
	let { urls, tokenWorkflows } = deployed;
	let n8n: N8nInstance | undefined;
	let scratch: ScratchN8n | undefined;
	const settingStarted = Date.now();
	try {
		scratch = setting.patches ? scratchN8n(setting.patches) : undefined;
		if (scratch) pendingCleanups.add(scratch.remove);
		n8n = await startN8n(
			userFolder,
			`bench-${setting.name.replace(/\W+/g, '-')}`,
			{ ...setting.env, ...scratch?.env, N8N_LOG_LEVEL: 'warn' },
			{ bin: scratch?.n8nBin },
		);
		if (!urls) {
			const { api, messenger } = await setUpOwner(n8n.url);
			urls = {
				ours: await deployOurs(api, apis, messenger),
				builtin: await deployBuiltin(api, apis),
				checked: await deployChecked(api, apis),
			};
			tokenWorkflows = await deployTokenWorkflows(api, messenger, tokenApi.url);
		}
		const { sameAnswer, concurrencyResults } = await measureSetting(setting, n8n.url, urls, log);
		results.settings.push({
			setting: setting.name,
			env: setting.env,
			patches: scratch?.patches ?? [],
			why: setting.why,
			seconds: Math.round((Date.now() - settingStarted) / 1000),
			sameAnswer,
			results: concurrencyResults,
		});
		if (setting === tokenSetting && tokenWorkflows.length)
			results.tokens = await countTokenCalls(setting.name, n8n.url, tokenWorkflows, tokenApi, log);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		log(`[a] ${setting.name} failed: ${message}`);
		results.errors.push({ setting: setting.name, error: message });
		if (!urls) throw error; // nothing deployed: no later setting can run either
	} finally {
		await n8n?.stop();
		if (scratch) {
			scratch.remove();
			pendingCleanups.delete(scratch.remove);
		}
	}
	return { urls, tokenWorkflows };
}

/** The owner account and the Fin Messenger credential every deployed workflow uses. */
async function setUpOwner(n8nUrl: string) {
	const api = new N8nClient(n8nUrl);
	await api.setUp();
	const messenger = await api.createCredential('finMessengerApi', 'Fin Messenger (bench)', {
		identityVerificationSecret: secrets.identityVerification,
		intercomClientSecret: secrets.intercomClient,
	});
	return { api, messenger };
}

/** (a) in one running n8n: the same answer from all three workflows, a warm-up, then every concurrency. */
async function measureSetting(
	setting: Setting,
	n8nUrl: string,
	urls: Urls,
	log: (line: string) => void,
) {
	// Paths stay; the port changes with every start.
	const at = (url: string) => `${n8nUrl}${new URL(url).pathname}`;
	const sides: Sides = {
		ours: { url: at(urls.ours), init: request() },
		builtin: { url: at(urls.builtin), init: request() },
		checked: { url: at(urls.checked), init: checkedRequest() },
	};
	for (const side of Object.values(sides)) await waitForWebhook(side.url);
	const { expected, sameAnswer } = await sameAnswerOf(sides);
	// Every timed answer must carry that same content: a fast error is not a result.
	const accept = (text: string) => answerContent(text) === expected;
	log(`[a] ${setting.name}: all three answer the same order fields; measuring`);
	// Warm-up, outside the measurement: every side until it runs at its steady pace.
	for (const side of Object.values(sides))
		await load(side.url, side.init, 10, accept, WARMUP_MS, WARMUP_MAX_REQUESTS);
	const concurrencyResults: ConcurrencyResult[] = [];
	for (const concurrency of CONCURRENCIES)
		concurrencyResults.push(
			await measureConcurrency(setting.name, sides, concurrency, accept, log),
		);
	return { sameAnswer, concurrencyResults };
}

type SideName = 'ours' | 'builtin' | 'checked';
type Sides = Record<SideName, { url: string; init: RequestInit }>;

/** All workflows must answer the same content before any timing, or no timing is a result. */
async function sameAnswerOf(sides: Sides) {
	const b = await answerOf(sides.builtin.url, sides.builtin.init);
	const expected = b.status === 200 ? answerContent(b.text) : undefined;
	let sameAnswer = expected !== undefined;
	const seen: string[] = [`  built-in ${b.status ?? b.error} ${b.text.slice(0, 600)}`];
	for (const name of ['ours', 'checked'] as const) {
		const a = await answerOf(sides[name].url, sides[name].init);
		seen.push(`  ${name} ${a.status ?? a.error} ${a.text.slice(0, 600)}`);
		sameAnswer &&= a.status === 200 && answerContent(a.text) === expected;
	}
	if (!sameAnswer)
		throw new Error(
			`the workflows do not answer the same content, so no timing is a result:\n${seen.join('\n')}`,
		);
	return { expected, sameAnswer };
}

const ratios = (ours: SideRound[], other: SideRound[]) => ({
	throughput: median(ours.map((round, i) => round.throughput / other[i].throughput)),
	p50: median(ours.map((round, i) => round.p50 / other[i].p50)),
});

/** One concurrency: ROUNDS interleaved rounds per side, and the median ratios of ours to each. */
async function measureConcurrency(
	settingName: string,
	sides: Sides,
	concurrency: number,
	accept: (text: string) => boolean,
	log: (line: string) => void,
): Promise<ConcurrencyResult> {
	const rounds: Record<SideName, SideRound[]> = { ours: [], builtin: [], checked: [] };
	const names: SideName[] = ['ours', 'builtin', 'checked'];
	for (let round = 0; round < ROUNDS; round++) {
		// The side that goes first rotates.
		const order = [...names.slice(round % 3), ...names.slice(0, round % 3)];
		for (const side of order) {
			await pause(SETTLE_MS);
			rounds[side].push(await load(sides[side].url, sides[side].init, concurrency, accept));
		}
	}
	const plain = ratios(rounds.ours, rounds.builtin);
	const checked = ratios(rounds.ours, rounds.checked);
	const result = {
		concurrency,
		ours: rounds.ours,
		builtin: rounds.builtin,
		checked: rounds.checked,
		throughputRatio: plain.throughput,
		p50Ratio: plain.p50,
		checkedThroughputRatio: checked.throughput,
		checkedP50Ratio: checked.p50,
	};
	const causes = Object.values(rounds).flatMap((side) =>
		side.flatMap((r) => Object.keys(r.failures)),
	);
	const rates = (side: SideRound[]) => side.map((r) => r.throughput.toFixed(1)).join('/');
	log(
		`[a] ${settingName} c=${concurrency}: ours/built-in throughput ${plain.throughput.toFixed(2)} (p50 ${plain.p50.toFixed(2)}x), ours/built-in with identity check ${checked.throughput.toFixed(2)} (p50 ${checked.p50.toFixed(2)}x) (req/s ours ${rates(rounds.ours)}, built-in ${rates(rounds.builtin)}, checked ${rates(rounds.checked)}; failed ${sum(rounds.ours, 'failed')}/${sum(rounds.builtin, 'failed')}/${sum(rounds.checked, 'failed')}${causes.length ? `: ${[...new Set(causes)].join(', ')}` : ''})`,
	);
	return result;
}

/** After the run: n8n's logs of this run and the user folder. */
function removeRunLeftovers(logsBefore: Set<string>, removeFolder: () => void) {
	if (existsSync(artifactsDir))
		for (const name of readdirSync(artifactsDir))
			if (name.startsWith('n8n-bench-') && !logsBefore.has(name))
				rmSync(join(artifactsDir, name), { force: true });
	removeFolder();
	pendingCleanups.delete(removeFolder);
	// n8n's log folder, when this run created it and left it empty.
	for (const dir of [artifactsDir, dirname(artifactsDir)])
		if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}
