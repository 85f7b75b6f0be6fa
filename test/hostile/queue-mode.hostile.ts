// Issue 17.4: queue mode, the way n8n users scale out. Redis and PostgreSQL (Debian's, started here
// on free loopback ports), one `n8n start` (main: webhooks, the queue's producer) and two real
// `n8n worker` processes, each with this package installed as a community package in its own user
// folder. The electricity-usage template (Fin Dynamic Token) takes 5,000 signed messages from 500
// customers at concurrency 50 while one worker is SIGKILLed mid-run. Every message must be answered
// with its own customer's data, or be accounted for by an error execution n8n recorded; the token
// endpoint's calls are counted; the token is made to expire once during the run. Then everything the
// run produced (answers, stored executions, the three processes' logs, the workflow) is scanned for
// the secrets (17.5).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { sendChat, userHash } from '../../real-n8n/chat';
import { N8nClient } from '../../real-n8n/n8n-api';
import { packAndInstall } from '../../real-n8n/package';
import {
	ensureN8nInstalled,
	makeUserFolder,
	removeUserFolder,
	repoRoot,
	startN8n,
	type N8nInstance,
} from '../../real-n8n/runtime';
import {
	fillInAndActivate,
	importUnchanged,
	isNode,
	readTemplate,
	waitForWebhook,
	webhookUrl,
} from '../real-n8n/support/workflows';
import { startQueueServices, type QueueServices } from './support/queue-services';
import {
	customerId,
	listExecutions,
	queueSecrets,
	retryOnNetworkError,
	startUsageApi,
	usageOf,
	type UsageApi,
} from './support/queue-mode';
import { forEachExecutionPage } from './support/executions';
import { recordResult } from './support/results';
import { Produced } from './support/secret-scan';

const SENT = 5000;
const CUSTOMERS = 500;
const CONCURRENCY = 50;
/** Worker 2 is SIGKILLed once this many messages were answered. */
const KILL_AFTER = 2000;
/** Each worker runs at most this many executions at once (n8n's default). */
const WORKER_CONCURRENCY = 10;
/**
 * Tokens issued in the first 10 s of the run live 30 s (Fin Dynamic Token uses a short-lived token
 * for half its life, so until 15 s after it was issued); later ones an hour. So the token expires
 * exactly once during the run, well before the kill.
 */
const FIRST_LIFETIME = 30;
const tokenLifetime = (sinceFirst: number) => (sinceFirst < 10000 ? FIRST_LIFETIME : 3600);
/** Sending stops after this long, so the file ends within CI's time whatever happens. */
const SEND_BUDGET = 20 * 60 * 1000;
/** A message whose job died with its worker is answered once n8n's stalled check fails it (lock 30 s + check 10 s). */
const ANSWER_TIMEOUT = 120000;

const encryptionKey = randomBytes(24).toString('hex');
const identitySecret = `queue-identity-secret-${randomBytes(8).toString('hex')}`;
const intercomSecret = `queue-intercom-${randomBytes(8).toString('hex')}`;
/** Every answer's text and every send error, for the secret scan (17.5) after the run. */
const answerTexts: string[] = [];
const sendErrors: string[] = [];
const artifacts = join(repoRoot, 'test-artifacts/hostile');

let services: QueueServices | undefined;
let usageApi: UsageApi | undefined;
let main: N8nInstance | undefined;
const workers: N8nInstance[] = [];
const folders: string[] = [];
let api: N8nClient;
let workflowId = '';
let url = '';
let failed = false;

/** The settings every process shares (docs/scaling-out.md). */
function queueEnv(services: QueueServices): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: services.redis.host,
		QUEUE_BULL_REDIS_PORT: String(services.redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: services.postgres.host,
		DB_POSTGRESDB_PORT: String(services.postgres.port),
		DB_POSTGRESDB_DATABASE: services.postgres.database,
		DB_POSTGRESDB_USER: services.postgres.user,
		DB_POSTGRESDB_POOL_SIZE: '10',
		N8N_ENCRYPTION_KEY: encryptionKey,
		// A dead worker's jobs fail after lock + stalled check instead of 60 + 30 s; the lock stays far
		// above any event-loop pause of a busy machine (n8n never re-runs a stalled job: maxStalledCount 0).
		QUEUE_WORKER_LOCK_DURATION: '30000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
		QUEUE_WORKER_STALLED_INTERVAL: '10000',
		// Main waits for each job with Bull's job.finished(), which looks the job up among finished ones
		// first: n8n's default (keep none) deletes a job the moment it completes, so a job a worker
		// finished before main started waiting was never answered (32 of 5,000 here under load).
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000',
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '1000',
		// docs/speed.md: Fin Trigger v2 then needs no expression isolate per request.
		N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
		N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'true',
		N8N_LOG_LEVEL: 'info',
	};
}
async function guard<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (error) {
		failed = true;
		const logs = [main, ...workers].filter(Boolean).map((n8n) => n8n!.logPath);
		if (error instanceof Error) error.message += `\n\nn8n logs: ${logs.join(', ')}`;
		throw error;
	}
}

