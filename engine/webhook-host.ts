// A real HTTP server on 127.0.0.1 (free port) that serves one webhook node the way n8n's webhook
// server does, small enough to read:
// 1. reads the body (n8n's payload limit, 16 MiB by default: larger answers 413), keeps the bytes as
//    `req.rawBody` and parses JSON / text / form bodies like n8n's parseBody (bad JSON answers 422
//    before any node runs, as in n8n);
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
import { parse as parseQueryString } from 'node:querystring';

import { WebhookContext } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
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

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size <= limit) chunks.push(chunk);
	}
	return size > limit ? undefined : Buffer.concat(chunks);
}

/** As n8n's parseBody: by content type, only when there are bytes; undefined on a JSON syntax error. */
function parseLikeN8n(rawBody: Buffer, contentType: string): { ok: boolean; body?: unknown } {
	if (rawBody.length === 0) return { ok: true, body: undefined };
	const text = rawBody.toString('utf8').replace(/^\uFEFF/, '');
	if (contentType === 'application/json') {
		try {
			return { ok: true, body: JSON.parse(text) };
		} catch {
			return { ok: false };
		}
	}
	if (contentType === 'text/plain') return { ok: true, body: text };
	if (contentType === 'application/x-www-form-urlencoded')
		return { ok: true, body: { ...parseQueryString(text) } };
	return { ok: true, body: undefined };
}

export async function startWebhookHost(options: WebhookHostOptions): Promise<WebhookHost> {
	const mode = options.mode ?? 'webhook';
	const store = options.credentials ?? {};
	const { nodeTypes, credentialTypes } = packageTypes(
		options.extraNodes,
		options.extraCredentials,
		options.workflow.nodes.map((node) => node.type),
	);
	const triggerNode =
		options.workflow.nodes.find((node) => node.name === options.triggerName) ??
		options.workflow.nodes.find(
			(node) =>
				!options.triggerName &&
				nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.webhooks?.length,
		);
	if (!triggerNode) throw new Error('The workflow has no webhook node');
	const limit = (options.payloadSizeMaxMb ?? 16) * 1024 * 1024;

	// Each host serves its own workflow, as each n8n workflow has its own id.
	const workflowId = `harness-${randomUUID()}`;
	let executionsStarted = 0;
	let savedStaticData: IDataObject = structuredClone(options.staticData ?? {});
	const runs: RunResult[] = [];
	const background = new Set<Promise<unknown>>();

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const rawBody = await readBody(req, limit);
		if (rawBody === undefined)
			return send(res, 413, { code: 413, message: 'request entity too large' });
		if (req.method !== 'POST')
			return send(res, 404, { code: 404, message: 'The requested webhook is not registered.' });

		// The request as n8n hands it to a node: parsed body, raw bytes, content type, query.
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		const multipart = contentType.startsWith('multipart/');
		const parsed = multipart
			? { ok: true, body: { data: {}, files: {} } }
			: parseLikeN8n(rawBody, contentType);
		if (!parsed.ok) return send(res, 422, { code: 422, message: 'Failed to parse request body' });
		const request = Object.assign(req, {
			rawBody: options.rawBody === false || multipart ? undefined : rawBody,
			_body: true,
			contentType,
			encoding: 'utf-8' as BufferEncoding,
			readRawBody: multipart
				? async () => {
						throw new Error('Request body stream was aborted or is not readable');
					}
				: async () => {},
			body: parsed.body,
			query: Object.fromEntries(url.searchParams),
			params: {},
			header: (name: string) => req.headers[name.toLowerCase()],
		});

		const workflow = new Workflow({
			id: workflowId,
			name: options.workflow.name ?? 'harness',
			nodes: structuredClone(options.workflow.nodes),
			connections: options.workflow.connections,
			nodeTypes,
			settings: options.workflow.settings,
			active: mode === 'webhook',
			// Loaded per request, like n8n loads the workflow row for every production call.
			staticData: structuredClone(savedStaticData),
		});
		const saveStaticData = () => {
			if (workflow.staticData.__dataChanged)
				savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		};
		const node = workflow.getNode(triggerNode!.name)!;
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = nodeType.description.webhooks!.find(
			(webhook) => webhook.name === 'default',
		) as IWebhookDescription;
		const additionalData = {
			credentialsHelper: new StoreCredentialsHelper(credentialTypes, store),
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
			workflowId,
			workflowExecuteAdditionalData: additionalData,
			isTest: mode === 'manual',
		};
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

		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(
				new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null),
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
			saveStaticData();
			if (!result.noWebhookResponse)
				send(
					res,
					responseCode,
					(result.webhookResponse as Body) ?? { message: 'Webhook call received' },
				);
			return;
		}

		executionsStarted++;
		const run = runWorkflow(options.workflow, {
			input: result.workflowData[0].map((item) => item.json),
			startNode: node.name,
			credentials: store,
			mode,
			extraNodes: options.extraNodes,
			extraCredentials: options.extraCredentials,
		}).then((finished) => {
			runs.push(finished);
			return finished;
		});

		if (responseMode === 'onReceived') {
			background.add(run);
			void run.finally(() => background.delete(run));
			const body =
				responseData === 'noData'
					? undefined
					: (((responseData || result.webhookResponse) as Body) ?? {
							message: 'Workflow was started',
						});
			return send(res, responseCode, body);
		}
		if (responseMode !== 'lastNode')
			return send(res, 500, {
				message: `The webhook host does not support responseMode "${String(responseMode)}"`,
			});

		const finished = await run;
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

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) =>
			send(res, 500, { message: `webhook host: ${error.message}` }),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const path = `${triggerNode.webhookId ?? 'harness'}/${String(nodeTypes.getByNameAndVersion(triggerNode.type, triggerNode.typeVersion).description.webhooks?.[0]?.path ?? '')}`;

	return {
		url: `http://127.0.0.1:${port}/${mode === 'manual' ? 'webhook-test' : 'webhook'}/${path}`,
		get executionsStarted() {
			return executionsStarted;
		},
		get staticData() {
			return savedStaticData;
		},
		runs,
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
