// POST /api/test: runs the whole graph the way n8n would after Fin Trigger received a message, through
// the same engine path as the package's tests (engine/run-workflow: n8n-core WorkflowExecute
// with the real node and credential classes), and reports every node's input, output, error and requests.
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	ITaskData,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { buildTestItem, type TestValues } from '../../nodes/FinTrigger/test-values';
import { parseJson } from '../../nodes/shared/parse-json';
import type { ConversationItem } from '../../nodes/shared/conversation-item';
import { BASE_NODE_FILES, isRunnableBaseType } from '../../engine/base-node-types';
import { PACKAGE_NAME } from '../../engine/package-types';
import {
	RESPONSE_CAPTURE_BYTES,
	runWorkflow,
	type RecordedRequest,
	type WorkflowJson,
} from '../../engine/run-workflow';
import type {
	Item as TestItem,
	NodeReport,
	RecordedReply,
	RecordedRequestInfo,
	TestReport,
	TestRequestBody,
} from '../shared/api';
import type { CredentialStore } from './credentials';
import { HttpError, isObject, type JsonObject } from './http';
import { packageNodes } from './package-info';
import {
	recordableBody,
	WITHHELD_BODY,
	redactHeaders,
	redactSecrets,
} from '../../nodes/shared/redact';

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
const API_ACTION = `${PACKAGE_NAME}.apiAction`;
/** e.g. "set, if, switch" for the report of a node the canvas does not run. */
const RUNNABLE_BASE_NAMES = Object.keys(BASE_NODE_FILES)
	.map((type) => type.split('.')[1])
	.join(', ');

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

