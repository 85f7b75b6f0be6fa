// A deploy request as the page sends it, read and checked before anything else happens.
import { HttpError, isObject, type JsonObject } from '../http';
import type { PassedTests } from '../live-gate';
import type { CleanOptions } from './workflow';

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

/** The n8n address, the API key and the workflow of a request, each checked. */
export function readDeployRequest(request: DeployRequest): {
	baseUrl: string;
	apiKey: string;
	workflow: JsonObject;
} {
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
	return { baseUrl, apiKey, workflow };
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
