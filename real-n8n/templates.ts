// The workflow templates in real n8n, without jest: which files there are, reading one, finding
// its nodes and its Fin Trigger's production URL, waiting for the webhook, reading executions back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nClient } from './n8n-api';
import { packageName } from './package';
import { repoRoot } from './runtime';

export const TEMPLATE_FILES = [
	'electricity-usage.json',
	'shopify-order-status.json',
	'statuspage-incidents.json',
];

/** Templates with n8n's AI Agent: run by ai-agent-tools.e2e.test.ts with a scripted model. */
export const AGENT_TEMPLATE_FILES = ['ai-agent-order-status-and-incidents.json'];

export function readTemplate(file: string): any {
	return JSON.parse(readFileSync(join(repoRoot, 'templates/workflows', file), 'utf8'));
}

export const isNode = (node: any, name: string) => node.type === `${packageName}.${name}`;

export const findNode = (workflow: any, name: string) =>
	workflow.nodes.find((node: any) => isNode(node, name));

/** Production URL of a workflow's Fin Trigger (webhook path `fin`, prefixed by the node's webhookId). */
export function webhookUrl(n8nUrl: string, workflow: any): string {
	return `${n8nUrl}/webhook/${findNode(workflow, 'finTrigger').webhookId}/fin`;
}

/**
 * n8n answers the activate call before the production webhook is registered: wait until a CORS
 * preflight for it gets 204 (an unknown webhook gets an error). A preflight starts no execution.
 */
export async function waitForWebhook(url: string): Promise<void> {
	const deadline = Date.now() + 30000;
	for (;;) {
		const preflight = await fetch(url, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
			signal: AbortSignal.timeout(5000),
		});
		await preflight.arrayBuffer();
		if (preflight.status === 204) return;
		if (Date.now() > deadline)
			throw new Error(
				`The webhook ${url} was not registered 30 s after activation (last preflight: HTTP ${preflight.status})`,
			);
		await new Promise((done) => setTimeout(done, 200));
	}
}

/** The workflow's executions, newest first, once n8n has finished saving them (the list stays put for a second). */
export async function settledExecutions(api: N8nClient, workflowId: string): Promise<any[]> {
	let last = await api.executions(workflowId);
	for (let stable = 0; stable < 4;) {
		await new Promise((done) => setTimeout(done, 250));
		const next = await api.executions(workflowId);
		const same =
			next.length === last.length &&
			next.every((execution: any) => execution.status !== 'running' && execution.status !== 'new');
		stable = same ? stable + 1 : 0;
		last = next;
	}
	return last;
}

/** Names of the nodes an execution ran, sorted. */
export function nodesRun(execution: any): string[] {
	return Object.keys(execution.data?.resultData?.runData ?? {}).sort();
}

/** One `- **Name**: value` line of a note: `literal` when the value is in backticks (typed as written), else the user's own. */
export interface NoteSetting {
	name: string;
	literal?: string;
	own?: string;
}

/** What a note titled `### <node name>: fill in` asks for on that node. */
export interface NodeSteps {
	/** The node's own parameters, by the label n8n shows. */
	inputs: NoteSetting[];
	/** The credential to create: its type's display name and its settings; none when the note says so. */
	credential?: { typeName: string; settings: NoteSetting[] };
}

/** What a workflow template's sticky notes tell a user to fill in (scripts/build-workflow-templates.mjs writes them). */
export interface NoteSteps {
	/** By node name. */
	nodes: Record<string, NodeSteps>;
	/** Fin Trigger's credential settings. */
	messenger: NoteSetting[];
	/** JWT claims the Messenger backend signs, or the user attributes it sends with a user_hash. */
	jwtClaims?: string[];
	userAttributes?: string[];
	/** The steps' text, for what must be said in words (activation, the Production URL). */
	text: string;
}

const SETTING = /^(\s*)- \*\*(.+?)\*\*: (.*)$/;
const FILL_IN = /^#+ (.+): fill in$/;

function parseSetting(name: string, value: string): NoteSetting {
	const literal = /^`([^`]*)`/.exec(value);
	return literal ? { name, literal: literal[1] } : { name, own: value };
}

const list = (setting: NoteSetting | undefined) =>
	setting?.literal?.split(',').map((entry) => entry.trim());

/** Reads the steps of a workflow template's notes, the way a user reads them, top to bottom. */
export function readNoteSteps(workflow: any): NoteSteps {
	const notes: string[] = workflow.nodes
		.filter((node: any) => node.type === 'n8n-nodes-base.stickyNote')
		.map((node: any) => String(node.parameters.content));
	const steps: NoteSteps = { nodes: {}, messenger: [], text: notes.join('\n\n') };
	for (const note of notes) {
		let section = '';
		let target: NodeSteps | undefined;
		for (const line of note.split('\n')) {
			if (/^#+ /.test(line)) {
				section = line;
				const fillIn = FILL_IN.exec(line);
				target = fillIn ? (steps.nodes[fillIn[1]] = { inputs: [] }) : undefined;
			}
			const match = SETTING.exec(line);
			if (!match) continue;
			const [, indent, name, value] = match;
			const setting = parseSetting(name, value);
			if (target && name === 'Credential') {
				const type = /create a new \*(.+?)\*/.exec(value);
				if (type) target.credential = { typeName: type[1], settings: [] };
			} else if (target && indent && target.credential) target.credential.settings.push(setting);
			else if (target && name !== 'Fields') target.inputs.push(setting);
			else if (name === 'JWT claims') steps.jwtClaims = list(setting);
			else if (name === 'User attributes') steps.userAttributes = list(setting);
			else if (section.includes('Fin Trigger')) steps.messenger.push(setting);
		}
	}
	return steps;
}
