// The workspace agent in one n8n, through n8n's public API (the same steps as an action's deploy,
// server/deploy/*): the chat model's `openAiApi` credential created or updated, the Messenger and
// the actions' credentials pushed, then the ONE agent workflow of that address saved (updated in
// place; created again when it was deleted in n8n) and published. Rebuilt from every live action
// (as n8n runs it, not as edited since on the canvas) whenever one is set live or back to draft. Its workflow id per address is kept in
// `<data folder>/agent-deployments.json`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AgentOutcome } from '../../shared/api';
import type { CredentialStore } from '../credentials';
import {
	localCredentials,
	pushCredentials,
	referenceKey,
	withCredentialIds,
} from '../deploy/credentials';
import { failure, listCredentials, n8nCaller, ok, type N8nCaller } from '../deploy/n8n-caller';
import { normalizeBaseUrl } from '../deploy/request';
import { productionUrl, publish, saveWorkflow } from '../deploy/workflow';
import { HttpError, isObject, type JsonObject } from '../http';
import { confirmSecretAddresses } from '../secret-addresses';
import { ActionFiles, writeAtomic, type ActionSummary, type StorePaths } from '../store';
import { agentModelKeyFor, agentWebhookId, readAgentSettings } from './settings';
import { agentWorkflow, AGENT_NAMES, type AgentAction, type N8nWorkflow } from './workflow';

/** The name of the chat model's credential the agent creates in n8n. */
export const MODEL_CREDENTIAL_NAME = 'Fin agent model';

export interface AgentDeploymentRecord {
	workflowId: string;
	active: boolean;
	at: string;
	tools: string[];
	/** n8n's id of the model credential, so the next deploy updates it even if renamed. */
	modelCredentialId?: string;
}

/** Where the agent lives per n8n address. */
export class AgentDeployments {
	readonly file: string;

	constructor(paths: StorePaths) {
		this.file = join(paths.dataDir, 'agent-deployments.json');
	}

