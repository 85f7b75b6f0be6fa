// The Logs summary of a run (server/run-log.ts) on executions recorded from real n8n 2.40.7
// (fixtures/n8n-2.40.7-executions.json: one customer in the audience, one outside it, one whose API
// read failed): outcome, status, error and field names, with no picked value and no secret.
import { secretVariants } from '../../../nodes/public';
import { summarizeExecution } from '../../server/run-log';
import recorded from './fixtures/n8n-2.40.7-executions.json';

const BASE = 'http://127.0.0.1:5678';
const context = {
	baseUrl: BASE,
	workflowId: recorded.workflowId,
	nodes: recorded.nodes,
	secrets: [] as string[],
};
const [failed, outside, allowed] = recorded.executions as unknown as Record<string, unknown>[];

/** Values the recorded runs read from the API or the chat: none may appear in a summary. */
const VALUES = [
	'312.4',
	'Green Flex 24',
	'98.37',
	'1 Oct 2026',
	'MTR-99-00817',
	'DE89370400440532013000',
	'How much power did I use?',
	'smart',
	'analog',
	'/customers/cust-broken/usage',
];

it('summarizes a run in the audience: verified customer, 200, the answered field names, no values', () => {
	const summary = summarizeExecution(allowed, context);
	expect(summary).toEqual({
		id: allowed.id,
		startedAt: allowed.startedAt,
		stoppedAt: allowed.stoppedAt,
		durationMs: Date.parse(String(allowed.stoppedAt)) - Date.parse(String(allowed.startedAt)),
		status: 'success',
		customer: { id: 'cust-4711', attribute: 'user.user_id', verified: true, method: 'user_hash' },
		audience: {
			matched: true,
			decidedBy: 'rule',
			reason: 'rule 1 of group 1 (Smart meter customers) is true',
		},
		api: expect.objectContaining({ node: 'Electricity usage', status: 200, ok: true }),
		fields: ['Usage (kWh)', 'From', 'To', 'Tariff', 'Estimated bill'],
		actionUsed: true,
		url: `${BASE}/workflow/${recorded.workflowId}/executions/${allowed.id}`,
	});
	const text = JSON.stringify(summary);
	for (const value of VALUES) expect(text).not.toContain(value);
});

it('summarizes a customer outside the audience: "Not In Audience" answered, no API call, no error', () => {
	const summary = summarizeExecution(outside, context);
	expect(summary).toMatchObject({
		status: 'success',
		customer: { id: 'cust-0815', verified: true },
		audience: { matched: false, decidedBy: 'rule' },
		fields: [],
		actionUsed: false,
	});
	expect(summary.api).toBeUndefined();
	expect(summary.error).toBeUndefined();
});

it('summarizes a failed API read: its status, the node that failed, and what to do', () => {
	const summary = summarizeExecution(failed, context);
	expect(summary).toMatchObject({
		status: 'error',
		customer: { id: 'cust-broken', verified: true },
		audience: { matched: true },
		api: { node: 'Electricity usage', status: 500, ok: false },
		fields: [],
		error: {
			node: 'Electricity usage',
			message: 'The API answered 500: the API failed. Try again later or contact its owner.',
			hint: expect.stringContaining('Your API failed (HTTP 500)'),
		},
	});
	const text = JSON.stringify(summary);
	for (const value of VALUES) expect(text).not.toContain(value);
	// n8n's resume token of the execution is not shown either.
	expect(text).not.toContain(String((failed.data as { resumeToken: string }).resumeToken));
});

it('names only a signed identifier as the customer: an unsigned user_id or email is not shown', () => {
	const unsigned = structuredClone(allowed) as any;
	const trigger = unsigned.data.resultData.runData['Fin Trigger'][0].data.main[0][0].json;
	trigger.identity = { verified: false, method: 'none', kind: 'visitor', signed: [] };
	trigger.user = { user_id: 'claimed-by-anyone', email: 'someone@example.com' };
	const summary = summarizeExecution(unsigned, context);
	expect(summary.customer).toEqual({ verified: false, method: 'none' });
	expect(JSON.stringify(summary)).not.toContain('claimed-by-anyone');
});

it('scrubs every secret the canvas knows from what it shows, in every encoding', () => {
	const secret = 'logs-backend-token-0d9a7c55e1';
	const echoed = structuredClone(failed) as any;
	// An API that quotes the token it received, in the clear and base64-encoded.
	const error = echoed.data.resultData.runData['Electricity usage'][0].error;
	error.message = `Token ${secret} (${Buffer.from(secret).toString('base64')}) is not allowed here`;
	const summary = summarizeExecution(echoed, { ...context, secrets: [secret] });
	const text = JSON.stringify(summary);
	for (const variant of secretVariants(secret)) expect(text).not.toContain(variant);
	expect(summary.error?.node).toBe('Electricity usage');
});
