// Ships a canvas action to an n8n instance through n8n's public REST API: n8n's own checks first
// (checks.ts), then the credentials the nodes use (created in n8n, or updated when n8n already has
// them: by the id remembered from the last deploy, else by type and name), then the workflow (the one
// deployed before is updated; a new one only when there was none or it was deleted in n8n), then
// POST /workflows/{id}/publish. Secrets go from this server to n8n only; the API key is used for these
// requests only: never stored, logged or echoed back, and n8n's answers are scanned for every secret.
import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { workflowIssues, type NodeIssue } from './checks';
import { LOCAL_ID_PREFIX, type CredentialStore } from './credentials';
import { HttpError, isObject, type JsonObject } from './http';
import type { PassedTests } from './live-gate';
import { confirmSecretAddresses } from './secret-addresses';
import { redactSecrets } from '../../nodes/shared/redact';
import { demoAddressesIn } from '../shared/demo';

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
/** Workflow fields n8n keeps itself: left out of a deploy without a word. */
const N8N_BOOKKEEPING = [
	'id',
	'active',
	'versionId',
	'meta',
	'createdAt',
	'updatedAt',
	'isArchived',
	'triggerCount',
	'shared',
];

const isEmpty = (value: unknown) =>
	value === undefined ||
	value === null ||
	value === false ||
	(Array.isArray(value) && value.length === 0) ||
	(isObject(value) && Object.keys(value).length === 0);

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
	// Only what the admin would miss: not n8n's own bookkeeping, not empty pinData or tags of an export.
	const droppedTop = Object.keys(workflow).filter(
		(field) =>
			!['name', 'nodes', 'connections', 'settings', ...N8N_BOOKKEEPING].includes(field) &&
			!isEmpty(workflow[field]),
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
	/** Publish (n8n 1.x: activate) after saving. */
	activate?: unknown;
	/** The n8n workflow id the canvas remembers for this action: updated, not duplicated. */
	workflowId?: unknown;
	/** Stored secrets entered again, per credential id: needed for an address not confirmed yet. */
	secrets?: unknown;
}

export interface DeployOptions extends CleanOptions {
	/** The passing tests this server ran: "Set live" gates (live-gate.ts). */
	passedTests: PassedTests;
}

/** What happened to one credential in n8n. */
export interface CredentialOutcome {
	type: string;
	name: string;
	id: string;
	outcome: 'created' | 'updated' | 'existing';
}

interface RemoteCredential {
	id: string;
	name: string;
	type: string;
}

