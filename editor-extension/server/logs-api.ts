// GET /api/actions/:id/runs: a live action's recent runs, read from n8n's public executions API
// (GET /api/v1/executions?workflowId=…&includeData=true, one page per call, `cursor` for older ones)
// with the deploy info the store keeps for the action and the API key kept for that n8n
// (n8n-keys.ts), summarized by run-log.ts. The key never leaves this server; every secret the canvas
// knows (its credentials, the key) is scrubbed from the answer in every encoding.
import axios from 'axios';

import { redactSecrets } from '../../nodes/public';
import type { RunList } from '../shared/api';
import type { CredentialStore } from './credentials';
import { normalizeBaseUrl } from './deploy';
import { HttpError, isObject, sendJson } from './http';
import type { N8nApiKeys } from './n8n-keys';
import type { Router } from './router';
import { summarizeExecution, type WorkflowNodeRef } from './run-log';
import { ActionFiles, type StorePaths } from './store';

const TIMEOUT_MS = 20_000;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export function addLogsRoutes(
	router: Router,
	paths: StorePaths,
	credentials: CredentialStore,
	keys: N8nApiKeys,
) {
	const actions = new ActionFiles(paths);
	router.add('GET', '/api/actions/:id/runs', async ({ res, params, url }) => {
		const action = actions.get(params.id);
		if (!action.deploy) {
			throw new HttpError(
				409,
				`"${action.name}" is not live in n8n, so it has no runs there`,
				'Test it, then "Set live": its runs in n8n are listed here afterwards.',
			);
		}
		const baseUrl = normalizeBaseUrl(action.deploy.baseUrl);
		const apiKey = keys.get(baseUrl);
		if (!apiKey) {
			throw new HttpError(
				409,
				`The canvas keeps no n8n API key for ${baseUrl}`,
				'Publish the action again ("Set live") with an API key: the canvas server keeps it (encrypted) to read the runs.',
			);
		}
		const limit = Math.min(
			Math.max(Number.parseInt(url.searchParams.get('limit') ?? '', 10) || DEFAULT_LIMIT, 1),
			MAX_LIMIT,
		);
		const cursor = url.searchParams.get('cursor') ?? undefined;
		const secrets = [apiKey, ...canvasSecrets(credentials)];
		const page = await fetchExecutions(
			{ baseUrl, apiKey, workflowId: action.deploy.workflowId, limit, cursor },
			secrets,
		);
		const nodes = (Array.isArray(action.workflow.nodes) ? action.workflow.nodes : []).filter(
			isObject,
		) as unknown as WorkflowNodeRef[];
		const answer: RunList = {
			actionName: action.name,
			baseUrl,
			workflowId: action.deploy.workflowId,
			runs: page.executions.map((execution) =>
				summarizeExecution(execution, {
					baseUrl,
					workflowId: action.deploy!.workflowId,
					nodes,
					secrets,
				}),
			),
			...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
		};
		sendJson(res, 200, redactSecrets(answer, secrets));
	});
}

/** Every secret value of every credential entered on this canvas. */
function canvasSecrets(store: CredentialStore): string[] {
	return store
		.list()
		.flatMap((credential) =>
			store.secretValues(credential.type, store.dataForDeploy(credential.id) ?? {}),
		);
}

interface PageRequest {
	baseUrl: string;
	apiKey: string;
	workflowId: string;
	limit: number;
	cursor?: string;
}

/** One page of the workflow's executions with their data, newest first. */
export async function fetchExecutions(
	request: PageRequest,
	secrets: string[],
): Promise<{ executions: Record<string, unknown>[]; nextCursor?: string }> {
	const { status, data } = await getExecutionsPage(request);
	const message = redactSecrets(
		isObject(data) && typeof data.message === 'string' ? data.message : `HTTP ${status}`,
		secrets,
	);
	throwIfRefused(request, status, message);
	if (status < 200 || status >= 300 || !isObject(data) || !Array.isArray(data.data))
		throw new HttpError(
			502,
			`n8n did not list the executions (HTTP ${status}: ${message})`,
			"Look at n8n's logs for the cause, then try again.",
		);
	return {
		executions: data.data.filter(isObject),
		...(typeof data.nextCursor === 'string' && data.nextCursor
			? { nextCursor: data.nextCursor }
			: {}),
	};
}

/** n8n's answer to GET /api/v1/executions; a network failure says only its code (no key). */
async function getExecutionsPage(request: PageRequest) {
	const { baseUrl } = request;
	const host = new URL(baseUrl).hostname;
	const query = new URLSearchParams({
		workflowId: request.workflowId,
		includeData: 'true',
		limit: String(request.limit),
		...(request.cursor ? { cursor: request.cursor } : {}),
	});
	try {
		return await axios.get(`${baseUrl}/api/v1/executions?${query}`, {
			timeout: TIMEOUT_MS,
			headers: { 'X-N8N-API-KEY': request.apiKey, accept: 'application/json' },
			validateStatus: () => true,
			maxRedirects: 0,
			...(['localhost', '127.0.0.1', '[::1]'].includes(host) ? { proxy: false as const } : {}),
		});
	} catch (error) {
		// Axios errors carry the request (with the key): only the code travels on.
		const code = (error as { code?: string }).code ?? 'network error';
		throw new HttpError(
			502,
			`Could not reach n8n at ${baseUrl} (${code})`,
			'Check that n8n is running at the address the action was published to, then try again.',
		);
	}
}

/** n8n's refusals (key, public API, cursor) as errors saying what to do. */
function throwIfRefused({ baseUrl, cursor }: PageRequest, status: number, message: string) {
	if (status === 401 || status === 403)
		throw new HttpError(
			401,
			`n8n rejected the API key kept for ${baseUrl} (${status}: ${message})`,
			'Create a new API key in n8n (Settings > n8n API, with the executions scope) and publish the action again with it.',
		);
	if (status === 404)
		throw new HttpError(
			502,
			`n8n at ${baseUrl} has no executions API (404: ${message})`,
			'Check that the public API is enabled in n8n (N8N_PUBLIC_API_DISABLED must not be true).',
		);
	if (status === 400 && cursor)
		throw new HttpError(
			400,
			`n8n refused the page cursor (${message})`,
			'Reload the logs from the newest run.',
		);
}
