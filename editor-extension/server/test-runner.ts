// POST /api/test: runs the whole graph the way n8n would after Fin Trigger received a message, through
// the same engine path as the package's tests (engine/run-workflow: n8n-core WorkflowExecute
// with the real node and credential classes), and reports every node's input, output, error and requests.
import type { IConnections, IDataObject } from 'n8n-workflow';

import {
	buildTestItem,
	redactSecrets,
	type ConversationItem,
	type TestValues,
} from '../../nodes/public';
import { runWorkflow, type WorkflowJson } from '../../engine/index';
import type { TestReport, TestRequestBody } from '../shared/api';
import type { CredentialStore } from './credentials';
import { HttpError, isObject, type JsonObject } from './http';
import {
	checkNodeCredentials,
	collectCredentials,
	keepRefreshedTokens,
} from './test-run/credentials';
import { packageTypes, runnableGraph, withoutNodes } from './test-run/graph';
import { nodeReports, requestsByNode, testReport } from './test-run/reports';

// The Pick fields tab's response (tests import it from here).
export { apiResponseOf } from './test-run/reports';

/**
 * The item Fin Trigger emits in a test: its own "Test Values" parameter (buildTestItem, the same code
 * the node runs for "Listen for test event") with each part the canvas sends (user, company,
 * conversation, message) taking that part's place. Nothing is verified in a test.
 */
export function triggerItem(
	testValues: JsonObject,
	nodeTestValues: IDataObject = {},
	now = new Date(),
): ConversationItem {
	const base = buildTestItem(nodeTestValues as TestValues, now);
	if (!base.ok) {
		throw new HttpError(
			400,
			`Fin Trigger's Test Values cannot be used: ${base.rejection.message}`,
			'Fix "Attributes (JSON)" under Test Values in the Fin Trigger node.',
		);
	}
	const item: ConversationItem = base.value;
	for (const key of ['user', 'company', 'conversation'] as const) {
		const value = testValues[key];
		if (value === undefined || value === null) continue;
		if (!isObject(value))
			throw new HttpError(
				400,
				`testValues.${key} must be an object`,
				`Send e.g. {"${key}": {"id": "..."}} (attribute names as in Intercom).`,
			);
		item[key] = value as IDataObject;
	}
	const message = testValues.message;
	if (typeof message === 'string') item.message = { ...item.message, text: message };
	else if (isObject(message))
		item.message = {
			...item.message,
			...(message as IDataObject),
			text: String(message.text ?? item.message.text),
		};
	else if (message !== undefined && message !== null) {
		throw new HttpError(
			400,
			'testValues.message must be a text or an object with "text"',
			'Send e.g. {"message": "Where is my order?"}.',
		);
	}
	return item;
}

/** Runs a request already checked against testRequestBody (shared/api.ts). */
export async function runTest(body: TestRequestBody, store: CredentialStore): Promise<TestReport> {
	const workflow = body.workflow as JsonObject;
	const types = packageTypes();
	const warnings: string[] = [];
	const graph = runnableGraph(workflow, types, warnings);
	const item = triggerItem(
		(body.testValues ?? {}) as JsonObject,
		(isObject(graph.trigger?.parameters?.testValues)
			? graph.trigger.parameters.testValues
			: {}) as IDataObject,
	);
	checkNodeCredentials(graph.runnable, types, warnings);
	const credentials = collectCredentials(graph.runnable, store, warnings);
	const { secrets } = credentials;

	const connections = workflow.connections as IConnections;
	const workflowJson: WorkflowJson = {
		...workflow,
		nodes: graph.runnable,
		connections: withoutNodes(connections, graph.foreign),
	};
	const result = await runWorkflow(workflowJson, {
		credentials: credentials.data,
		input: [item],
		startNode: graph.startNode,
	}).catch((error: unknown) => {
		if (error instanceof HttpError) throw error;
		const message = redactSecrets(
			`The workflow could not be run: ${(error as Error).message}`,
			secrets,
		);
		throw new HttpError(
			400,
			message,
			'Check the connections and node settings named in the message, then test again.',
		);
	});
	keepRefreshedTokens(credentials, result.credentials, store);

	const requests = requestsByNode(result.requests, credentials.data, secrets);
	const reports = nodeReports(graph, result, item, requests, secrets);
	return redactSecrets(testReport(graph, connections, result, reports, warnings), secrets);
}
