// A real HTTP server on 127.0.0.1 (free port) that serves one webhook node the way n8n's webhook
// server does, small enough to read:
// 1. reads the body (n8n's payload limit, 16 MiB by default: larger answers 413), keeps the bytes as
//    `req.rawBody` and parses JSON / text / form bodies like n8n's parseBody (bad JSON answers 422
//    before any node runs, as in n8n; see webhook-request.ts);
// 2. calls the node's real `webhook()` through n8n-core's real WebhookContext, with the request and
//    the response object, in mode 'webhook' (production URL) or 'manual' (test URL);
// 3. when the node returns workflowData, counts one started execution and runs the rest of the
//    workflow with runWorkflow (n8n-core's WorkflowExecute) from the webhook node, then answers per
//    the node's responseMode: 'lastNode' with the last node's first item (or all items / no data,
//    per responseData), 'onReceived' at once (the run continues in the background).
// Multipart bodies: n8n parses them with formidable before the node runs (the stream is consumed,
// `req.body` is `{data, files}`, no `rawBody`, and `readRawBody()` throws "not readable"); the host
// does the same with the bytes it read (fields only, no files).
// What it does not do: routing by path and method beyond "POST to the node", binary bodies,
// 'responseNode' and streaming modes.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebhookContext } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { resolveWebhookDescriptionField, Workflow } from 'n8n-workflow';

import { StoreCredentialsHelper, type CredentialStore } from './credentials-helper';
import { packageTypes } from './node-types';
import { runWorkflow, type RunResult, type WorkflowJson } from './run-workflow';
import { readBody, toN8nRequest } from './webhook-request';

export interface WebhookHostOptions {
	workflow: WorkflowJson;
	/** Credentials by type, shared by the webhook call and the run. */
	credentials?: CredentialStore;
	/** 'webhook': the production URL of an active workflow; 'manual': the test URL the editor listens on. */
	mode?: 'webhook' | 'manual';
	/** The webhook node; default: the first node whose type declares webhooks. */
	triggerName?: string;
	extraNodes?: INodeType[];
	extraCredentials?: ICredentialType[];
	/** n8n's N8N_PAYLOAD_SIZE_MAX in MiB (default 16). */
	payloadSizeMaxMb?: number;
	/** false: hand the node no `rawBody` (and a no-op readRawBody), to test a host that keeps none. */
	rawBody?: boolean;
	/** The workflow's static data as n8n would load it from its database. */
	staticData?: IDataObject;
}

export interface WebhookHost {
	/** POST here to call the webhook. */
	url: string;
	/** Workflow executions started (the node returned workflowData); rejected calls start none. */
	readonly executionsStarted: number;
	/** Finished runs, in the order they finished. */
	runs: RunResult[];
	/** The workflow's static data as last saved (as n8n 2.40.7: after calls that start no execution). */
	readonly staticData: IDataObject;
	/** Resolves when every background run (responseMode 'onReceived') has finished. */
	idle(): Promise<void>;
	close(): Promise<void>;
}

type Body = IDataObject | IDataObject[] | string | undefined;

function send(res: ServerResponse, status: number, body: Body): void {
	if (res.writableEnded) return;
	if (body === undefined) {
		res.writeHead(status);
		res.end();
		return;
	}
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res.writeHead(status, {
		'content-type':
			typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
	});
	res.end(text);
}

type NodeTypes = ReturnType<typeof packageTypes>['nodeTypes'];
type CredentialTypes = ReturnType<typeof packageTypes>['credentialTypes'];

/** What one host keeps across calls. */
interface HostState {
	options: WebhookHostOptions;
	mode: 'webhook' | 'manual';
	store: CredentialStore;
	nodeTypes: NodeTypes;
	credentialTypes: CredentialTypes;
	triggerName: string;
	limit: number;
	workflowId: string;
	executionsStarted: number;
	savedStaticData: IDataObject;
	runs: RunResult[];
	background: Set<Promise<unknown>>;
}

type ResponseSettings = { responseMode: unknown; responseCode: number; responseData: unknown };