export async function deployWorkflow(request: DeployRequest, options: DeployOptions) {
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
	const store = options.credentials;
	// Demo mode is a test-time override, so a graph holding a demo address (an older export) would
	// call this canvas's demo from n8n: refused before anything is sent.
	const demo = demoAddressesIn(workflow as { nodes: unknown[] });
	if (demo.length)
		throw new HttpError(
			400,
			`The workflow still calls the canvas's demo backend: ${demo.join('; ')}`,
			"Enter your API's address in those fields on the canvas (the demo is for tests only), test again, then deploy.",
			{ demoAddresses: demo },
		);
	// n8n's own checks first, as n8n's editor shows them: nothing is sent while they fail.
	const before = workflowIssues(workflow);
	if (before.length) throw checksFailed(before);
	// Publishing passes the page's "Set live" gates; saving without publishing answers no chat.
	if (request.activate === true) options.passedTests.check(workflow);
	// The canvas's credentials each node uses (by its id, else by type and name): their stored
	// secrets may go only to an n8n address confirmed for them. Checked before anything is sent.
	const nodes = workflow.nodes as unknown[];
	const localFor = new Map<string, string>();
	for (const raw of nodes) {
		if (!isObject(raw) || !isObject(raw.credentials)) continue;
		for (const [type, reference] of Object.entries(raw.credentials)) {
			const ref = isObject(reference) ? reference : { name: reference };
			const id = typeof ref.id === 'string' ? ref.id : undefined;
			const local =
				(id?.startsWith(LOCAL_ID_PREFIX) && store.find(id)?.type === type ? id : undefined) ??
				store.resolveForRun(type, { name: ref.name })?.id;
			if (local) localFor.set(referenceKey(type, ref), local);
		}
	}
	confirmSecretAddresses(store, [...localFor.values()], baseUrl, request.secrets);

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
	// Every secret this deploy may send: n8n may quote what it received, and nothing of it comes back.
	const secrets = [apiKey];
	const keyFree = (error: HttpError) =>
		new HttpError(
			error.status,
			redactSecrets(error.message, secrets),
			redactSecrets(error.hint, secrets),
			redactSecrets(error.extra, secrets),
		);
	const call = async (method: Method, path: string, body?: unknown, extra: JsonObject = {}) => {
		try {
			return await send(client, method, path, body, baseUrl, extra);
		} catch (error) {
			throw error instanceof HttpError ? keyFree(error) : error;
		}
	};
	const ok = (response: AxiosResponse) => response.status >= 200 && response.status < 300;

	// Credentials: pushed from this canvas's store to n8n (secrets go canvas server -> n8n only).
	const wanted = nodes.some((node) => isObject(node) && isObject(node.credentials));
	const remote: RemoteCredential[] = wanted ? await listCredentials(call, baseUrl) : [];
	const outcomes = new Map<string, CredentialOutcome>();
	const resolved = new Map<string, { id: string; name: string }>();
	const pushCredential = async (localId: string, type: string) => {
		const known = outcomes.get(localId);
		if (known) return known;
		const summary = store.find(localId)!;
		const data = store.dataForDeploy(localId) ?? {};
		secrets.push(...store.secretValues(type, data));
		const remembered = store.remoteId(localId, baseUrl);
		const existing =
			remote.find((entry) => entry.id === remembered && entry.type === type) ??
			remote.find((entry) => entry.type === type && entry.name === summary.name);
		let outcome: CredentialOutcome;
		if (existing) {
			const updated = await call('patch', `/credentials/${encodeURIComponent(existing.id)}`, {
				name: summary.name,
				type,
				data,
			});
			if (!ok(updated))
				throw keyFree(failure(updated, baseUrl, `update the credential "${summary.name}"`));
			outcome = { type, name: summary.name, id: existing.id, outcome: 'updated' };
		} else {
			const created = await call('post', '/credentials', { name: summary.name, type, data });
			const id = isObject(created.data) ? created.data.id : undefined;
			if (!ok(created) || (typeof id !== 'string' && typeof id !== 'number'))
				throw keyFree(failure(created, baseUrl, `create the credential "${summary.name}"`));
			outcome = { type, name: summary.name, id: String(id), outcome: 'created' };
			remote.push({ id: String(id), name: summary.name, type });
		}
		store.rememberRemoteId(localId, baseUrl, outcome.id);
		outcomes.set(localId, outcome);
		return outcome;
	};
	for (const raw of nodes) {
		if (!isObject(raw) || !isObject(raw.credentials)) continue;
		for (const [type, reference] of Object.entries(raw.credentials)) {
			const ref = isObject(reference) ? reference : { name: reference };
			const key = referenceKey(type, ref);
			if (resolved.has(key)) continue;
			const id = typeof ref.id === 'string' ? ref.id : undefined;
			// A credential of this canvas is created or updated in n8n.
			const local = localFor.get(key);
			if (local) {
				const outcome = await pushCredential(local, type);
				resolved.set(key, { id: outcome.id, name: outcome.name });
				continue;
			}
			// Otherwise n8n must have it: by its n8n id, else by type and name.
			const inN8n =
				remote.find((entry) => entry.id === id && entry.type === type) ??
				remote.find((entry) => entry.type === type && entry.name === ref.name);
			if (inN8n) {
				resolved.set(key, { id: inN8n.id, name: inN8n.name });
				const outcomeKey = `n8n:${inN8n.id}`;
				if (!outcomes.has(outcomeKey)) outcomes.set(outcomeKey, { ...inN8n, outcome: 'existing' });
			}
		}
	}
	const missing = workflowIssues(workflow, (type, ref) => resolved.has(referenceKey(type, ref)));
	if (missing.length) throw keyFree(checksFailed(missing));
	const withIds = {
		...workflow,
		nodes: nodes.map((raw) => {
			if (!isObject(raw) || !isObject(raw.credentials)) return raw;
			const credentials = Object.fromEntries(
				Object.entries(raw.credentials).map(([type, reference]) => {
					const ref = isObject(reference) ? reference : { name: reference };
					return [type, resolved.get(referenceKey(type, ref)) ?? ref];
				}),
			);
			return { ...raw, credentials };
		}),
	};

	// The workflow: the one this action was deployed as before, unless it is gone from n8n.
	const previousId =
		typeof request.workflowId === 'string' && request.workflowId.trim()
			? request.workflowId.trim()
			: undefined;
	let existing: JsonObject | undefined;
	let recreated = false;
	if (previousId) {
		const found = await call('get', `/workflows/${encodeURIComponent(previousId)}`);
		if (ok(found) && isObject(found.data) && found.data.isArchived !== true) existing = found.data;
		else if (found.status === 404 || (ok(found) && isObject(found.data))) recreated = true;
		else throw keyFree(failure(found, baseUrl, 'find the workflow deployed before'));
	}
	// A webhook node keeps n8n's webhookId across updates, so its production URL stays the same. A new
	// workflow gets new ones, as n8n's editor gives a duplicate: graphs made from one template (or
	// imported from a workflow n8n already runs) carry the same webhookId, which n8n refuses to publish
	// twice ("There is a conflict with one of the webhooks").
	const keptWebhookIds = new Map<string, string>();
	if (existing && Array.isArray(existing.nodes))
		for (const node of existing.nodes)
			if (isObject(node) && typeof node.webhookId === 'string')
				keptWebhookIds.set(String(node.name), node.webhookId);
	const { body, warnings } = cleanWorkflow(
		{
			...withIds,
			nodes: (withIds.nodes as unknown[]).map((raw) => {
				if (!isObject(raw) || !options.webhookNodeTypes?.has(String(raw.type))) return raw;
				return { ...raw, webhookId: keptWebhookIds.get(String(raw.name)) ?? randomUUID() };
			}),
		},
		options,
	);
	let id: string;
	if (existing) {
		const updated = await call('put', `/workflows/${encodeURIComponent(previousId!)}`, body);
		if (!ok(updated)) throw keyFree(failure(updated, baseUrl, 'update the workflow'));
		id = previousId!;
	} else {
		const created = await call('post', '/workflows', body);
		if (!ok(created)) throw keyFree(failure(created, baseUrl, 'create the workflow'));
		const createdId = isObject(created.data) ? created.data.id : undefined;
		if (typeof createdId !== 'string' && typeof createdId !== 'number') {
			throw new HttpError(
				502,
				`${baseUrl} answered without a workflow id`,
				'Check that the base URL points at n8n itself, not at another site or a login page.',
			);
		}
		id = String(createdId);
	}
	const url = `${baseUrl}/workflow/${id}`;
	const saved = existing ? 'updated' : recreated ? 'recreated' : 'created';
	const credentials = [...outcomes.values()];
	let active = false;
	if (request.activate === true) {
		const published = await call(
			'post',
			`/workflows/${encodeURIComponent(id)}/publish`,
			{},
			{ id, url, active: false, saved },
		);
		if (!ok(published)) {
			const error = failure(published, baseUrl, 'publish the workflow');
			throw keyFree(
				new HttpError(
					error.status,
					`n8n saved the workflow but did not publish it: ${error.message}`,
					`Fix what n8n names, then publish again (the same workflow is updated), or open ${url}.`,
					{ id, url, active: false, saved, credentials: credentials as unknown as JsonObject[] },
				),
			);
		}
		active = !(isObject(published.data) && published.data.active === false);
	}
	return {
		id,
		active,
		url,
		saved,
		credentials,
		message: plainWords(saved, active, credentials),
		warnings,
	};
}

