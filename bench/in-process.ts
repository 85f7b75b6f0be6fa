// (b)-(e): the package's own costs, in this process, each as a ratio against a baseline measured in
// the same process on the same machine. Every loop is bounded; servers listen on 127.0.0.1.
import {
	buildRequest,
	compileFields,
	decideAudience,
	parseJson,
	pickFields,
	rolloutBucket,
	type AudienceConfig,
	type FieldSpec,
} from '../nodes/public';
import {
	afterFinTrigger,
	runWorkflow,
	startLoopbackServer,
	type WorkflowJson,
} from '../engine/testing';
import { measure, type Measurement } from './measure';

const item = {
	message: { id: 'm', text: 'hi', createdAt: '2025-01-01T00:00:00Z' },
	user: { user_id: 'u-42', email: 'bob@example.com', plan: 'pro', country: 'DE', seats: 12 },
	company: { name: 'Acme', plan: 'enterprise' },
	conversation: { id: 'c' },
	identity: { verified: true, method: 'user_hash', kind: 'user', signed: ['user'] },
	source: 'messenger',
};

export interface Ratio {
	name: string;
	baseline: Measurement;
	measured: Measurement;
	ratio: number;
}

const ratio = (name: string, baseline: Measurement, measured: Measurement): Ratio => ({
	name,
	baseline,
	measured,
	ratio: measured.perRunUs / baseline.perRunUs,
});

/** The API Action after a Fin Trigger: the benchmark's item is what the trigger emitted. */
const apiActionWorkflow = (url: string, credential?: 'finDynamicTokenApi'): WorkflowJson =>
	afterFinTrigger({
		nodes: [
			{
				id: '1',
				name: 'API Action',
				type: 'n8n-nodes-fin-actions.apiAction',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					url,
					...(credential ? { authentication: credential } : {}),
				},
				...(credential ? { credentials: { [credential]: { id: 'd', name: 'Dynamic' } } } : {}),
			},
		],
		connections: {},
	} as unknown as WorkflowJson);

/** (b) One API Action run through n8n-core's WorkflowExecute over a bare fetch of the same URL. */
export async function benchApiAction(): Promise<Ratio[]> {
	const server = await startLoopbackServer({
		'*': { body: { usage: [{ day: '2025-01-01', kwh: 7.5 }] } },
	});
	try {
		const url = `${server.url}/customers/u-42/usage?email=bob%40example.com`;
		const template = {
			method: 'GET',
			url: `${server.url}/customers/{{user.user_id}}/usage`,
			query: [{ name: 'email', value: '{{user.email}}' }],
			headers: [{ name: 'X-Plan', value: '{{user.plan|free}}' }],
		};
		const concat = await measure('string concatenation with encodeURIComponent', 50000, () =>
			[
				server.url,
				'/customers/',
				encodeURIComponent(item.user.user_id),
				'/usage?email=',
				encodeURIComponent(item.user.email),
			].join(''),
		);
		const render = await measure('API Action request rendering (buildRequest)', 50000, () =>
			buildRequest(template, item),
		);
		const fetchBaseline = await measure('bare fetch of the same URL', 300, async () =>
			(await fetch(url)).json(),
		);
		const workflow = apiActionWorkflow(`${server.url}/customers/{{user.user_id}}/usage`);
		const engine = await measure('one API Action run through WorkflowExecute', 300, async () => {
			const result = await runWorkflow(workflow, { input: [item], mode: 'webhook' });
			if (Object.keys(result.errors).length) throw new Error(JSON.stringify(result.errors));
		});
		return [
			ratio('placeholder rendering / string concatenation', concat, render),
			ratio('API Action through the engine / bare fetch', fetchBaseline, engine),
		];
	} finally {
		await server.close();
	}
}

