// The canvas server's HTTP API (see the canvas contract), as the client sees it.
import type { N8nWorkflow, NodeDescription, NodeProperty } from '../graph/types';

export interface NodeTypeInfo {
	type: string;
	description: NodeDescription;
}

export interface CredentialTypeInfo {
	name: string;
	displayName: string;
	properties: NodeProperty[];
	[key: string]: unknown;
}

/** A stored credential: never any of its data. */
export interface CredentialInfo {
	id: string;
	name: string;
	type: string;
}

export interface TemplateInfo {
	id: string;
	name: string;
	description?: string;
	workflow: N8nWorkflow;
}

export interface TestValues {
	user: Record<string, unknown>;
	company: Record<string, unknown>;
	conversation: Record<string, unknown>;
	message: Record<string, unknown>;
}

export interface Item {
	json: Record<string, unknown>;
	[key: string]: unknown;
}

export interface NodeRun {
	status: 'success' | 'error' | 'skipped';
	input?: Item[];
	output?: Item[][];
	error?: { message: string; description?: string | null; [key: string]: unknown };
	requests?: Array<Record<string, unknown>>;
}

export interface TestResult {
	ok: boolean;
	executionOrder: string[];
	nodes: Record<string, NodeRun>;
	answer: unknown;
	error?: { message?: string; description?: string } | string;
	[key: string]: unknown;
}

export interface DeployRequest {
	workflow: N8nWorkflow;
	baseUrl: string;
	apiKey: string;
	activate: boolean;
}

export interface DeployResult {
	id: string;
	active: boolean;
	url?: string;
}
