// What a canvas test reports: each node's input, output, error and requests (credential-bearing parts
// redacted or withheld), the API response an API Action read, and what the AI would receive.
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	ITaskData,
} from 'n8n-workflow';

import {
	BASE_NODE_FILES,
	PACKAGE_NAME,
	RESPONSE_CAPTURE_BYTES,
	type RecordedRequest,
	type RunResult,
} from '../../../engine/index';
import {
	parseJson,
	recordableBody,
	redactHeaders,
	WITHHELD_BODY,
	type ConversationItem,
} from '../../../nodes/public';
import type {
	Item as TestItem,
	NodeReport,
	RecordedReply,
	RecordedRequestInfo,
	TestReport,
} from '../../shared/api';
import type { JsonObject } from '../http';
import { reachedForeignNodes, type RunnableGraph } from './graph';

const API_ACTION = `${PACKAGE_NAME}.apiAction`;
/** e.g. "set, if, switch" for the report of a node the canvas does not run. */
const RUNNABLE_BASE_NAMES = Object.keys(BASE_NODE_FILES)
	.map((type) => type.split('.')[1])
	.join(', ');

/** The run's requests per node: as the Requests tab shows them, and raw (token requests left out). */
export interface NodeRequests {
	shown: Map<string, RecordedRequestInfo[]>;
	raw: Map<string, RecordedRequest[]>;
}

export function requestsByNode(
	requests: RecordedRequest[],
	credentials: Record<string, ICredentialDataDecryptedObject>,
	secrets: string[],
): NodeRequests {
	const shown = new Map<string, RecordedRequestInfo[]>();
	const raw = new Map<string, RecordedRequest[]>();
	const tokenEndpoints = new Set(
		Object.values(credentials).flatMap((data) =>
			typeof data.tokenUrl === 'string' ? [endpointOf(data.tokenUrl)] : [],
		),
	);
	for (const request of requests) {
		// A token request always carries the client secret or password: its body is never recorded,
		// nor is any other body that carries a credential secret (scrubbing is only the fallback).
		const body = tokenEndpoints.has(endpointOf(request.url))
			? request.body === undefined
				? undefined
				: WITHHELD_BODY
			: recordableBody(request.body, secrets);
		const clean = {
			...request,
			headers: redactHeaders(request.headers, secrets),
			...(body === undefined ? {} : { body }),
			...replyOf(request, secrets, tokenEndpoints.has(endpointOf(request.url))),
		};
		if (request.node) shown.set(request.node, [...(shown.get(request.node) ?? []), clean]);
		if (request.node && !tokenEndpoints.has(endpointOf(request.url)))
			raw.set(request.node, [...(raw.get(request.node) ?? []), request]);
	}
	return { shown, raw };
}

/** Every node's report, in the graph's order; a node that did not run is "skipped". */
export function nodeReports(
	graph: RunnableGraph,
	result: RunResult,
	item: ConversationItem,
	requests: NodeRequests,
	secrets: string[],
): Record<string, NodeReport> {
	const runData = result.run.data.resultData.runData;
	const reports: Record<string, NodeReport> = {};
	for (const node of graph.nodes) {
		const task = runData[node.name]?.[runData[node.name].length - 1];
		if (!task) {
			reports[node.name] = graph.foreign.has(node.name)
				? {
						status: 'skipped',
						input: [],
						output: [],
						notRun: `${node.type} runs only in n8n; the canvas runs ${PACKAGE_NAME} nodes and n8n's ${RUNNABLE_BASE_NAMES} only.`,
					}
				: { status: 'skipped', input: [], output: [] };
			continue;
		}
		const input: TestItem[] =
			node.name === (graph.startNode ?? result.executionOrder[0])
				? [{ json: item }]
				: inputOf(task, runData);
		reports[node.name] = {
			status: task.error ? 'error' : 'success',
			input,
			output: (task.data?.main ?? []).map(items),
			...(task.error ? { error: errorOf(task.error) } : {}),
			requests: requests.shown.get(node.name) ?? [],
			...(node.type === API_ACTION
				? apiResponseOf(node, requests.raw.get(node.name) ?? [], secrets)
				: {}),
		};
	}
	return reports;
}

/** The items a node received: what its parents sent on the outputs leading to it. */
function inputOf(task: ITaskData, runData: Record<string, ITaskData[]>): TestItem[] {
	return (task.source ?? []).flatMap((source) => {
		if (!source) return [];
		const parent = runData[source.previousNode]?.[source.previousNodeRun ?? 0];
		return items(parent?.data?.main?.[source.previousNodeOutput ?? 0]);
	});
}