/** A Shopify-like orders document of about `bytes` bytes. */
function ordersDocument(bytes: number): string {
	const order = (n: number) => ({
		id: n,
		name: `#${1000 + n}`,
		created_at: '2025-01-01T10:00:00Z',
		fulfillment_status: n % 2 ? 'fulfilled' : null,
		financial_status: 'paid',
		total_price: '129.90',
		fulfillments: [{ tracking_number: `1Z${n}`, status: 'success' }],
		note: 'x'.repeat(200),
		line_items: [{ title: 'Widget', quantity: 2, price: '64.95', sku: `W-${n}` }],
	});
	const one = JSON.stringify(order(1)).length + 1;
	const count = Math.max(1, Math.floor(bytes / one));
	return JSON.stringify({ orders: Array.from({ length: count }, (_, i) => order(i)) });
}

/** (c) The picker (parse + pick, and with transforms) over JSON.parse of the same text. */
export async function benchPicker(): Promise<Ratio[]> {
	const plain: FieldSpec[] = [
		{ pointer: '/orders/*/name', name: 'Order', transform: { type: 'none' } },
		{ pointer: '/orders/*/fulfillment_status', name: 'Shipping', transform: { type: 'none' } },
		{
			pointer: '/orders/*/fulfillments/*/tracking_number',
			name: 'Tracking',
			transform: { type: 'none' },
		},
	];
	const transformed: FieldSpec[] = [
		{
			pointer: '/orders/*/created_at',
			name: 'Ordered on',
			transform: { type: 'date', format: 'd MMM yyyy', timezone: 'UTC', locale: 'en' },
		},
		{
			pointer: '/orders/*/total_price',
			name: 'Total',
			transform: { type: 'currency', currency: 'EUR', locale: 'de', minorUnits: false },
		},
		{ pointer: '/orders/*/name', name: 'Order', transform: { type: 'mask', keepLast: 2 } },
	];
	const plainFields = compileFields(plain);
	const transformedFields = compileFields(transformed);
	const out: Ratio[] = [];
	for (const [label, bytes, runs] of [
		['1 KB', 1024, 5000],
		['100 KB', 100 * 1024, 300],
		['1 MB', 1024 * 1024, 30],
		['10 MB', 10 * 1024 * 1024, 4],
	] as const) {
		const text = ordersDocument(bytes);
		const parse = await measure(`JSON.parse ${label}`, runs, () => JSON.parse(text));
		const pick = await measure(`parse + pick 3 fields ${label}`, runs, () => {
			const parsed = parseJson(text);
			if (!parsed.ok) throw new Error('bench document did not parse');
			return pickFields(parsed.value, plainFields);
		});
		const withTransforms = await measure(`parse + pick 3 transformed ${label}`, runs, () => {
			const parsed = parseJson(text);
			if (!parsed.ok) throw new Error('bench document did not parse');
			return pickFields(parsed.value, transformedFields);
		});
		out.push(ratio(`picker / JSON.parse, ${label}`, parse, pick));
		out.push(ratio(`picker with transforms / JSON.parse, ${label}`, parse, withTransforms));
	}
	return out;
}

/** (d)'s 10 rules: every benchmark user matches all of them. */
const AUDIENCE_RULES = [
	{ attribute: 'user.email', operator: 'isSet' },
	{ attribute: 'user.plan', operator: 'isOneOf', value: 'pro, enterprise' },
	{ attribute: 'user.country', operator: 'notEquals', value: 'US' },
	{ attribute: 'user.seats', operator: 'greaterThan', value: 5 },
	{ attribute: 'user.seats', operator: 'lessThan', value: 1000 },
	{ attribute: 'user.email', operator: 'endsWith', value: '@example.com' },
	{ attribute: 'user.email', operator: 'contains', value: 'bob' },
	{ attribute: 'company.name', operator: 'startsWith', value: 'Ac' },
	{ attribute: 'company.plan', operator: 'equals', value: 'enterprise' },
	{ attribute: 'user.email', operator: 'matches', value: '^[a-z]+@example\\.com$' },
] as AudienceConfig['groups'][number]['rules'];

