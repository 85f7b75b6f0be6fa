// (a) Real n8n 2.40.7, side by side in one instance: the Shopify order-status template (Fin Trigger ->
// Audience Filter -> API Action -> Answer) against the same job built from n8n's own nodes (Webhook ->
// If -> HTTP Request -> Edit Fields), both calling the same loopback Shopify API. Both must first
// answer the same content: a fast error is not a result. Rounds are short, interleaved (the side that
// goes first alternates), bounded in requests, and reported as ratios of the same run.
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { secrets, startApis, type Apis } from '../test/e2e/support/apis';
import { messengerJwt } from '../test/e2e/support/chat';
import { customer } from '../test/e2e/support/fixtures';
import { N8nClient } from '../test/e2e/support/n8n-api';
import { packAndInstall } from '../test/e2e/support/package';
import {
	artifactsDir,
	makeUserFolder,
	removeUserFolder,
	runtimeDir,
	startN8n,
	type N8nInstance,
} from '../test/e2e/support/runtime';
import { readTemplate, waitForWebhook } from '../test/e2e/support/workflows';

export const SETTINGS: Array<{ name: string; env: Record<string, string>; why: string }> = [
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
		why: "n8n's webhook-phase skip disabled: every trigger, its own Webhook node included, takes the isolate Fin Trigger takes by default",
	},
];

export const CONCURRENCIES = [1, 10, 50];
const ROUNDS = 3;
const ROUND_MS = 3000;
const MAX_REQUESTS_PER_ROUND = 1500;

export interface SideRound {
	ok: number;
	failed: number;
	failures: Record<string, number>;
	ms: number;
	throughput: number;
	p50: number;
	p95: number;
}

export interface ConcurrencyResult {
	concurrency: number;
	ours: SideRound[];
	builtin: SideRound[];
	/** Median over rounds of ours/built-in throughput, each round measured back to back. */
	throughputRatio: number;
	p50Ratio: number;
}

export interface SettingResult {
	setting: string;
	env: Record<string, string>;
	why: string;
	sameAnswer: boolean;
	results: ConcurrencyResult[];
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
	const field = (name: string, expression: string) => `${JSON.stringify(name)}: ${expression}`;
	const answer = [
		field('Order', '$json.orders.map((o) => o.name)'),
		field('Ordered on', '$json.orders.map((o) => o.created_at)'),
		field('Shipping status', '$json.orders.map((o) => o.fulfillment_status)'),
		field('Payment status', '$json.orders.map((o) => o.financial_status)'),
		field(
			'Tracking number',
			'$json.orders.flatMap((o) => (o.fulfillments ?? []).map((f) => f.tracking_number))',
		),
		field('Order status page', '$json.orders.map((o) => o.order_status_url)'),
	].join(', ');
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

async function deployOurs(api: N8nClient, apis: Apis): Promise<string> {
	const template = readTemplate('shopify-order-status.json');
	const messenger = await api.createCredential('finMessengerApi', 'Fin Messenger (bench)', {
		identityVerificationSecret: secrets.identityVerification,
		intercomClientSecret: secrets.intercomClient,
	});
	const shopify = await api.createCredential('finFixedTokenApi', 'Shopify token (bench)', {
		token: secrets.shopifyToken,
		placement: 'header',
		headerName: 'X-Shopify-Access-Token',
		prefix: '',
		allowedDomain: '127.0.0.1',
	});
	for (const node of template.nodes) {
		if (node.type.endsWith('.finTrigger')) node.credentials = { finMessengerApi: messenger };
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

async function answerOf(url: string, init: RequestInit) {
	const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30000) });
	const text = await response.text();
	return { status: response.status, text };
}

async function load(url: string, init: RequestInit, concurrency: number): Promise<SideRound> {
	const latencies: number[] = [];
	let failed = 0;
	let sent = 0;
	// Why requests failed: HTTP status, or the error's name (e.g. TimeoutError).
	const failures: Record<string, number> = {};
	const fail = (why: string) => {
		failed++;
		failures[why] = (failures[why] ?? 0) + 1;
	};
	const started = performance.now();
	const end = started + ROUND_MS;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (performance.now() < end && sent < MAX_REQUESTS_PER_ROUND) {
				sent++;
				const t0 = performance.now();
				try {
					const answer = await answerOf(url, init);
					if (answer.status === 200) latencies.push(performance.now() - t0);
					else fail(`HTTP ${answer.status}`);
				} catch (error) {
					fail(error instanceof Error ? error.name : 'error');
				}
			}
		}),
	);
	const ms = performance.now() - started;
	return {
		ok: latencies.length,
		failed,
		failures,
		ms: Math.round(ms),
		throughput: (latencies.length * 1000) / ms,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
	};
}