function isTrigger(type: INodeType | undefined): boolean {
	return (
		!!type && (type.description.group.includes('trigger') || !!type.description.webhooks?.length)
	);
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

/** Runs a request already checked against testRequestBody (shared/api.ts). */
export async function runTest(body: TestRequestBody, store: CredentialStore): Promise<TestReport> {
	const { workflow } = body;
	const testValues = (body.testValues ?? {}) as JsonObject;

	const types = new Map(
		packageNodes().map((type) => [`${PACKAGE_NAME}.${type.description.name}`, type]),
	);
	const warnings: string[] = [];
	// Sticky notes only annotate the canvas and never run.
	const nodes = (workflow.nodes as unknown[]).filter(
		(node) => !(isObject(node) && node.type === STICKY_NOTE),
	) as INode[];
	for (const [index, node] of nodes.entries()) {
		if (!isObject(node) || typeof node.name !== 'string' || typeof node.type !== 'string') {
			throw new HttpError(
				400,
				`nodes[${index}] needs a "name" and a "type"`,
				'Export the workflow again from the canvas.',
			);
		}
	}
	// n8n's own Set, If, ... (e.g. the templates' "Not In Audience") run through n8n-nodes-base's real
	// classes (engine/base-nodes.ts). Nodes of other packages exist only in n8n: they are left out of
	// the run, and the report says when an item would have reached one.
	const runs = (node: INode) => types.has(node.type) || isRunnableBaseType(node.type);
	const runnable = nodes.filter(runs);
	const foreign = new Set(nodes.filter((node) => !runs(node)).map((node) => node.name));
	const triggers = nodes.filter((node) => isTrigger(types.get(node.type)));
	if (triggers.length > 1) {
		throw new HttpError(
			400,
			`The workflow has ${triggers.length} triggers (${triggers.map((node) => node.name).join(', ')})`,
			'Keep exactly one Fin Trigger.',
		);
	}
	const trigger = triggers[0];
	const startNode = trigger?.name;
	if (!startNode)
		warnings.push(
			'The workflow has no Fin Trigger: the test message was given to the first node instead.',
		);
	const item = triggerItem(
		testValues,
		(isObject(trigger?.parameters?.testValues) ? trigger.parameters.testValues : {}) as IDataObject,
	);

	// A node that needs a credential it does not name fails with a misleading error: say it up front.
	for (const node of runnable) {
		const type = types.get(node.type);
		if (!type || node.disabled || isTrigger(type)) continue;
		for (const needed of neededCredentials(node, type)) {
			if (!isObject(node.credentials) || !(needed in node.credentials)) {
				warnings.push(
					`Node "${node.name}" needs a ${needed} credential: choose or create one in its settings.`,
				);
			}
		}
	}

	// Credentials: each node refers to one by type and {id, name}; runWorkflow takes one per type.
	const runCredentials: Record<string, ICredentialDataDecryptedObject> = {};
	const usedIds: Record<string, string> = {};
	const secrets: string[] = [];
	for (const node of runnable) {
		if (node.disabled || !isObject(node.credentials)) continue;
		for (const [type, reference] of Object.entries(node.credentials as Record<string, unknown>)) {
			const ref = isObject(reference) ? reference : { name: reference };
			const found = store.resolveForRun(type, ref);
			if (!found) {
				warnings.push(
					`Node "${node.name}" uses the ${type} credential "${String(ref.name ?? ref.id)}", which is not entered in this canvas: add it under Credentials.`,
				);
				continue;
			}
			if (usedIds[type] && usedIds[type] !== found.id) {
				throw new HttpError(
					400,
					`Two different ${type} credentials are used in one workflow`,
					'A canvas test can use one credential per type: pick the same credential in every node, or test the branches separately.',
				);
			}
			usedIds[type] = found.id;
			runCredentials[type] = found.data;
			secrets.push(...store.secretValues(type, found.data));
		}
	}

	const connections = workflow.connections as IConnections;
	const workflowJson: WorkflowJson = {
		...(workflow as JsonObject),
		nodes: runnable,
		connections: withoutNodes(connections, foreign),
	};
	const result = await runWorkflow(workflowJson, {
		credentials: runCredentials,
		input: [item],
		startNode,
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

	// Refreshed tokens (preAuthentication) are kept, as n8n saves them, and are secrets too.
	for (const [type, id] of Object.entries(usedIds)) {
		const after = result.credentials[type];
		if (after) {
			store.saveFromRun(id, after);
			secrets.push(...store.secretValues(type, after));
		}
	}

	const runData = result.run.data.resultData.runData;
	const lastTask = (name: string): ITaskData | undefined =>
		runData[name]?.[runData[name].length - 1];
	const requestsByNode = new Map<string, RecordedRequestInfo[]>();
	const rawByNode = new Map<string, RecordedRequest[]>();
	const tokenEndpoints = new Set(
		Object.values(runCredentials).flatMap((data) =>
			typeof data.tokenUrl === 'string' ? [endpointOf(data.tokenUrl)] : [],
		),
	);
	for (const request of result.requests) {
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
		if (request.node)
			requestsByNode.set(request.node, [...(requestsByNode.get(request.node) ?? []), clean]);
		if (request.node && !tokenEndpoints.has(endpointOf(request.url)))
			rawByNode.set(request.node, [...(rawByNode.get(request.node) ?? []), request]);
	}

	const reports: Record<string, NodeReport> = {};
	for (const node of nodes) {
		const task = lastTask(node.name);
		if (!task) {
			reports[node.name] = foreign.has(node.name)
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
			node.name === (startNode ?? result.executionOrder[0])
				? [{ json: item }]
				: (task.source ?? []).flatMap((source) => {
						if (!source) return [];
						const parent = runData[source.previousNode]?.[source.previousNodeRun ?? 0];
						return items(parent?.data?.main?.[source.previousNodeOutput ?? 0]);
					});
		reports[node.name] = {
			status: task.error ? 'error' : 'success',
			input,
			output: (task.data?.main ?? []).map(items),
			...(task.error ? { error: errorOf(task.error) } : {}),
			requests: requestsByNode.get(node.name) ?? [],
			...(node.type === API_ACTION
				? apiResponseOf(node, rawByNode.get(node.name) ?? [], secrets)
				: {}),
		};
	}

	const runError = result.run.data.resultData.error;
	const ok = !runError && Object.values(reports).every((report) => report.status !== 'error');
	const reached = reachedForeignNodes(connections, foreign, reports);
	for (const name of reached) {
		warnings.push(
			`The item went on to "${name}", which runs only in n8n: the canvas cannot tell what the AI would receive. Test this branch in n8n, or change the test values.`,
		);
	}
	const answer =
		ok && reached.length === 0
			? answerOf(result.run.data.resultData.lastNodeExecuted, reports, trigger, warnings)
			: null;
	const report: TestReport = {
		ok,
		executionOrder: result.executionOrder,
		nodes: reports,
		answer,
		warnings,
		...(runError && !Object.values(reports).some((entry) => entry.error)
			? { error: errorOf(runError) }
			: {}),
	};
	return redactSecrets(report, secrets);
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

/** Credential types the node's current settings require (e.g. API Action with Authentication "Fin Fixed Token"). */
function neededCredentials(node: INode, type: INodeType): string[] {
	const { description } = type;
	const parameters =
		NodeHelpers.getNodeParameters(
			description.properties,
			node.parameters ?? {},
			true,
			false,
			node,
			description,
		) ?? {};
	return (description.credentials ?? [])
		.filter(
			(credential) =>
				credential.required &&
				NodeHelpers.displayParameter(parameters, credential, node, description),
		)
		.map((credential) => credential.name);
}

/** The connections without those from or to the given nodes; output positions are kept. */
function withoutNodes(connections: IConnections, removed: Set<string>): IConnections {
	return Object.fromEntries(
		Object.entries(connections)
			.filter(([source]) => !removed.has(source))
			.map(([source, byType]) => [
				source,
				Object.fromEntries(
					Object.entries(byType).map(([type, outputs]) => [
						type,
						outputs.map((targets) => (targets ?? []).filter((target) => !removed.has(target.node))),
					]),
				),
			]),
	);
}

/** Nodes left out of the run that an item would have reached (a run node sent items on an output leading to them). */
function reachedForeignNodes(
	connections: IConnections,
	foreign: Set<string>,
	reports: Record<string, NodeReport>,
): string[] {
	const reached = new Set<string>();
	for (const [source, byType] of Object.entries(connections)) {
		const output = reports[source]?.output ?? [];
		(byType.main ?? []).forEach((targets, index) => {
			if (!output[index]?.length) return;
			for (const target of targets ?? []) if (foreign.has(target.node)) reached.add(target.node);
		});
	}
	return [...reached];
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