/** Loaded per request, like n8n loads the workflow row for every production call. */
function loadWorkflow(host: HostState): Workflow {
	return new Workflow({
		id: host.workflowId,
		name: host.options.workflow.name ?? 'harness',
		nodes: structuredClone(host.options.workflow.nodes),
		connections: host.options.workflow.connections,
		nodeTypes: host.nodeTypes,
		settings: host.options.workflow.settings,
		active: host.mode === 'webhook',
		staticData: structuredClone(host.savedStaticData),
	});
}

function saveStaticData(host: HostState, workflow: Workflow): void {
	if (workflow.staticData.__dataChanged)
		host.savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
}

/** What n8n hands the webhook node's `webhook()`: its default webhook, the request and response. */
function webhookCall(host: HostState, workflow: Workflow, request: unknown, res: ServerResponse) {
	const node = workflow.getNode(host.triggerName)!;
	const nodeType = host.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = nodeType.description.webhooks!.find(
		(webhook) => webhook.name === 'default',
	) as IWebhookDescription;
	const additionalData = {
		credentialsHelper: new StoreCredentialsHelper(host.credentialTypes, host.store),
		httpRequest: request,
		httpResponse: res,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: host.workflowId,
		workflowExecuteAdditionalData: additionalData,
		isTest: host.mode === 'manual',
	};
	return { node, nodeType, description, additionalData, webhookData };
}

/** The webhook's responseMode, responseCode and responseData, resolved as n8n does. */
function responseSettings(
	workflow: Workflow,
	node: INode,
	description: IWebhookDescription,
	mode: HostState['mode'],
): ResponseSettings {
	const evaluate = (
		property: 'responseMode' | 'responseCode' | 'responseData',
		fallback: unknown,
	) => {
		const value = description[property];
		if (value === undefined) return fallback;
		// As n8n's webhook-execution-context: a natively resolvable field never reaches the engine.
		const native = resolveWebhookDescriptionField(node, description, property);
		if (native.resolved) return native.value ?? fallback;
		return (
			workflow.expression.getSimpleParameterValue(
				node,
				value as string,
				mode,
				{},
				undefined,
				fallback as never,
			) ?? fallback
		);
	};
	const responseMode = evaluate('responseMode', 'onReceived');
	const responseCode = Number(evaluate('responseCode', 200));
	const responseData = evaluate('responseData', 'firstEntryJson');
	return { responseMode, responseCode, responseData };
}

/** Counts one started execution and runs the rest of the workflow from the webhook node. */
function startRun(host: HostState, node: INode, result: IWebhookResponseData): Promise<RunResult> {
	host.executionsStarted++;
	return runWorkflow(host.options.workflow, {
		input: result.workflowData![0].map((item) => item.json),
		startNode: node.name,
		credentials: host.store,
		mode: host.mode,
		extraNodes: host.options.extraNodes,
		extraCredentials: host.options.extraCredentials,
	}).then((finished) => {
		host.runs.push(finished);
		return finished;
	});
}

/** responseMode 'onReceived': answered at once; the run continues in the background. */
function answerOnReceived(
	host: HostState,
	res: ServerResponse,
	run: Promise<RunResult>,
	{ responseCode, responseData }: ResponseSettings,
	result: IWebhookResponseData,
): void {
	host.background.add(run);
	void run.finally(() => host.background.delete(run));
	const body =
		responseData === 'noData'
			? undefined
			: (((responseData || result.webhookResponse) as Body) ?? {
					message: 'Workflow was started',
				});
	return send(res, responseCode, body);
}

/** responseMode 'lastNode': the last node's first item, all items, or no data, per responseData. */
function answerFromLastNode(
	res: ServerResponse,
	finished: RunResult,
	{ responseCode, responseData }: ResponseSettings,
): void {
	const resultData = finished.run.data.resultData;
	const lastNode = resultData.lastNodeExecuted;
	if (resultData.error || (lastNode && finished.errors[lastNode]))
		return send(res, 500, { message: 'Error in workflow' });
	const items = (lastNode && finished.outputs[lastNode]?.[0]) || [];
	if (responseData === 'noData') return send(res, responseCode, undefined);
	if (responseData === 'allEntries')
		return send(
			res,
			responseCode,
			items.map((item) => item.json),
		);
	if (items.length === 0) return send(res, 500, { message: 'No item to return was found' });
	return send(res, responseCode, items[0].json);
}

