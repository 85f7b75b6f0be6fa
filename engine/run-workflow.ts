// Runs an exported n8n workflow through n8n-core's WorkflowExecute with this package's real node
// and credential classes, and reports every node's output items, errors and the HTTP requests made.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pipeline, Readable, Transform } from 'node:stream';

import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IConnections,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { StoreCredentialsHelper, type CredentialStore } from './credentials-helper';
import { packageTypes } from './node-types';

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	pinData?: Record<string, INodeExecutionData[]>;
	[key: string]: unknown;
}

export interface RecordedRequest {
	/** The node that sent it. */
	node?: string;
	method: string;
	url: string;
	headers: Record<string, unknown>;
	qs?: unknown;
	body?: unknown;
	status?: number;
	error?: string;
	/** The reply as the node received it: headers and the first RESPONSE_CAPTURE_BYTES of the body. */
	response?: RecordedResponse;
}

export interface RecordedResponse {
	headers: Record<string, unknown>;
	/** The body's first bytes as UTF-8 text (JSON as its text). */
	text: string;
	/** Bytes the node read (a node may stop early, e.g. at its size limit). */
	bytes: number;
	/** More than RESPONSE_CAPTURE_BYTES: `text` is only the start. */
	truncated: boolean;
}

export const RESPONSE_CAPTURE_BYTES = 64 * 1024;

/**
 * Keeps a copy of a full response's headers and first bytes for the request log. A streamed body
 * (the API Action reads its reply as a stream, with its own size limit) is passed on through a tap,
 * so the node reads exactly what it would have read.
 */
function captureResponse(response: unknown, entry: RecordedRequest): unknown {
	if (!response || typeof response !== 'object' || !('statusCode' in response)) return response;
	const full = response as { headers?: Record<string, unknown>; body?: unknown };
	const captured: RecordedResponse = {
		headers: { ...(full.headers ?? {}) },
		text: '',
		bytes: 0,
		truncated: false,
	};
	entry.response = captured;
	if (full.body instanceof Readable) {
		const kept: Buffer[] = [];
		let keptBytes = 0;
		const tap = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				captured.bytes += chunk.length;
				if (keptBytes < RESPONSE_CAPTURE_BYTES) {
					const part = chunk.subarray(0, RESPONSE_CAPTURE_BYTES - keptBytes);
					kept.push(part);
					keptBytes += part.length;
					captured.text = Buffer.concat(kept).toString('utf8');
				}
				captured.truncated = captured.bytes > keptBytes;
				done(null, chunk);
			},
		});
		// Destroying the tap (a node that stops reading) destroys the socket's stream too.
		pipeline(full.body, tap, () => undefined);
		return { ...full, body: tap };
	}
	const text =
		typeof full.body === 'string'
			? full.body
			: Buffer.isBuffer(full.body)
				? full.body.toString('utf8')
				: (JSON.stringify(full.body) ?? '');
	captured.bytes = Buffer.byteLength(text);
	captured.text = text.slice(0, RESPONSE_CAPTURE_BYTES);
	captured.truncated = captured.text.length < text.length;
	return response;
}

export interface RunOptions {
	/** Credentials by type; preAuthentication writes refreshed values back into this object. */
	credentials?: CredentialStore;
	/** Items given to the start node, e.g. what Fin Trigger's webhook emitted. */
	input?: IDataObject[];
	/** Node that starts the run; default: the workflow's trigger / first node. */
	startNode?: string;
	mode?: WorkflowExecuteMode;
	/** Extra node or credential classes a test needs beside the package's own. */
	extraNodes?: INodeType[];
	extraCredentials?: ICredentialType[];
}

export interface RunResult {
	run: IRun;
	/** Items per output index of each node's last run, e.g. outputs['API Action'][0]. */
	outputs: Record<string, INodeExecutionData[][]>;
	errors: Record<string, ExecutionError>;
	executionOrder: string[];
	requests: RecordedRequest[];
	credentials: CredentialStore;
	preAuthenticationCalls: StoreCredentialsHelper['preAuthenticationCalls'];
}

