// "Test response": runs the whole graph on the server and reports what happened, node by node.
import { api, toApiError } from '../api/client';
import type { TestResult, TestValues } from '../api/types';
import { fingerprint } from '../graph/fingerprint';
import { isUsableAnswer } from '../graph/liveGate';
import type { GraphDoc } from '../graph/types';
import { testableWorkflow } from '../graph/testable';
import { validateGraph } from '../graph/validation';
import { graphToWorkflow } from '../graph/workflow';
import { demoSwitched, demoTestDoc } from './demoSetup';
import { doc, editorStore, getLookup, selectNodes } from './editor';
import { testValuesStore } from './testValues';
import { clearToasts, showToast } from './toasts';

let testAbort: AbortController | undefined;

/** Runs with the test values of the Test setup panel (state/testValues.ts), never with stale ones. */
export async function runTest(testValues: TestValues = testValuesStore.get().values) {
	if (editorStore.get().testing) return;
	// A template just opened may still be switching the demo on: test where the graph will point.
	await demoSwitched();
	if (editorStore.get().testing) return;
	clearToasts('test');
	const current = doc();
	if (!readyToTest(current)) return;
	const { workflow, print, onDemo } = workflowToTest(current);
	testAbort = new AbortController();
	editorStore.set({ testing: true });
	try {
		const result = await api.test(workflow, testValues, testAbort.signal);
		editorStore.set({
			run: { result, fingerprint: print, at: new Date(), demo: onDemo },
			passed: result.ok ? print : undefined,
		});
		reportRun(result, onDemo);
	} catch (error) {
		const apiError = toApiError(error, 'Testing the response');
		showToast('error', apiError.message, apiError.hint, 'test');
	} finally {
		testAbort = undefined;
		editorStore.set({ testing: false });
	}
}

/** Valid test values and a graph with no error; else says what to fix (and clears the selection). */
function readyToTest(current: GraphDoc): boolean {
	const invalid = testValuesStore.get().error;
	if (invalid) {
		showToast(
			'error',
			`Cannot test yet: the test values are not valid (${invalid}).`,
			'Fix them under Test values (click an empty spot of the canvas), then test again.',
			'test',
		);
		selectNodes([]);
		return false;
	}
	const errors = validateGraph(current, getLookup()).filter((problem) => problem.level === 'error');
	if (errors.length) {
		showToast(
			'error',
			`Cannot test yet: ${errors[0].message}`,
			errors.length > 1
				? `${errors.length - 1} more problem(s) are listed in the panel on the right.`
				: undefined,
			'test',
		);
		selectNodes([]);
		return false;
	}
	return true;
}

/** The workflow the test runs (nodes the canvas cannot run left out, said in a toast). */
function workflowToTest(current: GraphDoc) {
	const full = graphToWorkflow(current);
	const print = fingerprint(full);
	// With the demo on, only this run's copy calls the demo: the graph keeps its real addresses.
	const onDemo = Boolean(editorStore.get().demo);
	const { workflow, skipped } = testableWorkflow(
		onDemo ? graphToWorkflow(demoTestDoc(current)) : full,
		getLookup(),
	);
	if (skipped.length) {
		showToast(
			'info',
			`Not run in this test: ${skipped.join(', ')}.`,
			'They run once the workflow is in n8n; the canvas runs Fin Actions nodes and n8n’s Set, If, Switch, Filter, No Op and Respond to Webhook.',
			'test',
		);
	}
	return { workflow, print, onDemo };
}

function reportRun(result: TestResult, onDemo = false) {
	for (const warning of (result.warnings as string[] | undefined) ?? [])
		showToast('warning', warning, undefined, 'test');
	if (result.ok) {
		if (!isUsableAnswer(result.answer)) {
			showToast(
				'warning',
				'The graph ran, but the AI would receive no answer.',
				'The messages above say why (a picker with no field ticked answers nothing); “Preview answer” shows what n8n would send.',
				'test',
			);
		} else {
			showToast(
				'success',
				onDemo
					? 'Test passed against the demo backend: the AI would receive an answer.'
					: 'Test passed: the AI would receive an answer.',
				onDemo
					? 'Check it with “Preview answer”. To set it live, switch off “Use demo backend” and test against your API.'
					: 'Check it with “Preview answer”, then “Set live”.',
				'test',
			);
		}
		return;
	}
	const failed = Object.entries(result.nodes).find(([, run]) => run.status === 'error');
	if (failed) {
		const [name, run] = failed;
		const id = doc().nodes.find((node) => node.data.node.name === name)?.id;
		if (id) selectNodes([id]);
		showToast(
			'error',
			`${name} failed: ${run.error?.message ?? 'unknown error'}`,
			run.error?.description ??
				'Its Output tab on the right shows the details; fix the setting it names and test again.',
			'test',
		);
		return;
	}
	const runError = typeof result.error === 'string' ? { message: result.error } : result.error;
	showToast(
		'error',
		`The test failed: ${runError?.message ?? 'no node produced output'}`,
		runError?.description ?? 'Check the connections from the trigger, then test again.',
		'test',
	);
}

export function cancelTest() {
	testAbort?.abort();
}
