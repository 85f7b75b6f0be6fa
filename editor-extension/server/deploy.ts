// Ships a canvas workflow to an n8n instance through n8n's public REST API (POST /api/v1/workflows,
// then POST /api/v1/workflows/{id}/activate). The API key is used for these two requests only: it is
// never stored, logged or echoed back.
import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { LOCAL_ID_PREFIX, type CredentialStore } from './credentials';
import { HttpError, isObject, type JsonObject } from './http';
import { redactSecrets } from '../../nodes/shared/redact';

/** Node fields n8n's public API accepts (node.yml has additionalProperties: false). */
const NODE_FIELDS = [
	'id',
	'name',
	'webhookId',
	'disabled',
	'notesInFlow',
	'notes',
	'type',
	'typeVersion',
	'executeOnce',
	'alwaysOutputData',
	'retryOnFail',
	'maxTries',
	'waitBetweenTries',
	'continueOnFail',
	'onError',
	'position',
	'parameters',
	'credentials',
];
/** Workflow settings n8n's public API accepts (workflowSettings.yml has additionalProperties: false). */
const SETTINGS_FIELDS = [
	'saveExecutionProgress',
	'saveManualExecutions',
	'saveDataErrorExecution',
	'saveDataSuccessExecution',
	'executionTimeout',
	'errorWorkflow',
	'timezone',
	'executionOrder',
	'callerPolicy',
	'callerIds',
	'timeSavedPerExecution',
	'availableInMCP',
];
const TIMEOUT_MS = 20_000;

export interface CleanOptions {
	credentials: CredentialStore;
	/** Node types that receive webhooks: n8n's editor gives such nodes a webhookId, so we do too. */
	webhookNodeTypes?: Set<string>;
}

/**
 * The workflow as n8n's public API accepts it: `{ name, nodes, connections, settings }` only, each node
 * with the documented fields only. Credentials are referenced by type and name: ids this canvas made
 * up (local_...) mean nothing to n8n, so they become `id: null`, which makes n8n look the credential
 * up by type and name (an id that n8n does not know falls back to the name too). Secrets never leave.
 */
export function cleanWorkflow(
	workflow: JsonObject,
	options: CleanOptions,
): { body: JsonObject; warnings: string[] } {
	const warnings: string[] = [];
	const nodes = (workflow.nodes as unknown[]).map((raw, index) => {
		if (!isObject(raw))
			throw new HttpError(
				400,
				`nodes[${index}] is not an object`,
				'Export the workflow again from the canvas.',
			);
		const node: JsonObject = {};
		for (const field of NODE_FIELDS) if (raw[field] !== undefined) node[field] = raw[field];
		const dropped = Object.keys(raw).filter((field) => !NODE_FIELDS.includes(field));
		if (dropped.length)
			warnings.push(
				`Node "${String(raw.name)}": left out ${dropped.join(', ')} (n8n's API does not accept them).`,
			);
		node.parameters ??= {};
		if (isObject(raw.credentials)) {
			node.credentials = Object.fromEntries(
				Object.entries(raw.credentials).map(([type, reference]) => {
					const ref = isObject(reference) ? reference : { name: reference };
					const id = typeof ref.id === 'string' ? ref.id : undefined;
					const local = id !== undefined && id.startsWith(LOCAL_ID_PREFIX);
					const name = (local && options.credentials.find(id)?.name) || ref.name;
					if (local || id === undefined) {
						warnings.push(
							`Node "${String(raw.name)}": n8n must have a "${type}" credential named "${String(name)}" (secrets stay on this machine; create it in n8n).`,
						);
						return [type, { id: null, name }];
					}
					return [type, { id, name }];
				}),
			);
		}
		if (options.webhookNodeTypes?.has(String(raw.type)) && typeof node.webhookId !== 'string')
			node.webhookId = randomUUID();
		return node;
	});
	const settings: JsonObject = {};
	const rawSettings = isObject(workflow.settings) ? workflow.settings : {};
	for (const field of SETTINGS_FIELDS)
		if (rawSettings[field] !== undefined) settings[field] = rawSettings[field];
	const droppedSettings = Object.keys(rawSettings).filter(
		(field) => !SETTINGS_FIELDS.includes(field),
	);
	if (droppedSettings.length)
		warnings.push(
			`Settings: left out ${droppedSettings.join(', ')} (n8n's API does not accept them).`,
		);
	settings.executionOrder ??= 'v1';
	const droppedTop = Object.keys(workflow).filter(
		(field) => !['name', 'nodes', 'connections', 'settings'].includes(field),
	);
	if (droppedTop.length)
		warnings.push(`Left out ${droppedTop.join(', ')}: n8n sets or rejects these on create.`);
	const name =
		typeof workflow.name === 'string' && workflow.name.trim() ? workflow.name : 'Fin action';
	return { body: { name, nodes, connections: workflow.connections, settings }, warnings };
}

/** `https://n8n.example.com/` or `.../api/v1` -> `https://n8n.example.com` */
export function normalizeBaseUrl(value: unknown): string {
	const hint =
		'Enter the address you open n8n at, e.g. http://localhost:5678 or https://n8n.example.com.';
	if (typeof value !== 'string' || value.trim() === '')
		throw new HttpError(400, 'The n8n base URL is missing', hint);
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new HttpError(400, `"${value}" is not a URL`, hint);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new HttpError(400, `"${value}" is not an http(s) URL`, hint);
	if (url.username || url.password)
		throw new HttpError(
			400,
			'The base URL must not contain a user name or password',
			'Remove them; n8n is authenticated with the API key.',
		);
	const path = url.pathname
		.replace(/\/+$/, '')
		.replace(/\/api\/v1$/, '')
		.replace(/\/+$/, '');
	return `${url.origin}${path}`;
}