beforeAll(
	() =>
		guard(async () => {
			ensureN8nInstalled();
			services = await startQueueServices();
			usageApi = await startUsageApi(tokenLifetime);
			const env = queueEnv(services);
			for (let i = 0; i < 3; i++) folders.push(makeUserFolder());
			const packed = packAndInstall(folders[0]);
			for (const folder of folders.slice(1)) packAndInstall(folder, packed);
			// Main first: it runs the database migrations the workers wait for.
			main = await startN8n(folders[0], 'queue-main', env);
			const started = await Promise.all(
				folders.slice(1).map((folder, i) =>
					startN8n(folder, `queue-worker-${i + 1}`, env, {
						args: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
					}),
				),
			);
			workers.push(...started);

			api = new N8nClient(main.url);
			await api.setUp();
			const credentials = {
				finMessengerApi: await api.createCredential('finMessengerApi', 'Fin Messenger (queue)', {
					identityVerificationSecret: identitySecret,
					intercomClientSecret: intercomSecret,
				}),
				finDynamicTokenApi: await api.createCredential(
					'finDynamicTokenApi',
					'Usage API token (queue)',
					{
						tokenUrl: `${usageApi.server.url}/oauth/token`,
						clientId: queueSecrets.clientId,
						clientSecret: queueSecrets.clientSecret,
						placement: 'bearer',
						allowedDomain: '127.0.0.1',
					},
				),
			};
			const template = readTemplate('electricity-usage.json');
			const stored = await importUnchanged(api, template);
			await fillInAndActivate(api, stored, credentials, (node) => {
				if (!isNode(node, 'apiAction')) return;
				node.parameters.url = `${usageApi!.server.url}/customers/{{user.user_id}}/usage`;
				// The admin also picks the customer id, so each answer says whose data it carries.
				node.parameters.fields.field.push({ pointer: '/customer_id', name: 'Customer' });
			});
			workflowId = stored.id;
			url = webhookUrl(main.url, template);
			await waitForWebhook(url);
		}),
	15 * 60 * 1000,
);

afterAll(async () => {
	await Promise.all(workers.map((worker) => worker.stop()));
	await main?.stop();
	await services?.stop();
	await usageApi?.close();
	if (failed) {
		process.stderr.write(
			`\n[queue] something failed: n8n's user folders are kept in ${folders.join(', ')}\n`,
		);
	} else {
		for (const folder of folders) removeUserFolder(folder);
		for (const n8n of [main, ...workers]) if (n8n) rmSync(n8n.logPath, { force: true });
	}
}, 120000);

interface Outcome {
	status: number;
	/** The customer whose data the answer carries, as the answer says. */
	customer?: string;
	usage?: number;
	keys?: string;
	text?: string;
	error?: string;
}

const PICKED = ['Customer', 'Estimated bill', 'From', 'Tariff', 'To', 'Usage (kWh)'].join(',');
/** The marker that makes each message findable in n8n's stored executions. */
const marker = (index: number) => `[q-${String(index).padStart(5, '0')}]`;