// Observes every request n8n's HTTP layer sends, without changing how it is sent. Each run keeps
// its own list (AsyncLocalStorage), so runs in parallel never mix their requests.
interface Recording {
	requests: RecordedRequest[];
	currentNode?: string;
}
const recording = new AsyncLocalStorage<Recording>();
function installRequestRecorder() {
	const outbound = Container.get(OutboundHttp);
	if ((outbound as { recorderInstalled?: boolean }).recorderInstalled) return;
	const originalRequests = outbound.requests.bind(outbound);
	outbound.requests = ((options?: Parameters<OutboundHttp['requests']>[0]) => {
		const client = originalRequests(options);
		return {
			...client,
			request: async (requestOptions: IHttpRequestOptions) => {
				const current = recording.getStore();
				const entry: RecordedRequest = {
					node: current?.currentNode,
					method: requestOptions.method ?? 'GET',
					url: requestOptions.url,
					headers: { ...(requestOptions.headers ?? {}) },
					qs: requestOptions.qs,
					body: requestOptions.body,
				};
				current?.requests.push(entry);
				try {
					const response = await client.request(requestOptions);
					entry.status = (response as { statusCode?: number })?.statusCode ?? 200;
					return captureResponse(response, entry);
				} catch (error) {
					entry.status = (error as { response?: { status?: number } }).response?.status;
					entry.error = (error as Error).message;
					throw error;
				}
			},
		};
	}) as OutboundHttp['requests'];
	(outbound as { recorderInstalled?: boolean }).recorderInstalled = true;
}

/**
 * The node that starts the run: the one named, else the trigger, else (like a manual run) the first
 * node no other node feeds.
 */
function findStartNode(
	workflow: Workflow,
	workflowJson: WorkflowJson,
	name: string | undefined,
): INode | null | undefined {
	return name
		? workflow.getNode(name)
		: (workflow.getStartNode() ??
				workflowJson.nodes.find(
					(node) =>
						workflow.getParentNodes(node.name).length === 0 && !node.type.endsWith('stickyNote'),
				));
}

/** Hooks that name the node sending each request, list the nodes run, and resolve `finished`. */
function createHooks(
	mode: WorkflowExecuteMode,
	workflow: Workflow,
	workflowJson: WorkflowJson,
	executionOrder: string[],
): { hooks: ExecutionLifecycleHooks; finished: Promise<IRun> } {
	const hooks = new ExecutionLifecycleHooks(mode, 'harness-execution', {
		id: 'harness',
		name: workflow.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	hooks.addHandler('nodeExecuteBefore', (nodeName) => {
		const current = recording.getStore();
		if (current) current.currentNode = nodeName;
	});
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});
	let resolveFinished!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));
	return { hooks, finished };
}

function harnessAdditionalData(
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: StoreCredentialsHelper,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper,
		executionId: 'harness-execution',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'harness-user',
		variables: {},
		setExecutionStatus: () => {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the test harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A run that starts at `startNode` with the given items. */
function startExecutionData(startNode: INode, input: IDataObject[] | undefined): IRunExecutionData {
	return {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main: [(input ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	} as unknown as IRunExecutionData;
}

/** Each node's last run: its items per output and its error. */
function collectNodeResults(run: IRun): Pick<RunResult, 'outputs' | 'errors'> {
	const outputs: RunResult['outputs'] = {};
	const errors: RunResult['errors'] = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const last = tasks[tasks.length - 1];
		outputs[name] = (last?.data?.main ?? []).map((items) => items ?? []);
		if (last?.error) errors[name] = last.error;
	}
	return { outputs, errors };
}

export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunOptions = {},
): Promise<RunResult> {
	const { nodeTypes, credentialTypes } = packageTypes(
		options.extraNodes,
		options.extraCredentials,
		workflowJson.nodes.map((node) => node.type),
	);
	const store = options.credentials ?? {};
	const credentialsHelper = new StoreCredentialsHelper(credentialTypes, store);

	const workflow = new Workflow({
		id: 'harness',
		name: workflowJson.name ?? 'harness',
		nodes: structuredClone(workflowJson.nodes),
		connections: workflowJson.connections,
		nodeTypes,
		settings: workflowJson.settings,
		active: false,
	});
	const startNode = findStartNode(workflow, workflowJson, options.startNode);
	if (!startNode) throw new Error('The workflow has no start node');

	const mode = options.mode ?? 'manual';
	const executionOrder: string[] = [];
	const { hooks, finished } = createHooks(mode, workflow, workflowJson, executionOrder);
	const additionalData = harnessAdditionalData(hooks, credentialsHelper);
	const runExecutionData = startExecutionData(startNode, options.input);

	installRequestRecorder();
	const requests: RecordedRequest[] = [];
	return await recording.run({ requests }, async () => {
		const execute = new WorkflowExecute(additionalData, mode, runExecutionData);
		await execute.processRunExecutionData(workflow);
		const run = await finished;
		return {
			run,
			...collectNodeResults(run),
			executionOrder,
			requests,
			credentials: store,
			preAuthenticationCalls: credentialsHelper.preAuthenticationCalls,
		};
	});
}