/** A live Audience Filter with the 10 rules, rolled out to `rolloutPercentage` % of users. */
const audienceConfig = (rolloutPercentage: number): AudienceConfig => ({
	status: 'live',
	testAccounts: [],
	audienceKinds: ['user'],
	manualRun: false,
	groups: [{ combinator: 'and', rules: AUDIENCE_RULES }],
	combinator: 'and',
	caseSensitive: false,
	rolloutPercentage,
	bucketAttribute: 'user.user_id',
	rolloutKey: 'bench',
});

/** (d) Audience Filter decisions per second with 10 rules, and rollout bucketing. */
export async function benchAudience(): Promise<{
	rules10ItemsPerS: number;
	rolloutItemsPerS: number;
	/** Decisions of the all-matching item that came out false, with the audience record's reason. */
	notMatched: Record<string, number>;
	ratios: Ratio[];
}> {
	const full = audienceConfig(100);
	const half = audienceConfig(50);
	const users = Array.from({ length: 1000 }, (_, i) => ({
		...item,
		user: { ...item.user, user_id: `u-${i}` },
	}));
	const copy = await measure('structuredClone of the item (baseline)', 20000, (i) =>
		structuredClone(users[i % users.length]),
	);
	// Every user matches all 10 rules; a decision that does not (n8n's safeRegex timing out on a
	// loaded machine) is counted and reported rather than stopping the run.
	const notMatched: Record<string, number> = {};
	const rules10 = await measure('10 rules, all evaluated', 20000, (i) => {
		const record = decideAudience(users[i % users.length], full);
		if (!record.matched) notMatched[record.reason] = (notMatched[record.reason] ?? 0) + 1;
		return record;
	});
	const rollout = await measure('10 rules + 50 % rollout', 20000, (i) =>
		decideAudience(users[i % users.length], half),
	);
	const bucket = await measure('rolloutBucket alone', 50000, (i) =>
		rolloutBucket('bench', `u-${i}`),
	);
	return {
		rules10ItemsPerS: 1e6 / rules10.perRunUs,
		rolloutItemsPerS: 1e6 / rollout.perRunUs,
		notMatched,
		ratios: [
			ratio('10 rules / structuredClone of the item', copy, rules10),
			ratio('10 rules + rollout / structuredClone of the item', copy, rollout),
			ratio('rollout bucket alone / structuredClone of the item', copy, bucket),
		],
	};
}

/** (e) Token-endpoint calls per 1,000 executions within one token lifetime, through the engine. */
export async function benchTokenCalls(): Promise<
	Array<{ concurrency: number; executions: number; tokenCalls: number }>
> {
	const out = [];
	for (const concurrency of [1, 10, 50]) {
		let issued = 0;
		const server = await startLoopbackServer({
			'POST /oauth/token': () => ({
				delay: 50,
				body: { access_token: `tok-${++issued}`, expires_in: 3600 },
			}),
			'*': { body: { ok: true } },
		});
		try {
			// One credential, as n8n keeps it: the store starts without a token.
			const store = {
				finDynamicTokenApi: {
					tokenUrl: `${server.url}/oauth/token`,
					clientId: 'bench',
					clientSecret: 'bench-secret-0123456789',
				},
			};
			const workflow = apiActionWorkflow(
				`${server.url}/customers/{{user.user_id}}`,
				'finDynamicTokenApi',
			);
			const executions = 1000;
			let next = 0;
			await Promise.all(
				Array.from({ length: concurrency }, async () => {
					while (next < executions) {
						next++;
						const result = await runWorkflow(workflow, {
							input: [item],
							mode: 'webhook',
							credentials: store,
						});
						if (Object.keys(result.errors).length) throw new Error(JSON.stringify(result.errors));
					}
				}),
			);
			out.push({
				concurrency,
				executions,
				tokenCalls: server.requests.filter((r) => r.path === '/oauth/token').length,
			});
		} finally {
			await server.close();
		}
	}
	return out;
}