async function handle(host: HostState, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const rawBody = await readBody(req, host.limit);
	if (rawBody === undefined)
		return send(res, 413, { code: 413, message: 'request entity too large' });
	if (req.method !== 'POST')
		return send(res, 404, { code: 404, message: 'The requested webhook is not registered.' });
	const request = toN8nRequest(req, rawBody, host.options.rawBody !== false);
	if (!request) return send(res, 422, { code: 422, message: 'Failed to parse request body' });

	const workflow = loadWorkflow(host);
	const call = webhookCall(host, workflow, request, res);
	const settings = responseSettings(workflow, call.node, call.description, host.mode);

	let result: IWebhookResponseData;
	try {
		result = await call.nodeType.webhook!.call(
			new WebhookContext(
				workflow,
				call.node,
				call.additionalData,
				host.mode,
				call.webhookData,
				[],
				null,
			),
		);
	} catch {
		return send(res, 500, {
			code: 0,
			message: 'Workflow Webhook Error: Workflow could not be started!',
		});
	}
	if (result.noWebhookResponse && !res.writableEnded) res.end();
	if (!result.workflowData) {
		// n8n saves the static data when the call is answered. When the call starts an execution,
		// n8n 2.40.7 creates the execution's workflow from the same static-data object first,
		// which resets its "changed" flag: the webhook's change is then not saved. Same here.
		saveStaticData(host, workflow);
		if (!result.noWebhookResponse)
			send(
				res,
				settings.responseCode,
				(result.webhookResponse as Body) ?? { message: 'Webhook call received' },
			);
		return;
	}

	const run = startRun(host, call.node, result);
	if (settings.responseMode === 'onReceived')
		return answerOnReceived(host, res, run, settings, result);
	if (settings.responseMode !== 'lastNode')
		return send(res, 500, {
			message: `The webhook host does not support responseMode "${String(settings.responseMode)}"`,
		});
	return answerFromLastNode(res, await run, settings);
}

/** The node named `triggerName`, else the first node whose type declares webhooks. */
function findTriggerNode(options: WebhookHostOptions, nodeTypes: NodeTypes): INode | undefined {
	return (
		options.workflow.nodes.find((node) => node.name === options.triggerName) ??
		options.workflow.nodes.find(
			(node) =>
				!options.triggerName &&
				nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.webhooks?.length,
		)
	);
}

export async function startWebhookHost(options: WebhookHostOptions): Promise<WebhookHost> {
	const mode = options.mode ?? 'webhook';
	const { nodeTypes, credentialTypes } = packageTypes(
		options.extraNodes,
		options.extraCredentials,
		options.workflow.nodes.map((node) => node.type),
	);
	const triggerNode = findTriggerNode(options, nodeTypes);
	if (!triggerNode) throw new Error('The workflow has no webhook node');

	const host: HostState = {
		options,
		mode,
		store: options.credentials ?? {},
		nodeTypes,
		credentialTypes,
		triggerName: triggerNode.name,
		limit: (options.payloadSizeMaxMb ?? 16) * 1024 * 1024,
		// Each host serves its own workflow, as each n8n workflow has its own id.
		workflowId: `harness-${randomUUID()}`,
		executionsStarted: 0,
		savedStaticData: structuredClone(options.staticData ?? {}),
		runs: [],
		background: new Set<Promise<unknown>>(),
	};
	const { background } = host;

	const server: Server = createServer((req, res) => {
		handle(host, req, res).catch((error: Error) =>
			send(res, 500, { message: `webhook host: ${error.message}` }),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const path = `${triggerNode.webhookId ?? 'harness'}/${String(nodeTypes.getByNameAndVersion(triggerNode.type, triggerNode.typeVersion).description.webhooks?.[0]?.path ?? '')}`;

	return {
		url: `http://127.0.0.1:${port}/${mode === 'manual' ? 'webhook-test' : 'webhook'}/${path}`,
		get executionsStarted() {
			return host.executionsStarted;
		},
		get staticData() {
			return host.savedStaticData;
		},
		runs: host.runs,
		idle: async () => {
			while (background.size > 0) await Promise.allSettled([...background]);
		},
		close: async () => {
			while (background.size > 0) await Promise.allSettled([...background]);
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			});
		},
	};
}
