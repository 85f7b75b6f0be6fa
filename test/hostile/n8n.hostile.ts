// Issue 17 in real n8n 2.40.7 (one instance): the hostile catalogue against activated templates (17.1),
// faults of the API and the token endpoint and a restart (17.2), 5,000 signed messages at
// concurrency 50 (17.3), and a scan of everything the suite produced for the secrets (17.5).
// Each part records its counts (support/results.ts) for the summary line the run ends with.
import { secrets } from '../e2e/support/apis';
import { E2eSession, SESSION_TIMEOUT } from '../e2e/support/session';
import { isNode } from '../e2e/support/workflows';
import { buildCatalogue, caseIdIn, type HostileCase, type Target } from './support/catalogue';
import { deployTemplate, type Deployed } from './support/deploy';
import { settledCount } from './support/executions';
import { recordResult } from './support/results';
import { Produced } from './support/secret-scan';

// README "Speed": the settings that let n8n answer Fin Trigger workflows at concurrency 50.
const session = new E2eSession('hostile', {
	N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
	N8N_EXPRESSION_ENGINE_POOL_SIZE: '4',
	N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'true',
});
const { step } = session;
beforeAll(() => session.open(), SESSION_TIMEOUT);
afterAll(() => session.close(), 120000);

/** The secrets the suite's credentials hold (a client id is not one). */
const SECRETS: Record<string, string> = {
	identityVerification: secrets.identityVerification,
	intercomClient: secrets.intercomClient,
	shopifyToken: secrets.shopifyToken,
	utilityClientSecret: secrets.utilityClientSecret,
	utilityAccessToken: secrets.utilityAccessToken,
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
				if (problems.length)
					wrong.push(`${hostile.id} [${hostile.target}] ${hostile.what}: ${problems.join('; ')}`);
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
					produced.add('stored execution', stored);
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
				wrongStatus: wrong.length,
				executionsFromRejected,
			});
			expect(wrong).toEqual([]);
		},
		900000,
	);
});

describe('secrets (17.5)', () => {
	step('no secret in any answer, stored execution, log, exported workflow or error', async () => {
		const { api } = session.value;
		const workflows = (await api.apiOk('GET', '/workflows?limit=250')).data as any[];
		for (const workflow of workflows)
			produced.add(
				'exported workflow',
				JSON.stringify(await api.apiOk('GET', `/workflows/${workflow.id}`)),
			);
		for (const log of session.logPaths) produced.addFile('n8n log', log);
		recordResult('secrets', { scanned: produced.places, found: produced.findings.length });
		expect(produced.findings).toEqual([]);
	});
});
