// Issue 17 in real n8n 2.40.7 (one instance): the hostile catalogue against activated templates (17.1),
// faults of the API and the token endpoint and a restart (17.2), 5,000 signed messages at
// concurrency 50 (17.3), and a scan of everything the suite produced for the secrets (17.5).
// Each part records its counts (support/results.ts) for the summary line the run ends with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { secrets } from '../../real-n8n/apis';
import { userHash } from '../../real-n8n/chat';
import { repoRoot } from '../../real-n8n/runtime';
import { E2eSession, SESSION_TIMEOUT } from '../real-n8n/support/session';
import { isNode } from '../real-n8n/support/workflows';
import { buildCatalogue, caseIdIn, type HostileCase, type Target } from './support/catalogue';
import { deployTemplate, withErrorAnswer, type Deployed } from './support/deploy';
import { closedPort, startFaultApi, usageOf, type FaultApi } from './support/fault-api';
import { runPool } from './support/pool';
import { allExecutions, settledCount } from './support/executions';
import { recordResult } from './support/results';
import { Produced } from './support/secret-scan';

// docs/speed.md: the settings that let n8n answer Fin Trigger workflows at concurrency 50.
const session = new E2eSession('hostile', {
	N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
	N8N_EXPRESSION_ENGINE_POOL_SIZE: '4',
	N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'true',
});
const { step } = session;
/** Measured figures (load, restart) for a reader, not printed: test-artifacts/ is git-ignored. */
const hostileArtifacts = join(repoRoot, 'test-artifacts/hostile');
beforeAll(() => session.open(), SESSION_TIMEOUT);
afterAll(() => session.close(), 120000);

/** The client secret of the token credentials whose endpoint fails (17.2). */
const FAULT_CLIENT_SECRET = 'fault-token-client-secret-0123456789';
/** The secrets the suite's credentials hold (a client id is not one). */
const SECRETS: Record<string, string> = {
	identityVerification: secrets.identityVerification,
	intercomClient: secrets.intercomClient,
	shopifyToken: secrets.shopifyToken,
	utilityClientSecret: secrets.utilityClientSecret,
	utilityAccessToken: secrets.utilityAccessToken,
	faultClientSecret: FAULT_CLIENT_SECRET,
};
/** Everything the suite received or read back is scanned for them as it comes (17.5). */
const produced = new Produced(SECRETS);

