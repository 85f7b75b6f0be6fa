// "Set live" is enabled only for a deployable action: each blocked reason is named.
import { isUsableAnswer, liveBlockers, type LiveGateInput } from '../../client/graph/liveGate';
import type { N8nWorkflow } from '../../client/graph/types';

const workflow = (requireIdentityVerification?: boolean): N8nWorkflow =>
	({
		name: 'Action',
		nodes: [
			{
				id: 't',
				name: 'Fin Trigger',
				type: 'n8n-nodes-fin-actions.finTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters:
					requireIdentityVerification === undefined ? {} : { requireIdentityVerification },
			},
		],
		connections: {},
	}) as N8nWorkflow;

const ready: LiveGateInput = {
	workflow: workflow(),
	fingerprint: 'fp-1',
	passed: 'fp-1',
	answer: { answer: { Incident: ['Outage'] }, actionUsed: true },
	demoAddresses: [],
	n8nIssues: [],
};

it('is deployable after a passing test of this graph with a non-empty answer', () => {
	expect(liveBlockers(ready)).toEqual([]);
	expect(liveBlockers({ ...ready, workflow: workflow(true) })).toEqual([]);
});

it('names each blocked reason', () => {
	expect(liveBlockers({ ...ready, passed: undefined })[0]).toMatch(/No passing test/);
	// A test stored from an earlier visit is named as such, and still does not count.
	expect(liveBlockers({ ...ready, passed: undefined, earlierTest: true })).toEqual([
		expect.stringMatching(/^The test shown ran before this page was opened/),
	]);
	expect(liveBlockers({ ...ready, passed: 'fp-0' })[0]).toMatch(
		/changed since the last passing test/,
	);
	expect(liveBlockers({ ...ready, answer: { answer: {}, actionUsed: false } })[0]).toMatch(
		/nothing to answer with/,
	);
	expect(liveBlockers({ ...ready, answer: null })[0]).toMatch(/nothing to answer with/);
	// Demo mode is a test-time override: a test against the demo is no test of the real API, and a
	// graph that itself holds a demo address (an older export) is blocked, naming the field.
	expect(liveBlockers({ ...ready, testedOnDemo: true })).toEqual([
		expect.stringMatching(/last passing test ran against the demo backend/),
	]);
	expect(
		liveBlockers({
			...ready,
			demoAddresses: ['“Orders” (url): http://127.0.0.1:5680/demo/shopify'],
		}),
	).toEqual([
		expect.stringMatching(
			/^“Orders” \(url\): http:\/\/127.0.0.1:5680\/demo\/shopify is the canvas's demo backend/,
		),
	]);
	expect(liveBlockers({ ...ready, workflow: workflow(false) })[0]).toMatch(/identity verification/);
	expect(
		liveBlockers({
			...ready,
			n8nIssues: ['“Fin Trigger”: Missing required credential: finMessengerApi'],
		}),
	).toEqual(['n8n would refuse it: “Fin Trigger”: Missing required credential: finMessengerApi']);
	expect(liveBlockers({ ...ready, workflow: { ...workflow(), nodes: [] } as N8nWorkflow })).toEqual(
		['There is no Fin Trigger: add one.'],
	);
	expect(
		liveBlockers({
			...ready,
			passed: undefined,
			demoAddresses: ['“A” (url): http://127.0.0.1:1/demo/shopify'],
			workflow: workflow(false),
		}),
	).toHaveLength(3);
});

it('takes only an answer the AI can use', () => {
	expect(isUsableAnswer({ answer: { a: 1 }, actionUsed: true })).toBe(true);
	expect(isUsableAnswer({ answer: {}, actionUsed: true })).toBe(false);
	expect(isUsableAnswer({ answer: { a: 1 }, actionUsed: false })).toBe(false);
	expect(isUsableAnswer({})).toBe(false);
	expect(isUsableAnswer(undefined)).toBe(false);
	expect(isUsableAnswer({ total: 3 })).toBe(true);
});

it('is blocked while the test values being edited are invalid (issue 15)', () => {
	expect(liveBlockers({ ...ready, testValuesError: 'user.age: “forty” is not a number' })).toEqual([
		'The test values are not valid (user.age: “forty” is not a number): fix them under Test values, then test again.',
	]);
});