export async function benchRealN8n(log: (line: string) => void): Promise<SettingResult[]> {
	// The installed runtime only (N8N_RUNTIME_DIR): the benchmark never installs n8n or writes its logs.
	if (!existsSync(join(runtimeDir, 'n8n/node_modules/n8n/bin/n8n')))
		throw new Error(
			`No n8n at ${runtimeDir}: set N8N_RUNTIME_DIR to an installed runtime (npm run test:e2e installs one), or FIN_BENCH_SKIP_N8N=1`,
		);
	const out: SettingResult[] = [];
	for (const setting of SETTINGS) {
		const userFolder = makeUserFolder();
		let n8n: N8nInstance | undefined;
		const apis = await startApis();
		try {
			packAndInstall(userFolder);
			n8n = await startN8n(userFolder, `bench-${setting.name}`, {
				...setting.env,
				N8N_LOG_LEVEL: 'warn',
			});
			const api = new N8nClient(n8n.url);
			await api.setUp();
			const ours = await deployOurs(api, apis);
			const builtin = await deployBuiltin(api, apis);
			await waitForWebhook(ours);
			await waitForWebhook(builtin);
			const init = request();
			const [a, b] = [await answerOf(ours, init), await answerOf(builtin, init)];
			const oursAnswer = a.status === 200 ? JSON.parse(a.text).answer : undefined;
			const builtinAnswer = b.status === 200 ? JSON.parse(b.text).answer : undefined;
			const sameAnswer =
				oursAnswer !== undefined && JSON.stringify(oursAnswer) === JSON.stringify(builtinAnswer);
			if (!sameAnswer)
				throw new Error(
					`[${setting.name}] the two workflows do not answer the same content, so no timing is a result:\n  ours     ${a.status} ${a.text.slice(0, 600)}\n  built-in ${b.status} ${b.text.slice(0, 600)}`,
				);
			log(`[a] ${setting.name}: both answer the same order fields; measuring`);
			// Warm-up, outside the measurement.
			await load(ours, init, 5);
			await load(builtin, init, 5);
			const results: ConcurrencyResult[] = [];
			for (const concurrency of CONCURRENCIES) {
				const oursRounds: SideRound[] = [];
				const builtinRounds: SideRound[] = [];
				for (let round = 0; round < ROUNDS; round++) {
					if (round % 2 === 0) {
						oursRounds.push(await load(ours, init, concurrency));
						builtinRounds.push(await load(builtin, init, concurrency));
					} else {
						builtinRounds.push(await load(builtin, init, concurrency));
						oursRounds.push(await load(ours, init, concurrency));
					}
				}
				const result = {
					concurrency,
					ours: oursRounds,
					builtin: builtinRounds,
					throughputRatio: median(
						oursRounds.map((round, i) => round.throughput / builtinRounds[i].throughput),
					),
					p50Ratio: median(oursRounds.map((round, i) => round.p50 / builtinRounds[i].p50)),
				};
				results.push(result);
				log(
					`[a] ${setting.name} c=${concurrency}: ours/built-in throughput ${result.throughputRatio.toFixed(2)}, p50 ${result.p50Ratio.toFixed(2)}x (ours ${oursRounds.map((r) => r.throughput.toFixed(0)).join('/')} req/s, built-in ${builtinRounds.map((r) => r.throughput.toFixed(0)).join('/')} req/s; failed ${oursRounds.reduce((s, r) => s + r.failed, 0)}/${builtinRounds.reduce((s, r) => s + r.failed, 0)})`,
				);
			}
			out.push({ setting: setting.name, env: setting.env, why: setting.why, sameAnswer, results });
		} finally {
			await n8n?.stop();
			await apis.close();
			if (n8n) rmSync(n8n.logPath, { force: true });
			removeUserFolder(userFolder);
			// n8n's log folder, when this run created it and left it empty.
			for (const dir of [artifactsDir, dirname(artifactsDir)])
				if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
		}
	}
	return out;
}