async function send(url: string, request: HostileCase['request'], timeoutMs = 60000) {
	const method = request.method ?? 'POST';
	// Text goes as bytes, so fetch adds no Content-Type of its own: the case decides it.
	const raw = request.body;
	const body: BodyInit | undefined =
		raw === undefined || raw instanceof FormData
			? raw
			: new Uint8Array(typeof raw === 'string' ? Buffer.from(raw) : raw);
	try {
		const response = await fetch(url, {
			method,
			headers: request.headers,
			body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		produced.add('answer', text);
		return { status: response.status, text };
	} catch (error) {
		produced.add('error', String((error as Error)?.stack ?? error));
		return { status: 0, text: String((error as Error)?.message ?? error) };
	}
}

describe('hostile catalogue (17.1)', () => {
	// Built again when the cases run, so their JWTs and timestamps are fresh then.
	const count = buildCatalogue().length;
	const targets = {} as Record<Target, Deployed>;

	step(
		'the templates are imported, filled in and activated',
		async () => {
			const { apis } = session.value;
			const usageUrl = `${apis.utility.url}/customers/{{user.user_id}}/usage`;
			const ref = { parameters: [{ name: 'ref', value: '{{user.user_id}}' }] };
			targets.usage = await deployTemplate(session, 'electricity-usage.json', 'usage', (node) => {
				if (isNode(node, 'apiAction')) {
					node.parameters.url = usageUrl;
					node.parameters.queryParameters = ref;
				}
			});
			targets.usageHeader = await deployTemplate(
				session,
				'electricity-usage.json',
				'usage (header)',
				(node) => {
					if (isNode(node, 'apiAction')) {
						node.parameters.url = usageUrl;
						node.parameters.headerParameters = {
							parameters: [{ name: 'X-Customer', value: '{{user.user_id}}' }],
						};
					}
				},
			);
			targets.shopify = await deployTemplate(
				session,
				'shopify-order-status.json',
				'shopify',
				(node) => {
					if (isNode(node, 'apiAction')) node.parameters.shopifyOrderStatus_shopUrl = apis.shop.url;
				},
			);
			targets.intercom = await deployTemplate(
				session,
				'shopify-order-status.json',
				'shopify (intercom)',
				(node) => {
					if (isNode(node, 'apiAction')) node.parameters.shopifyOrderStatus_shopUrl = apis.shop.url;
					if (isNode(node, 'finTrigger')) node.parameters.source = 'intercomWebhook';
				},
			);
			targets.status = await deployTemplate(
				session,
				'statuspage-incidents.json',
				'status',
				(node) => {
					if (isNode(node, 'apiAction'))
						node.parameters.statuspageIncidents_pageUrl = apis.status.url;
				},
			);
		},
		600000,
	);

	step(
		`${count} cases: each answers its status, rejected ones start nothing, accepted ones reach the API encoded`,
		async () => {
			const cases = buildCatalogue();
			const { apis, api } = session.value;
			const serverOf = (target: Target) =>
				target === 'usage' || target === 'usageHeader'
					? apis.utility
					: target === 'status'
						? apis.status
						: apis.shop;
			const wrong: string[] = [];
			/** Cases answered, run or sent on to the API otherwise than expected (the summary's "wrong status"). */
			const wrongCases = new Set<string>();
			for (const hostile of cases) {
				const server = serverOf(hostile.target);
				const before = server.requests.length;
				const answer = await send(targets[hostile.target].url, hostile.request);
				// The token endpoint is not the API under test.
				const calls = server.requests.slice(before).filter((r) => r.path !== '/oauth/token');
				const problems: string[] = [];
				if (answer.status !== hostile.expect.status)
					problems.push(`status ${answer.status} (${answer.text.slice(0, 160)})`);
				const value = hostile.expect.api;
				if (value === undefined) {
					if (calls.length) problems.push(`API called: ${calls[0].method} ${calls[0].rawUrl}`);
				} else if (calls.length !== 1) {
					problems.push(`${calls.length} API calls instead of 1`);
				} else {
					const [call] = calls;
					const encoded = encodeURIComponent(value);
					const host = call.headers.host;
					if (host !== `127.0.0.1:${server.port}`) problems.push(`Host header ${host}`);
					if (hostile.target === 'usage' || hostile.target === 'usageHeader') {
						const expected =
							hostile.target === 'usage'
								? `/customers/${encoded}/usage?ref=${encoded}`
								: `/customers/${encoded}/usage`;
						if (call.rawUrl !== expected) problems.push(`API got ${call.rawUrl}, not ${expected}`);
						if (hostile.target === 'usageHeader' && call.headers['x-customer'] !== value)
							problems.push(`X-Customer ${JSON.stringify(call.headers['x-customer'])}`);
					} else if (hostile.target === 'status') {
						if (`${call.method} ${call.rawUrl}` !== value)
							problems.push(`API got ${call.method} ${call.rawUrl}`);
					} else {
						const query = call.rawUrl.split('?')[1] ?? '';
						if (!query.startsWith(`email=${encoded}&status=any&`))
							problems.push(`API got ${call.rawUrl}`);
					}
				}
				if (problems.length) {
					wrongCases.add(hostile.id);
					wrong.push(`${hostile.id} [${hostile.target}] ${hostile.what}: ${problems.join('; ')}`);
				}
			}

			// Executions, per workflow: wait for the accepted ones of the batch, then the count must stay.
			let executionsFromRejected = 0;
			for (const [target, workflow] of Object.entries(targets) as Array<[Target, Deployed]>) {
				const mine = cases.filter((hostile) => hostile.target === target);
				const running = mine.filter((hostile) => hostile.expect.run !== 'none');
				const executions = await settledCount(api, workflow.id, running.length, {
					includeData: true,
				});
				const seen = new Map<string, string[]>();
				for (const execution of executions) {
					const stored = JSON.stringify(execution.data ?? {});
					const id = caseIdIn(stored) ?? `(no case id: execution ${execution.id})`;
					seen.set(id, [...(seen.get(id) ?? []), execution.status]);
				}
				for (const hostile of mine) {
					const statuses = seen.get(hostile.id) ?? [];
					seen.delete(hostile.id);
					if (hostile.expect.run === 'none') {
						executionsFromRejected += statuses.length;
						if (statuses.length)
							wrong.push(
								`${hostile.id} [${target}]: rejected, yet started ${statuses.length} execution(s)`,
							);
					} else if (statuses.length !== 1 || statuses[0] !== hostile.expect.run) {
						wrongCases.add(hostile.id);
						wrong.push(
							`${hostile.id} [${target}]: executions ${JSON.stringify(statuses)}, expected one "${hostile.expect.run}"`,
						);
					}
				}
				for (const [id, statuses] of seen) {
					executionsFromRejected += statuses.length;
					wrong.push(`${id} [${target}]: ${statuses.length} execution(s) of no accepted case`);
				}
			}
			recordResult('hostile', {
				cases: cases.length,
				wrongStatus: wrongCases.size,
				executionsFromRejected,
			});
			expect(wrong).toEqual([]);
		},
		900000,
	);
});

/** A signed Messenger message from a smart-meter customer (the electricity template's audience). */
function usageMessage(userId: string, text = 'How much power did I use?') {
	return {
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			message: { text },
			user: { user_id: userId, meter_type: 'smart' },
			user_hash: userHash(secrets.identityVerification, userId),
		}),
	};
}