	all(): Record<string, AgentDeploymentRecord> {
		let text: string;
		try {
			text = readFileSync(this.file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
			throw error;
		}
		try {
			const parsed = JSON.parse(text) as { deployments?: unknown };
			return isObject(parsed.deployments)
				? (parsed.deployments as Record<string, AgentDeploymentRecord>)
				: {};
		} catch {
			throw new HttpError(
				503,
				`${this.file} is not valid JSON`,
				'Delete it; the next "Set live" creates the agent workflow again.',
			);
		}
	}

	save(baseUrl: string, record: AgentDeploymentRecord) {
		const all = this.all();
		all[baseUrl] = record;
		writeAtomic(this.file, JSON.stringify({ version: 1, deployments: all }, null, '\t'));
	}
}

/** The action just deployed (its graph as sent), standing in for its stored version. */
export interface DeployedAction {
	name: string;
	workflow: N8nWorkflow;
	/** n8n's id of the action's own workflow: finds the stored action it is. */
	workflowId: string;
}

export interface AgentDeployInput {
	/** A normalized n8n base URL. */
	baseUrl: string;
	apiKey: string;
	/** Stored secrets entered again for this address (as an action deploy takes them). */
	secrets?: unknown;
	/** Set live just now. */
	deployed?: DeployedAction;
	/** Back to draft just now: left out. */
	excludeId?: string;
}

/**
 * The live actions of this n8n address, as the agent's tools: the one set live just now as sent, each
 * other one as n8n runs it (GET /workflows/{id}), never as the canvas holds it now, since edits of a
 * live action are a draft until it is set live again. One gone from n8n is left out, and said so.
 */
export async function liveActionsAt(
	n8n: N8nCaller,
	paths: StorePaths,
	input: Pick<AgentDeployInput, 'deployed' | 'excludeId'> = {},
): Promise<{ actions: AgentAction[]; leftOut: string[] }> {
	const files = new ActionFiles(paths);
	const { deployed, excludeId } = input;
	const actions: AgentAction[] = [];
	const leftOut: string[] = [];
	let deployedFound = false;
	for (const summary of files.list().reverse()) {
		const here = deploymentAt(summary, n8n.baseUrl);
		if (summary.id === excludeId || !here) continue;
		if (
			deployed !== undefined &&
			(here.workflowId === deployed.workflowId || summary.name === deployed.name)
		) {
			deployedFound = true;
			actions.push({ name: summary.name, workflow: deployed.workflow });
		} else if (here.active) {
			const running = await workflowInN8n(n8n, here.workflowId, summary.name);
			if (running) actions.push({ name: summary.name, workflow: running });
			else
				leftOut.push(
					`Left out "${summary.name}": its workflow is gone from n8n (set it live again).`,
				);
		}
	}
	if (deployed && !deployedFound)
		actions.push({ name: deployed.name, workflow: deployed.workflow });
	return { actions, leftOut };
}

/**
 * The action's deployment at this n8n address: its entry in `deployments` (one per address), else
 * its last deploy when that went here. An action set live at staging and then at production is
 * still live in the staging agent.
 */
function deploymentAt(summary: ActionSummary, baseUrl: string) {
	for (const [address, record] of Object.entries(summary.deployments ?? {}))
		if (safeNormalize(address) === baseUrl) return record;
	const last = summary.deploy;
	return last && safeNormalize(last.baseUrl) === baseUrl ? last : undefined;
}

/** A live action's workflow as n8n has it; undefined when it is gone (deleted or archived). */
async function workflowInN8n(
	n8n: N8nCaller,
	workflowId: string,
	name: string,
): Promise<N8nWorkflow | undefined> {
	const found = await n8n.call('get', `/workflows/${encodeURIComponent(workflowId)}`);
	if (found.status === 404) return undefined;
	if (!ok(found) || !isObject(found.data))
		throw n8n.keyFree(failure(found, n8n.baseUrl, `read the workflow of "${name}"`));
	const data = found.data;
	if (data.isArchived === true || !Array.isArray(data.nodes) || !isObject(data.connections))
		return undefined;
	return { name, nodes: data.nodes as N8nWorkflow['nodes'], connections: data.connections };
}

function safeNormalize(value: string): string | undefined {
	try {
		return normalizeBaseUrl(value);
	} catch {
		return undefined;
	}
}

const notDeployed = (message: string): AgentOutcome => ({ deployed: false, message });

/**
 * Rebuilds the agent of this n8n address from its live actions and saves it there in place. Never
 * throws for the agent's own problems: the answer says in plain words what happened or what to fix
 * (the action's own deploy already succeeded).
 */
export async function deployAgent(
	paths: StorePaths,
	store: CredentialStore,
	input: AgentDeployInput,
): Promise<AgentOutcome> {
	const settings = readAgentSettings(paths);
	if (!settings.model)
		return notDeployed(
			'The AI agent was not deployed: no model is configured. Set the model (base URL, model name, API key) under "AI agent" on the home screen, then set an action live again.',
		);
	const key = agentModelKeyFor(paths, input.baseUrl);
	if ('refused' in key) return notDeployed(`The AI agent was not deployed: ${key.refused}.`);
	const deployments = new AgentDeployments(paths);
	const previous = deployments.all()[input.baseUrl];
	const n8n = n8nCaller(input.baseUrl, input.apiKey);
	n8n.secrets.push(key.apiKey);
	try {
		const { actions, leftOut } = await liveActionsAt(n8n, paths, input);
		if (!actions.length) return await withoutTools(n8n, deployments, previous);
		const webhookId = agentWebhookId(paths);
		const workflow = agentWorkflow({ actions, settings, webhookId });
		const withIds = await pushAgentCredentials(n8n, store, workflow, input.secrets);
		const model = await pushModelCredential(n8n, settings.model, key.apiKey, previous);
		const withModel = withModelCredential(withIds, model);
		const saved = await saveWorkflow(n8n, previous?.workflowId, withModel, {
			credentials: store,
		});
		const tools = actions.map((action) => action.name);
		const record = { workflowId: saved.id, tools, modelCredentialId: model.id };
		// Kept before publishing: a refused publish still leaves the one workflow to update next time.
		deployments.save(input.baseUrl, { ...record, active: false, at: new Date().toISOString() });
		const active = await publish(n8n, saved, []);
		deployments.save(input.baseUrl, { ...record, active, at: new Date().toISOString() });
		const what =
			saved.saved === 'updated'
				? 'updated the AI agent'
				: saved.saved === 'recreated'
					? 'created the AI agent again (the one deployed before is gone from n8n)'
					: 'created the AI agent';
		return {
			deployed: true,
			message: [
				`n8n ${what}${active ? ' and published it' : ' (not published)'}, with ${tools.length} action(s): ${tools.join(', ')}.`,
				...leftOut,
			].join(' '),
			workflowId: saved.id,
			active,
			productionUrl: productionUrl(input.baseUrl, webhookId),
			tools,
		};
	} catch (error) {
		if (!(error instanceof HttpError)) throw error;
		const clean = n8n.keyFree(error);
		return notDeployed(`The AI agent was not deployed: ${clean.message}. ${clean.hint}`);
	}
}

/** No live action left: the agent answers nothing, so it is unpublished (kept, to be updated later). */
async function withoutTools(
	n8n: N8nCaller,
	deployments: AgentDeployments,
	previous: AgentDeploymentRecord | undefined,
): Promise<AgentOutcome> {
	if (!previous) return notDeployed('The AI agent was not deployed: no action is live here.');
	await deactivate(n8n, previous.workflowId, 'unpublish the AI agent');
	deployments.save(n8n.baseUrl, {
		...previous,
		active: false,
		tools: [],
		at: new Date().toISOString(),
	});
	return {
		deployed: true,
		message: 'No action is live here any more, so n8n unpublished the AI agent.',
		workflowId: previous.workflowId,
		active: false,
		tools: [],
	};
}

/** POST /workflows/{id}/deactivate; a workflow already gone from n8n is fine. */
export async function deactivate(n8n: N8nCaller, workflowId: string, action: string) {
	const answer = await n8n.call(
		'post',
		`/workflows/${encodeURIComponent(workflowId)}/deactivate`,
		{},
	);
	if (!ok(answer) && answer.status !== 404) throw n8n.keyFree(failure(answer, n8n.baseUrl, action));
}

/** The Messenger and the actions' credentials, as an action's deploy pushes them. */
async function pushAgentCredentials(
	n8n: N8nCaller,
	store: CredentialStore,
	workflow: N8nWorkflow,
	secrets: unknown,
): Promise<JsonObject> {
	const nodes = workflow.nodes as unknown[];
	const localFor = localCredentials(nodes, store);
	confirmSecretAddresses(store, [...localFor.values()], n8n.baseUrl, secrets);
	const { resolved } = await pushCredentials(n8n, nodes, localFor, store);
	for (const node of workflow.nodes)
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			const reference = isObject(ref) ? ref : { name: ref };
			if (!resolved.has(referenceKey(type, reference)))
				throw new HttpError(
					400,
					`Node "${node.name}" uses a "${type}" credential named "${String(reference.name)}" that is neither on the canvas nor in n8n`,
					`Create it on the canvas (or in n8n), then set the action live again.`,
				);
		}
	return withCredentialIds(workflow as unknown as JsonObject, resolved);
}