export interface DeployRequest {
	workflow: unknown;
	baseUrl: unknown;
	apiKey: unknown;
	activate?: unknown;
}

export async function deployWorkflow(request: DeployRequest, options: CleanOptions) {
	const baseUrl = normalizeBaseUrl(request.baseUrl);
	if (typeof request.apiKey !== 'string' || request.apiKey.trim() === '') {
		throw new HttpError(
			400,
			'The n8n API key is missing',
			'Create one in n8n under Settings > n8n API and paste it here.',
		);
	}
	const apiKey = request.apiKey.trim();
	const workflow = request.workflow;
	if (!isObject(workflow) || !Array.isArray(workflow.nodes) || !isObject(workflow.connections)) {
		throw new HttpError(
			400,
			'"workflow" must be an n8n workflow with "nodes" and "connections"',
			'Send the workflow as the canvas exports it.',
		);
	}
	const { body, warnings } = cleanWorkflow(workflow, options);
	const host = new URL(baseUrl).hostname;
	const client = axios.create({
		baseURL: `${baseUrl}/api/v1`,
		timeout: TIMEOUT_MS,
		headers: {
			'X-N8N-API-KEY': apiKey,
			accept: 'application/json',
			'content-type': 'application/json',
		},
		// Judge every status ourselves, and do not follow redirects: a POST turned into a GET would hide the real problem.
		validateStatus: () => true,
		maxRedirects: 0,
		// Loopback n8n is never reached through a proxy.
		...(['localhost', '127.0.0.1', '[::1]'].includes(host) ? { proxy: false as const } : {}),
	});
	// n8n may quote what it received; the key must not come back through its messages.
	const keyFree = (error: HttpError) =>
		new HttpError(
			error.status,
			redactSecrets(error.message, [apiKey]),
			redactSecrets(error.hint, [apiKey]),
			redactSecrets(error.extra, [apiKey]),
		);

	const created = await send(client, 'post', '/workflows', body, baseUrl);
	if (created.status < 200 || created.status >= 300)
		throw keyFree(failure(created, baseUrl, 'create the workflow'));
	const id = isObject(created.data) ? created.data.id : undefined;
	if (typeof id !== 'string' && typeof id !== 'number') {
		throw new HttpError(
			502,
			`${baseUrl} answered without a workflow id`,
			'Check that the base URL points at n8n itself, not at another site or a login page.',
		);
	}
	const url = `${baseUrl}/workflow/${id}`;
	let active = false;
	if (request.activate === true) {
		const activated = await send(
			client,
			'post',
			`/workflows/${encodeURIComponent(String(id))}/activate`,
			undefined,
			baseUrl,
			{ id: String(id), url, active: false },
		);
		if (activated.status < 200 || activated.status >= 300) {
			const error = failure(activated, baseUrl, 'activate the workflow');
			throw keyFree(
				new HttpError(
					error.status,
					`The workflow was created but not activated: ${error.message}`,
					`Open ${url}, fix what n8n says, and activate it there.`,
					{ id: String(id), url, active: false },
				),
			);
		}
		active = isObject(activated.data) && activated.data.active === false ? false : true;
	}
	return { id: String(id), active, url, warnings };
}

async function send(
	client: AxiosInstance,
	method: 'post',
	path: string,
	body: unknown,
	baseUrl: string,
	extra: JsonObject = {},
): Promise<AxiosResponse> {
	try {
		return await client.request({ method, url: path, data: body });
	} catch (error) {
		// Axios errors carry the request config (with the API key header): only the code travels on.
		const code = (error as { code?: string }).code ?? 'network error';
		const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
		throw new HttpError(
			502,
			timedOut
				? `n8n at ${baseUrl} did not answer within ${TIMEOUT_MS / 1000} s`
				: `Could not reach n8n at ${baseUrl} (${code})`,
			'Check that n8n is running and that the base URL is right (e.g. http://localhost:5678), then deploy again.',
			extra,
		);
	}
}

function n8nMessage(response: AxiosResponse): string {
	const data = response.data as unknown;
	if (isObject(data) && typeof data.message === 'string') return data.message;
	if (typeof data === 'string' && data.trim()) return data.trim().slice(0, 300);
	return `HTTP ${response.status}`;
}

function failure(response: AxiosResponse, baseUrl: string, action: string): HttpError {
	const { status } = response;
	if (status === 401 || status === 403) {
		return new HttpError(
			401,
			`n8n rejected the API key (${status}: ${n8nMessage(response)})`,
			'Create a new API key in n8n under Settings > n8n API, paste it here and deploy again.',
		);
	}
	if (status >= 300 && status < 400) {
		return new HttpError(
			502,
			`n8n at ${baseUrl} redirected to ${String(response.headers.location ?? 'another address')}`,
			'Use the address n8n redirects to as the base URL (often https instead of http).',
		);
	}
	if (status === 404) {
		return new HttpError(
			502,
			`There is no n8n public API at ${baseUrl}/api/v1 (404)`,
			'Check the base URL, and that the public API is enabled in n8n (N8N_PUBLIC_API_DISABLED must not be true).',
		);
	}
	if (status === 400 || status === 409 || status === 422) {
		return new HttpError(
			400,
			`n8n could not ${action}: ${n8nMessage(response)}`,
			'Fix what n8n names in the workflow (see the canvas warnings), then deploy again.',
		);
	}
	return new HttpError(
		502,
		`n8n failed to ${action} (HTTP ${status}: ${n8nMessage(response)})`,
		"Look at n8n's logs for the cause, then deploy again.",
	);
}