test(
	'5,000 signed messages from 500 customers at concurrency 50 through main + 2 workers, one worker SIGKILLed mid-run: none lost or mixed up',
	() =>
		guard(async () => {
			const outcomes: Outcome[] = [];
			let next = 0;
			let answered = 0;
			let killing: Promise<void> | undefined;
			let killedAt: { ms: number; answered: number } | undefined;
			const started = Date.now();

			const send = async (index: number): Promise<Outcome> => {
				const id = customerId(index % CUSTOMERS);
				try {
					const answer = await sendChat(
						url,
						{
							text: `How much power did I use? ${marker(index)}`,
							user: { user_id: id, meter_type: 'smart' },
							userHash: userHash(identitySecret, id),
						},
						ANSWER_TIMEOUT,
					);
					answerTexts.push(answer.text);
					const picked = answer.json?.answer;
					return {
						status: answer.status,
						customer: picked?.Customer,
						usage: Number(picked?.['Usage (kWh)']),
						keys: picked ? Object.keys(picked).sort().join(',') : undefined,
						text: answer.text.slice(0, 300),
					};
				} catch (error) {
					sendErrors.push(String(error));
					return { status: 0, error: String(error) };
				}
			};
			// CONCURRENCY loops, each sending the next message when its last one was answered.
			await Promise.all(
				Array.from({ length: CONCURRENCY }, async () => {
					while (next < SENT && Date.now() - started < SEND_BUDGET) {
						const index = next++;
						outcomes[index] = await send(index);
						if (outcomes[index].status === 200) answered++;
						if (answered >= KILL_AFTER && !killing) {
							killedAt = { ms: Date.now() - started, answered };
							killing = workers[1].kill();
						}
					}
				}),
			);
			await killing;
			const sendMs = Date.now() - started;
			const sent = next;

			// n8n's own record. Its public API leaves out the executions main still waits for: wait
			// (bounded) until the list stops growing, then look up the missing ids one by one.
			let listed = await listExecutions(api, workflowId);
			for (let round = 0, still = 0; round < 20 && listed.length < sent && still < 3; round++) {
				await new Promise((done) => setTimeout(done, 3000));
				const again = await listExecutions(api, workflowId);
				still = again.length === listed.length ? still + 1 : 0;
				listed = again;
			}
			const byStatus: Record<string, number> = {};
			for (const execution of listed)
				byStatus[execution.status] = (byStatus[execution.status] ?? 0) + 1;
			const listedIds = new Set(listed.map((execution) => Number(execution.id)));
			const unlisted: any[] = [];
			for (let id = 1; id <= Math.max(0, ...listedIds) + 5 && unlisted.length < 50; id++) {
				if (listedIds.has(id)) continue;
				const one = await retryOnNetworkError(() =>
					api.api('GET', `/executions/${id}?includeData=true`),
				);
				if (one.status === 200 && String(one.json.workflowId) === String(workflowId))
					unlisted.push(one.json);
			}
			// The executions the surviving worker started, from its own log (the killed worker may take a
			// job and die before it logs anything, so its log cannot say what it held).
			const startedOnSurvivor = new Set(
				[
					...readFileSync(workers[0].logPath, 'utf8').matchAll(/Worker started execution (\d+) /g),
				].map((found) => found[1]),
			);
			// Which message each failed or unlisted execution belonged to (its marker in the stored
			// trigger item), and its fate.
			const fate = new Map<number, { execution: string; why: string }>();
			// An execution n8n failed as stalled keeps no trigger item: those are matched by count below.
			const markerless: Array<{ execution: string; why: string }> = [];
			for (const execution of [
				...(await listExecutions(api, workflowId, { status: 'error', includeData: true })),
				...(await listExecutions(api, workflowId, { status: 'crashed', includeData: true })),
				...unlisted,
			]) {
				const data = JSON.stringify(execution.data ?? {});
				const error = execution.data?.resultData?.error?.message;
				const active = listedIds.has(Number(execution.id)) ? '' : ', main still waits for it';
				const why = `execution ${execution.status}${error ? ` (${error})` : ''}${active}`;
				const found = [...data.matchAll(/\[q-(\d{5})\]/g)];
				for (const one of found) fate.set(Number(one[1]), { execution: String(execution.id), why });
				if (found.length === 0) markerless.push({ execution: String(execution.id), why });
			}
			// n8n answers 500 "Error in workflow" exactly when the execution failed: each such answer
			// not matched by its marker takes one failed execution that has none (if any is left).
			outcomes.forEach((outcome, index) => {
				if (outcome.status === 500 && !fate.has(index) && markerless.length > 0)
					fate.set(index, markerless.shift()!);
			});

			let ok = 0;
			let mixed = 0;
			let lost = 0;
			const wrongShape: Array<Outcome & { index: number }> = [];
			const unrecoveredWhy: Record<string, number> = {};
			const unrecoveredExecutions: string[] = [];
			const lostExamples: Array<Outcome & { index: number }> = [];
			for (let index = 0; index < sent; index++) {
				const outcome = outcomes[index];
				const id = customerId(index % CUSTOMERS);
				if (outcome.status === 200 && outcome.keys === PICKED) {
					if (outcome.customer === id && outcome.usage === usageOf(id)) ok++;
					else mixed++;
				} else if (outcome.status === 200) {
					wrongShape.push({ index, ...outcome });
				} else if (fate.has(index)) {
					const { execution, why } = fate.get(index)!;
					const answered = outcome.status ? `answered ${outcome.status}` : 'no answer';
					unrecoveredWhy[`${answered}; ${why}`] = (unrecoveredWhy[`${answered}; ${why}`] ?? 0) + 1;
					unrecoveredExecutions.push(execution);
				} else {
					lost++;
					if (lostExamples.length < 5) lostExamples.push({ index, ...outcome });
				}
			}
			const unrecovered = Object.values(unrecoveredWhy).reduce((sum, count) => sum + count, 0);
			const tokenCalls = usageApi!.tokenCalls;
			const report = {
				sent,
				ok,
				lost,
				mixed,
				wrongShape: wrongShape.slice(0, 5),
				unrecovered,
				unrecoveredWhy,
				lostExamples,
				unrecoveredExecutions,
				executions: {
					listed: listed.length,
					byStatus,
					unlisted: unlisted.map((e) => `${e.id}: ${e.status}`),
				},
				tokenCalls,
				tokenCallsFirstLifetime: tokenCalls.filter((call) => call.lifetime === FIRST_LIFETIME)
					.length,
				tokenCallsRefresh: tokenCalls.filter((call) => call.lifetime !== FIRST_LIFETIME).length,
				refusedByApi: usageApi!.refused,
				killedAt,
				sendSeconds: Math.round(sendMs / 1000),
				perSecond: Math.round((sent / sendMs) * 10000) / 10,
			};
			mkdirSync(artifacts, { recursive: true });
			writeFileSync(join(artifacts, 'queue-mode.json'), JSON.stringify(report, null, 2));
			recordResult('queue', { sent, lost, mixed, tokenCalls: tokenCalls.length, unrecovered });

			expect({ sent, lost, mixed, wrongShape: wrongShape.length, lostExamples }).toEqual({
				sent: SENT,
				lost: 0,
				mixed: 0,
				wrongShape: 0,
				lostExamples: [],
			});
			// Each message started exactly one execution: none dropped, none run twice.
			expect(listed.length + unlisted.length).toBe(sent);
			// What n8n could not recover: only executions the killed worker was running.
			expect(killedAt).toBeDefined();
			expect(unrecovered).toBeLessThanOrEqual(WORKER_CONCURRENCY);
			// Each is one of the two ways a killed worker's job ends in n8n, and none ran on the surviving
			// worker: failed as stalled (n8n's MaxStalledCountError, answered 500), or finished and saved by
			// the worker just before it died, without telling main (main keeps waiting: no answer).
			expect(
				Object.keys(unrecoveredWhy).filter(
					(why) =>
						!/^answered 500; execution error \(This execution failed to be processed too many times/.test(
							why,
						) && why !== 'no answer; execution success, main still waits for it',
				),
			).toEqual([]);
			expect(unrecoveredExecutions.filter((id) => startedOnSurvivor.has(id))).toEqual([]);
			// No request left with a token past its real expiry.
			expect(usageApi!.refused).toBe(0);
			// The token endpoint: per token lifetime at least one call and at most one per worker (each
			// worker's executions share one fetch; the two workers do not coordinate: docs/scaling-out.md).
			expect(report.tokenCallsFirstLifetime).toBeGreaterThanOrEqual(1);
			expect(report.tokenCallsFirstLifetime).toBeLessThanOrEqual(workers.length);
			expect(report.tokenCallsRefresh).toBeGreaterThanOrEqual(1);
			expect(report.tokenCallsRefresh).toBeLessThanOrEqual(workers.length);
		}),
	30 * 60 * 1000,
);

test(
	'queue mode: no secret in any answer, stored execution, log (main and both workers), exported workflow or error',
	() =>
		guard(async () => {
			const produced = new Produced({
				identityVerification: identitySecret,
				intercomClient: intercomSecret,
				utilityClientSecret: queueSecrets.clientSecret,
				...Object.fromEntries(
					usageApi!.tokens.map((token, index) => [`utilityAccessToken${index + 1}`, token]),
				),
			});
			for (const text of answerTexts) produced.add('answer', text);
			for (const text of sendErrors) produced.add('error', text);
			produced.add(
				'exported workflow',
				JSON.stringify(await api.apiOk('GET', `/workflows/${workflowId}`)),
			);
			// Every stored execution with its data (and errors), a page at a time.
			await forEachExecutionPage(api, workflowId, true, (executions) => {
				for (const execution of executions)
					produced.add('stored execution', JSON.stringify(execution));
			});
			for (const n8n of [main, ...workers]) produced.addFile('n8n log', n8n!.logPath);
			mkdirSync(artifacts, { recursive: true });
			writeFileSync(
				join(artifacts, 'queue-secrets.json'),
				JSON.stringify(
					{
						places: produced.places,
						byKind: produced.byKind,
						tokensIssued: usageApi!.tokens.length,
						findings: produced.findings,
					},
					null,
					2,
				),
			);
			recordResult('queueSecrets', { scanned: produced.places, found: produced.findings.length });
			expect(usageApi!.tokens.length).toBeGreaterThan(0);
			expect(produced.byKind['stored execution']).toBeGreaterThan(0);
			expect(produced.findings).toEqual([]);
		}),
	10 * 60 * 1000,
);
