// "Set live" means deployable: every reason an action may not go to n8n yet, in words the admin acts
// on. Pure (tested in test/graph/live-gate.test.ts); the top bar enables "Set live" only when the list
// is empty, and Checks lists each reason.
import type { N8nWorkflow } from './types';

const TRIGGER_TYPE = 'n8n-nodes-fin-actions.finTrigger';

export interface LiveGateInput {
	workflow: N8nWorkflow;
	/** Fingerprint of the graph as it is now, and of the graph of the last test that passed. */
	fingerprint: string;
	passed?: string;
	/** What the AI would have received in that test (TestReport.answer). */
	answer?: unknown;
	/** Demo addresses the graph itself holds (e.g. an old export): demoAddressesIn (shared/demo.ts). */
	demoAddresses: string[];
	/** That passing test ran against the demo backend (a test-time override), not the real API. */
	testedOnDemo?: boolean;
	/** A test stored from an earlier visit is shown (it never counts: only a test run now does). */
	earlierTest?: boolean;
	/** n8n's own checks (parameter issues, missing credentials), as "node: message". */
	n8nIssues: string[];
	/** Why the test values being edited cannot be used (state/testValues.ts); undefined when valid. */
	testValuesError?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** An answer the AI can use: not null, not `{}`, not `{answer: {}, actionUsed: false}`. */
export function isUsableAnswer(answer: unknown): boolean {
	if (!isObject(answer)) return false;
	if (answer.actionUsed === false) return false;
	const body = 'answer' in answer ? answer.answer : answer;
	if (isObject(body)) return Object.keys(body).length > 0;
	if (Array.isArray(body)) return body.length > 0;
	return body !== null && body !== undefined && body !== '';
}

export function liveBlockers(input: LiveGateInput): string[] {
	const reasons: string[] = [];
	if (!input.passed)
		reasons.push(
			input.earlierTest
				? 'The test shown ran before this page was opened: run “Test response” again.'
				: 'No passing test yet: run “Test response” with valid test values.',
		);
	else if (input.passed !== input.fingerprint)
		reasons.push('The graph changed since the last passing test: test it again.');
	else if (input.testedOnDemo)
		reasons.push(
			'The last passing test ran against the demo backend, not your API: switch off “Use demo backend” and test again.',
		);
	else if (!isUsableAnswer(input.answer))
		reasons.push(
			'The last test gave the AI nothing to answer with (empty answer, or the action was not used): check the test values and the picked fields, then test again.',
		);
	if (input.testValuesError)
		reasons.push(
			`The test values are not valid (${input.testValuesError}): fix them under Test values, then test again.`,
		);
	for (const address of input.demoAddresses)
		reasons.push(
			`${address} is the canvas's demo backend: enter your API's address there (the graph itself holds it, e.g. from an older export).`,
		);
	const triggers = input.workflow.nodes.filter(
		(node) => node.type === TRIGGER_TYPE && node.disabled !== true,
	);
	if (triggers.length === 0) reasons.push('There is no Fin Trigger: add one.');
	for (const trigger of triggers)
		if (trigger.parameters?.requireIdentityVerification === false)
			reasons.push(
				`“${trigger.name}” does not require identity verification: switch “Require Identity Verification” on, so only signed customers get their data.`,
			);
	for (const issue of input.n8nIssues) reasons.push(`n8n would refuse it: ${issue}`);
	return reasons;
}