/** The chat model's `openAiApi` credential: updated when n8n has it (id kept, else by name), else created. */
async function pushModelCredential(
	n8n: N8nCaller,
	model: { baseUrl: string },
	apiKey: string,
	previous: AgentDeploymentRecord | undefined,
): Promise<{ id: string; name: string }> {
	const type = 'openAiApi';
	const body = {
		name: MODEL_CREDENTIAL_NAME,
		type,
		data: { apiKey, url: model.baseUrl, header: false },
	};
	const remote = await listCredentials(n8n.call, n8n.baseUrl);
	const existing =
		remote.find((entry) => entry.id === previous?.modelCredentialId && entry.type === type) ??
		remote.find((entry) => entry.type === type && entry.name === MODEL_CREDENTIAL_NAME);
	if (existing) {
		const updated = await n8n.call(
			'patch',
			`/credentials/${encodeURIComponent(existing.id)}`,
			body,
		);
		if (!ok(updated))
			throw n8n.keyFree(failure(updated, n8n.baseUrl, "update the AI agent's model credential"));
		return { id: existing.id, name: MODEL_CREDENTIAL_NAME };
	}
	const created = await n8n.call('post', '/credentials', body);
	const id = isObject(created.data) ? created.data.id : undefined;
	if (!ok(created) || (typeof id !== 'string' && typeof id !== 'number'))
		throw n8n.keyFree(failure(created, n8n.baseUrl, "create the AI agent's model credential"));
	return { id: String(id), name: MODEL_CREDENTIAL_NAME };
}

function withModelCredential(workflow: JsonObject, model: { id: string; name: string }) {
	return {
		...workflow,
		nodes: (workflow.nodes as JsonObject[]).map((node) =>
			node.name === AGENT_NAMES.chatModel ? { ...node, credentials: { openAiApi: model } } : node,
		),
	};
}
