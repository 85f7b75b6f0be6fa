// Calls to the canvas server (same origin). Every failure becomes an ApiError whose text says what
// went wrong and what to do next: the server's `{error, hint}`, or a hint of our own.
import axios, { AxiosError } from 'axios';

import type {
	ActionList,
	ActionSummary,
	AnswerPreviewBody,
	CreateCredentialBody,
	RunList,
	SaveActionBody,
	StoredActionInfo,
	UpdateCredentialBody,
} from '../../shared/api';
import type { AgentInfo, AgentSettingsBody } from '../../shared/api';
import type { N8nWorkflow } from '../graph/types';
import type { BackToDraftResult } from './types';
import type {
	CredentialInfo,
	CredentialTypeInfo,
	DeployRequest,
	DeployResult,
	NodeIssue,
	NodeTypeInfo,
	TemplateInfo,
	TestResult,
	TestValues,
} from './types';

export class ApiError extends Error {
	constructor(
		message: string,
		/** What the user can do about it. */
		readonly hint: string,
		readonly status?: number,
		readonly extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

const http = axios.create({
	baseURL: '/',
	timeout: 0,
	headers: { 'content-type': 'application/json' },
});

export function toApiError(error: unknown, doing: string): ApiError {
	if (error instanceof ApiError) return error;
	if (axios.isCancel(error))
		return new ApiError(`${doing} was cancelled.`, 'Start it again when you are ready.');
	const axiosError = error as AxiosError<{ error?: unknown; hint?: unknown; message?: unknown }>;
	const response = axiosError.response;
	if (!response) {
		return new ApiError(
			`Could not reach the canvas server while ${doing.toLowerCase()}.`,
			'Check that "npm start" is still running in its terminal (restart it if it stopped), then try again.',
		);
	}
	const body = response.data && typeof response.data === 'object' ? response.data : {};
	const { error: message, hint, ...extra } = body as Record<string, unknown>;
	const text =
		typeof message === 'string'
			? message
			: typeof body.message === 'string'
				? body.message
				: `${doing} failed (HTTP ${response.status}).`;
	const advice =
		typeof hint === 'string'
			? hint
			: response.status >= 500
				? 'The terminal running the canvas server shows the cause; fix it and try again.'
				: 'Check what you entered and try again.';
	return new ApiError(text, advice, response.status, extra);
}

async function call<T>(doing: string, request: () => Promise<{ data: T }>): Promise<T> {
	try {
		return (await request()).data;
	} catch (error) {
		throw toApiError(error, doing);
	}
}

export const api = {
	nodes: () => call<NodeTypeInfo[]>('Loading the nodes', () => http.get('/api/nodes')),
	credentialTypes: () =>
		call<CredentialTypeInfo[]>('Loading credential types', () => http.get('/api/credential-types')),
	templates: () => call<TemplateInfo[]>('Loading templates', () => http.get('/api/templates')),
	credentials: () =>
		call<CredentialInfo[]>('Loading credentials', () => http.get('/api/credentials')),
	createCredential: (body: CreateCredentialBody) =>
		call<CredentialInfo>('Saving the credential', () => http.post('/api/credentials', body)),
	updateCredential: (id: string, body: UpdateCredentialBody) =>
		call<CredentialInfo>('Saving the credential', () =>
			http.patch(`/api/credentials/${encodeURIComponent(id)}`, body),
		),
	deleteCredential: (id: string) =>
		call<CredentialInfo>('Deleting the credential', () =>
			http.delete(`/api/credentials/${encodeURIComponent(id)}`),
		),
	test: (workflow: N8nWorkflow, testValues: TestValues, signal?: AbortSignal) =>
		call<TestResult>('Testing the response', () =>
			http.post('/api/test', { workflow, testValues }, { signal }),
		),
	/** n8n's own checks of the nodes (parameter issues, required credentials). */
	checks: (workflow: N8nWorkflow, signal?: AbortSignal) =>
		call<{ issues: NodeIssue[] }>("Running n8n's checks", () =>
			http.post('/api/checks', { workflow }, { signal }),
		),
	/** The saved actions (server/store.ts): the canvas's home. */
	actions: () => call<ActionList>('Loading your actions', () => http.get('/api/actions')),
	action: (id: string) =>
		call<StoredActionInfo>('Opening the action', () =>
			http.get(`/api/actions/${encodeURIComponent(id)}`),
		),
	/** Reads back from n8n whether the action's workflow is published, unpublished or deleted. */
	checkN8nState: (id: string) =>
		call<ActionSummary>('Asking n8n about the action', () =>
			http.post(`/api/actions/${encodeURIComponent(id)}/n8n-state`, {}),
		),
	checkAllN8nState: () =>
		call<{ checked: ActionSummary[] }>('Asking n8n about the live actions', () =>
			http.post('/api/actions/n8n-state', {}),
		),
	createAction: (body: SaveActionBody) =>
		call<ActionSummary>('Creating the action', () => http.post('/api/actions', body)),
	saveAction: (id: string, body: SaveActionBody) =>
		call<ActionSummary>('Saving the action', () =>
			http.put(`/api/actions/${encodeURIComponent(id)}`, body),
		),
	deleteAction: (id: string) =>
		call<ActionSummary>('Deleting the action', () =>
			http.delete(`/api/actions/${encodeURIComponent(id)}`),
		),
	/** What the AI would see from a response with these fields (the nodes' own fields module). */
	answerPreview: (body: AnswerPreviewBody, signal?: AbortSignal) =>
		call<{ answer: unknown; fieldsUsed: string[] }>('Previewing the answer', () =>
			http.post('/api/answer-preview', body, { signal }),
		),
	/** Whether the canvas server keeps an n8n API key for this address (never the key itself). */
	n8nKeyKept: (baseUrl: string) =>
		call<{ baseUrl: string; kept: boolean }>('Checking the kept n8n API key', () =>
			http.get('/api/n8n-key', { params: { baseUrl } }),
		),
	deploy: (body: DeployRequest, signal?: AbortSignal) =>
		call<DeployResult>('Deploying to n8n', () => http.post('/api/deploy', body, { signal })),
	/** A live action's recent runs in n8n (Logs); `cursor` pages on to older ones. */
	runs: (actionId: string, cursor?: string) =>
		call<RunList>('Loading the logs', () =>
			http.get(`/api/actions/${encodeURIComponent(actionId)}/runs`, {
				params: cursor ? { cursor } : {},
			}),
		),
};

/** The workspace agent (server/agent/routes.ts): its settings, and "Back to draft" of a live action. */
export const agentApi = {
	settings: () => call<AgentInfo>('Loading the AI agent settings', () => http.get('/api/agent')),
	saveSettings: (body: AgentSettingsBody) =>
		call<AgentInfo>('Saving the AI agent settings', () => http.put('/api/agent', body)),
	/** `baseUrl`: take down the deployment at that n8n address (environments); else the last one. */
	backToDraft: (actionId: string, baseUrl?: string) =>
		call<BackToDraftResult>('Setting the action back to draft', () =>
			http.post(`/api/actions/${encodeURIComponent(actionId)}/draft`, baseUrl ? { baseUrl } : {}),
		),
};

/** The workspace agent's conversations in one n8n (Logs): newest first, filtered on the server. */
export function loadConversations(query: {
	baseUrl?: string;
	customer?: string;
	action?: string;
	cursor?: string;
}) {
	const params = Object.fromEntries(Object.entries(query).filter(([, value]) => value));
	return call<import('../../shared/api').ConversationList>('Loading the conversations', () =>
		http.get('/api/agent/conversations', { params }),
	);
}

/** One turn of the preview chat (server/agent/preview): the workspace agent in-process, as a test customer. */
export function previewChat(body: import('./types').PreviewChatRequest, signal?: AbortSignal) {
	return call<import('../../shared/api').AgentPreviewReply>('Asking the agent', () =>
		http.post('/api/agent/preview', body, { signal }),
	);
}