/** One credential reference of a node: its type, id and name. */
function referenceKey(type: string, ref: { id?: unknown; name?: unknown }): string {
	return `${type}\u0000${String(ref.id)}\u0000${String(ref.name)}`;
}

function plainWords(saved: string, active: boolean, credentials: CredentialOutcome[]): string {
	const what =
		saved === 'updated'
			? 'n8n updated the workflow'
			: saved === 'recreated'
				? 'The workflow deployed before is gone from n8n, so n8n created it again'
				: 'n8n created the workflow';
	const count = (outcome: CredentialOutcome['outcome']) =>
		credentials.filter((credential) => credential.outcome === outcome).length;
	const parts = [
		count('created') && `${count('created')} credential(s) created`,
		count('updated') && `${count('updated')} updated`,
		count('existing') && `${count('existing')} already in n8n`,
	].filter(Boolean);
	return `${what}${active ? ' and published it: it answers chat messages now' : ' (not published)'}.${parts.length ? ` Credentials: ${parts.join(', ')}.` : ''}`;
}

function checksFailed(issues: NodeIssue[]): HttpError {
	return new HttpError(
		400,
		`n8n would refuse this workflow: ${issues.map((issue) => `Node "${issue.node}": ${issue.message}`).join(' ')}`,
		'Fix the issues shown on the nodes, then publish again. Nothing was sent to n8n.',
		{ issues: issues as unknown as JsonObject[] },
	);
}

type Caller = (method: Method, path: string, body?: unknown) => Promise<AxiosResponse>;

/** Every credential n8n lists (id, name, type; n8n never lists their data). */
async function listCredentials(call: Caller, baseUrl: string): Promise<RemoteCredential[]> {
	const all: RemoteCredential[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 50; page++) {
		const response = await call(
			'get',
			`/credentials?limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		if (response.status < 200 || response.status >= 300)
			throw failure(response, baseUrl, 'list its credentials');
		const data =
			isObject(response.data) && Array.isArray(response.data.data) ? response.data.data : [];
		for (const entry of data)
			if (isObject(entry))
				all.push({ id: String(entry.id), name: String(entry.name), type: String(entry.type) });
		cursor =
			isObject(response.data) && typeof response.data.nextCursor === 'string'
				? response.data.nextCursor
				: undefined;
		if (!cursor) break;
	}
	return all;
}

type Method = 'get' | 'post' | 'put' | 'patch';

async function send(
	client: AxiosInstance,
	method: Method,
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