/** The tariff in an answer names its customer; any other customer id in it is a mix-up. */
function answerIsFor(text: string, userId: string, pattern: RegExp): boolean {
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		return false;
	}
	const ids = text.match(pattern) ?? [];
	return json?.answer?.Tariff === `Tariff ${userId}` && ids.every((id) => id === userId);
}

describe('faults (17.2)', () => {
	let faultApi: FaultApi;
	let workflow: Deployed;
	afterAll(() => faultApi?.close());

	/** The electricity template with the API at `apiUrl`, a short timeout and an error answer. */
	const deployFaulty = async (name: string, apiUrl: string, credentials?: Record<string, any>) =>
		deployTemplate(
			session,
			'electricity-usage.json',
			name,
			(node) => {
				if (!isNode(node, 'apiAction')) return;
				node.parameters.url = `${apiUrl}/customers/{{user.user_id}}/usage`;
				node.parameters.options = { timeoutMs: 1500, maxRetries: 1, maxResponseBytes: 20000 };
			},
			{
				change: withErrorAnswer('Electricity usage'),
				credentials: credentials && { ...session.value.credentials, ...credentials },
			},
		);

	const faults: Array<{ id: string; what: string; error: RegExp; target?: string }> = [
		{ id: 'fault-500', what: 'the API answers 500', error: /The API answered 500/ },
		{
			id: 'fault-503',
			what: 'the API answers 503 on every retry',
			error: /answered 503 on all 2 attempts/,
		},
		{
			id: 'fault-slow',
			what: 'the API is slower than the timeout',
			error: /did not answer within 1500 ms/,
		},
		{
			id: 'fault-429',
			what: '429 with Retry-After: 1, every time',
			error: /answered 429 on all 2 attempts\. The API asked to wait 1 s/,
		},
		{
			id: 'fault-429-long',
			what: '429 with Retry-After: 3600',
			error: /answered 429 on all 1 attempts\. The API asked to wait 3600 s/,
		},
		{ id: 'fault-not-json', what: 'an HTML page instead of JSON', error: /not JSON \(text\/html/ },
		{ id: 'fault-oversized', what: 'an answer over the size limit', error: /limit of 20000 bytes/ },
		{
			id: 'fault-cut',
			what: 'a body cut mid-stream',
			error: /closed the connection before the whole answer arrived \(\d+ of 5000 bytes\)/,
		},
		{
			id: 'fault-reset',
			what: 'the connection reset before any answer',
			error: /closed the connection without answering/,
		},
		{
			id: 'down',
			what: 'the API is down (nothing listens)',
			error: /connection was refused/,
			target: 'down',
		},
		{
			id: 'token-down',
			what: 'the token endpoint is down',
			error: /Fin Dynamic Token/,
			target: 'token-down',
		},
		{
			id: 'token-garbage',
			what: 'the token endpoint answers an HTML page',
			error: /Fin Dynamic Token/,
			target: 'token-garbage',
		},
		{
			id: 'token-no-token',
			what: 'the token endpoint answers JSON without a token',
			error: /Fin Dynamic Token/,
			target: 'token-no-token',
		},
	];
	const targets: Record<string, Deployed> = {};

	step(
		'the electricity template is deployed against failing APIs and token endpoints',
		async () => {
			faultApi = await startFaultApi();
			const { api } = session.value;
			workflow = targets.api = await deployFaulty('faults', faultApi.url);
			targets.down = await deployFaulty(
				'faults (API down)',
				`http://127.0.0.1:${await closedPort()}`,
			);
			const tokenCredential = async (name: string, tokenUrl: string) => ({
				finDynamicTokenApi: await api.createCredential('finDynamicTokenApi', name, {
					tokenUrl,
					clientId: 'fin-actions-faults',
					clientSecret: FAULT_CLIENT_SECRET,
					scope: 'usage:read',
					placement: 'bearer',
					allowedDomain: '127.0.0.1',
				}),
			});
			const closed = `http://127.0.0.1:${await closedPort()}/oauth/token`;
			targets['token-down'] = await deployFaulty(
				'faults (token down)',
				faultApi.url,
				await tokenCredential('token down', closed),
			);
			targets['token-garbage'] = await deployFaulty(
				'faults (token garbage)',
				faultApi.url,
				await tokenCredential('token garbage', `${faultApi.url}/oauth/garbage`),
			);
			targets['token-no-token'] = await deployFaulty(
				'faults (no token)',
				faultApi.url,
				await tokenCredential('token without token', `${faultApi.url}/oauth/no-token`),
			);
		},
		600000,
	);

	step(
		'each fault is a named error on the error output and a clear answer; n8n answers the next good request',
		async () => {
			const wrong: string[] = [];
			let sent = 0;
			const started = new Map<string, number>();
			for (const [index, fault] of faults.entries()) {
				const target = targets[fault.target ?? 'api'];
				const answer = await send(
					target.url,
					usageMessage(fault.id.startsWith('fault') ? fault.id : `ok-${fault.id}`),
					30000,
				);
				started.set(target.id, (started.get(target.id) ?? 0) + 1);
				sent++;
				let json: any;
				try {
					json = JSON.parse(answer.text);
				} catch {
					json = undefined;
				}
				if (
					answer.status !== 200 ||
					json?.actionUsed !== false ||
					!fault.error.test(json?.error ?? '')
				)
					wrong.push(
						`${fault.id} (${fault.what}): HTTP ${answer.status} ${answer.text.slice(0, 300)}`,
					);
				// n8n keeps serving: the next good request is answered with that customer's data.
				const okId = `ok-after-${index}`;
				const next = await send(workflow.url, usageMessage(okId), 30000);
				started.set(workflow.id, (started.get(workflow.id) ?? 0) + 1);
				if (next.status !== 200 || !answerIsFor(next.text, okId, /ok-after-\d+/g))
					wrong.push(
						`good request after ${fault.id}: HTTP ${next.status} ${next.text.slice(0, 200)}`,
					);
			}
			// Every message ran to its end: one successful execution each (the error branch answered).
			for (const [workflowId, count] of started) {
				const executions = await settledCount(session.value.api, workflowId, count, {
					includeData: true,
				});
				const statuses = executions.map((execution) => execution.status);
				if (statuses.length !== count || statuses.some((status) => status !== 'success'))
					wrong.push(
						`workflow ${workflowId}: executions ${JSON.stringify(statuses)} for ${count} messages`,
					);
			}
			faultTally.cases += faults.length;
			faultTally.wrong += wrong.length;
			recordResult('faults', faultTally);
			expect({ sent, wrong }).toEqual({ sent: faults.length, wrong: [] });
		},
		600000,
	);
});

/** Fault cases run and gone wrong (the API and token faults, then the restart). */
const faultTally = { cases: 0, wrong: 0 };
/** The load's workflow and API (17.3), also what n8n restarts under (17.2). */
let loadWorkflow: Deployed;
let loadApi: LoopbackServer | undefined;
afterAll(() => loadApi?.close());

describe('load on one instance (17.3)', () => {
	const SENT = Number(process.env.FIN_HOSTILE_LOAD_MESSAGES ?? 5000);
	const CUSTOMERS = 500;
	const CONCURRENCY = 50;

	step('the electricity template is deployed against an API answering per customer', async () => {
		const api = (loadApi = await startLoopbackServer({
			'*': (request) => {
				const id = /^\/customers\/([^/]+)\/usage$/.exec(request.path)?.[1];
				return id ? { body: usageOf(decodeURIComponent(id)) } : { status: 404, body: {} };
			},
		}));
		loadWorkflow = await deployTemplate(session, 'electricity-usage.json', 'load', (node) => {
			if (isNode(node, 'apiAction'))
				node.parameters.url = `${api.url}/customers/{{user.user_id}}/usage`;
		});
	});

	step(
		`${SENT} signed messages from ${CUSTOMERS} customers at concurrency ${CONCURRENCY}: none lost, none mixed up`,
		async () => {
			const customerOf = (index: number) => `lc-${String(index % CUSTOMERS).padStart(3, '0')}`;
			let answered = 0;
			let mixed = 0;
			const failed: string[] = [];
			const durations: number[] = [];
			const started = Date.now();
			await runPool(SENT, CONCURRENCY, async (index) => {
				const id = customerOf(index);
				const begin = Date.now();
				const answer = await send(loadWorkflow.url, usageMessage(id, `message ${index}`), 180000);
				durations.push(Date.now() - begin);
				if (answer.status === 200 && answerIsFor(answer.text, id, /lc-\d{3}/g)) answered++;
				else if (answer.status === 200 && /lc-\d{3}/.test(answer.text)) mixed++;
				else failed.push(`${index} ${id}: HTTP ${answer.status} ${answer.text.slice(0, 120)}`);
			});
			const seconds = (Date.now() - started) / 1000;
			// A message not answered must be an error execution n8n kept; anything else is lost.
			const executions = await settledCount(session.value.api, loadWorkflow.id, SENT, {
				timeoutMs: 180000,
			});
			const errorExecutions = executions.filter((execution) =>
				['error', 'crashed'].includes(execution.status),
			).length;
			const lost = failed.length - Math.min(failed.length, errorExecutions);
			recordResult('load', { sent: SENT, lost, mixed });
			durations.sort((a, b) => a - b);
			mkdirSync(hostileArtifacts, { recursive: true });
			writeFileSync(
				join(hostileArtifacts, 'load.json'),
				JSON.stringify(
					{
						sent: SENT,
						customers: CUSTOMERS,
						concurrency: CONCURRENCY,
						seconds,
						perSecond: SENT / seconds,
						p50Ms: durations[Math.floor(durations.length / 2)],
						p95Ms: durations[Math.floor(durations.length * 0.95)],
						answered,
						mixed,
						failed: failed.length,
						errorExecutions,
						executions: executions.length,
						apiCalls: loadApi?.requests.length,
						firstFailures: failed.slice(0, 20),
					},
					null,
					2,
				),
			);
			expect({
				answered: answered + failed.length + mixed,
				mixed,
				lost,
				executions: executions.length,
			}).toEqual({ answered: SENT, mixed: 0, lost: 0, executions: SENT });
		},
		1200000,
	);
});

describe('n8n restarted mid-load (17.2)', () => {
	step(
		'messages in flight while n8n restarts are answered or fail clearly (never hang), and n8n serves after',
		async () => {
			const outcomes = { answered: 0, failed: 0, mixed: 0, hung: 0 };
			/** How the failed ones failed (first line of each kind, counted). */
			const failures: Record<string, number> = {};
			let stop = false;
			let index = 0;
			// Restart once some messages were answered, so others are in flight (at most 60 s later).
			const restarting = (async () => {
				for (let waited = 0; outcomes.answered < 5 && waited < 60000; waited += 250)
					await new Promise((done) => setTimeout(done, 250));
				await session.restartN8n();
				stop = true;
			})();
			// Five senders until n8n is back (bounded: startN8n gives up after 180 s).
			const sender = async () => {
				while (!stop) {
					const id = `lc-${String(index++ % 500).padStart(3, '0')}`;
					const answer = await send(loadWorkflow.url, usageMessage(id, 'during restart'), 120000);
					if (answer.status === 200 && answerIsFor(answer.text, id, /lc-\d{3}/g))
						outcomes.answered++;
					else if (answer.status === 200 && /lc-\d{3}/.test(answer.text)) outcomes.mixed++;
					else if (answer.status === 0 && /aborted|timeout/i.test(answer.text)) outcomes.hung++;
					else {
						outcomes.failed++;
						const kind = `HTTP ${answer.status} ${answer.text.slice(0, 80)}`;
						failures[kind] = (failures[kind] ?? 0) + 1;
						// Refused connections while n8n is down: do not spin.
						await new Promise((done) => setTimeout(done, 250));
					}
				}
			};
			await Promise.all(Array.from({ length: 5 }, sender));
			await restarting;
			const after = await send(loadWorkflow.url, usageMessage('lc-007', 'after restart'), 60000);
			const servesAfter = after.status === 200 && answerIsFor(after.text, 'lc-007', /lc-\d{3}/g);
			const wrong = outcomes.mixed + outcomes.hung + (servesAfter ? 0 : 1);
			faultTally.cases++;
			if (wrong) faultTally.wrong++;
			recordResult('faults', faultTally);
			mkdirSync(hostileArtifacts, { recursive: true });
			writeFileSync(
				join(hostileArtifacts, 'restart.json'),
				JSON.stringify({ ...outcomes, failures, after: after.status }, null, 2),
			);
			expect({ ...outcomes, answeredBefore: outcomes.answered > 0, servesAfter }).toEqual({
				...outcomes,
				answeredBefore: true,
				mixed: 0,
				hung: 0,
				servesAfter: true,
			});
		},
		600000,
	);
});

describe('secrets (17.5)', () => {
	step('no secret in any answer, stored execution, log, exported workflow or error', async () => {
		const { api } = session.value;
		const workflows = (await api.apiOk('GET', '/workflows?limit=250')).data as any[];
		for (const workflow of workflows) {
			produced.add(
				'exported workflow',
				JSON.stringify(await api.apiOk('GET', `/workflows/${workflow.id}`)),
			);
			// Every stored execution of every workflow the suite ran, with its data (and errors).
			for (const execution of await allExecutions(api, workflow.id, true))
				produced.add('stored execution', JSON.stringify(execution));
		}
		for (const log of session.logPaths) produced.addFile('n8n log', log);
		mkdirSync(hostileArtifacts, { recursive: true });
		writeFileSync(
			join(hostileArtifacts, 'secrets.json'),
			JSON.stringify(
				{
					places: produced.places,
					byKind: produced.byKind,
					secrets: Object.keys(SECRETS),
					findings: produced.findings,
				},
				null,
				2,
			),
		);
		recordResult('secrets', { scanned: produced.places, found: produced.findings.length });
		expect(produced.findings).toEqual([]);
	});
});
