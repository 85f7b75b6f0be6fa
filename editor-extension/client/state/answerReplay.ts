// The answer preview of "Pick fields": the graph as it is now, run by the server's real nodes on the
// responses the last test received (graph/picking.ts withRecordedResponses), so the preview is what
// production answers for that response, and no API is called again. Nothing is stored.
import { api } from '../api/client';
import type { TestResult } from '../api/types';
import { withRecordedResponses } from '../graph/picking';
import { testableWorkflow } from '../graph/testable';
import type { GraphDoc } from '../graph/types';
import { graphToWorkflow } from '../graph/workflow';
import { demoTestDoc } from './demoSetup';
import { getLookup } from './editor';
import { testValuesStore } from './testValues';

/**
 * Each API Action's response in a test report, by node name; undefined when a node that sent
 * requests has none to replay (withheld, too large, failed): a replay would call its API again.
 */
export function recordedResponses(
	run: TestResult | undefined,
): Record<string, unknown> | undefined {
	const responses: Record<string, unknown> = {};
	for (const [name, report] of Object.entries(run?.nodes ?? {})) {
		if (report.apiResponse && 'body' in report.apiResponse)
			responses[name] = report.apiResponse.body;
		else if (report.requests?.length) return undefined;
	}
	return responses;
}

export function replayAnswer(
	graph: GraphDoc,
	responses: Record<string, unknown>,
	signal: AbortSignal,
): Promise<TestResult> {
	const { workflow } = testableWorkflow(graphToWorkflow(demoTestDoc(graph)), getLookup());
	return api.test(withRecordedResponses(workflow, responses), testValuesStore.get().values, signal);
}