/** The whole report: ok, the nodes, what the AI would receive, and every warning. */
export function testReport(
	graph: RunnableGraph,
	connections: IConnections,
	result: RunResult,
	reports: Record<string, NodeReport>,
	warnings: string[],
): TestReport {
	const runError = result.run.data.resultData.error;
	const ok = !runError && Object.values(reports).every((report) => report.status !== 'error');
	const reached = reachedForeignNodes(connections, graph.foreign, reports);
	for (const name of reached) {
		warnings.push(
			`The item went on to "${name}", which runs only in n8n: the canvas cannot tell what the AI would receive. Test this branch in n8n, or change the test values.`,
		);
	}
	const answer =
		ok && reached.length === 0
			? answerOf(result.run.data.resultData.lastNodeExecuted, reports, graph.trigger, warnings)
			: null;
	return {
		ok,
		executionOrder: result.executionOrder,
		nodes: reports,
		answer,
		warnings,
		...(runError && !Object.values(reports).some((entry) => entry.error)
			? { error: errorOf(runError) }
			: {}),
	};
}

function items(list: INodeExecutionData[] | null | undefined): TestItem[] {
	return (list ?? []).map((item) => ({ json: item.json }));
}

function errorOf(error: { message?: string; description?: string | null } | undefined) {
	if (!error) return undefined;
	return {
		message: error.message ?? 'Unknown error',
		...(error.description ? { description: error.description } : {}),
	};
}

/**
 * The API's reply for the Requests tab (issue 15): status, headers with credential-bearing ones
 * redacted, and the body's first bytes (JSON parsed when whole), withheld when it carries a secret
 * and always for a token endpoint (its reply is the token).
 */
function replyOf(
	request: RecordedRequest,
	secrets: string[],
	tokenEndpoint: boolean,
): { response?: RecordedReply } {
	const reply = request.response;
	if (!reply) return {};
	let body: unknown = reply.text;
	const type = String(
		Object.entries(reply.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ??
			'',
	);
	if (!reply.truncated && /json/i.test(type)) {
		try {
			body = JSON.parse(reply.text);
		} catch {
			// Not JSON after all: shown as the text it is.
		}
	}
	return {
		response: {
			status: request.status,
			headers: redactHeaders(reply.headers, secrets) as JsonObject,
			body: tokenEndpoint && reply.text ? WITHHELD_BODY : recordableBody(body, secrets),
			bytes: reply.bytes,
			truncated: reply.truncated,
		},
	};
}

/**
 * The response an API Action read in this test, parsed as the node parses it (nodes/shared/parse-json):
 * its Mock Response, else the body of its last successful request (not a token request). It is what
 * the Pick fields tab shows as a tree, whatever the node then picked from it; it goes back to the page
 * only. A body carrying a credential secret is withheld, as in the Requests tab.
 */
export function apiResponseOf(
	node: INode,
	requests: RecordedRequest[],
	secrets: string[],
): Pick<NodeReport, 'apiResponse'> {
	let body: unknown;
	if (node.parameters?.responseSource === 'mock') {
		const raw = node.parameters.mockResponse ?? '{}';
		const parsed = typeof raw === 'string' ? parseJson(raw) : { ok: true as const, value: raw };
		if (!parsed.ok) return {};
		body = parsed.value;
	} else {
		const answered = requests.filter(
			(request) => request.response && (request.status ?? 0) >= 200 && (request.status ?? 0) < 300,
		);
		const reply = answered[answered.length - 1]?.response;
		if (!reply) return {};
		if (reply.truncated)
			return {
				apiResponse: {
					problem: `The API's answer is ${reply.bytes} bytes; the tree shows answers up to ${RESPONSE_CAPTURE_BYTES / 1024} KiB. Write the pointers in the Parameters tab ("Fields").`,
				},
			};
		if (reply.text.trim() === '') body = null;
		else {
			const parsed = parseJson(reply.text);
			if (!parsed.ok) return {};
			body = parsed.value;
		}
	}
	const shown = recordableBody(body, secrets);
	return shown === WITHHELD_BODY && body !== WITHHELD_BODY
		? {
				apiResponse: {
					problem:
						'The answer carries a credential secret, so the canvas does not show it. Write the pointers in the Parameters tab ("Fields").',
				},
			}
		: { apiResponse: { body } };
}

/** Scheme, host, port and path: a token URL is the same endpoint whatever its query says. */
function endpointOf(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname}`;
	} catch {
		return url;
	}
}

/**
 * What the AI receives, as n8n answers Fin Trigger's webhook: with "Respond: With Last Node's Output"
 * (responseData firstEntryJson) the json of the first item on the first output of the node that ran
 * last; with "At Once With 202 Accepted" only `{status: 'accepted'}`.
 */
function answerOf(
	lastNode: string | undefined,
	reports: Record<string, NodeReport>,
	trigger: INode | undefined,
	warnings: string[],
): IDataObject | null {
	if (trigger?.parameters?.responseMode === 'onReceived') {
		warnings.push(
			'Fin Trigger answers at once with 202 Accepted, so the AI receives only {"status": "accepted"}, not the data below.',
		);
		return { status: 'accepted' };
	}
	const first = lastNode ? reports[lastNode]?.output?.[0]?.[0] : undefined;
	if (!first) {
		warnings.push(
			`The last node that ran (${lastNode ?? 'none'}) sent no item on its first output, so n8n would answer the AI with an error ("No item to return was found").`,
		);
		return null;
	}
	return first.json as IDataObject;
}
