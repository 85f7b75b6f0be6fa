// One turn of the preview chat: the workspace agent as production builds it (agentWorkflow: the
// same system message, the same tool nodes for every live action, plus the draft being built), run
// in-process by n8n-core's WorkflowExecute as a manual run, with n8n's AI Agent replaced by the
// preview's tool loop (agent-node.ts) and the Chat Model / Fin Agent Reply nodes left out. The Fin
// Trigger emits the chosen test customer (the canvas's test values): in a manual run they count as
// the verified customer, exactly as in a canvas test, and the tools read them from there.
import type { IConnections, IDataObject, INode, INodeType } from 'n8n-workflow';
import { nodeNameToToolName } from 'n8n-workflow';

import {
	loadPackageNodes,
	PACKAGE_NAME,
	runWorkflow,
	type WorkflowJson,
} from '../../../../engine/index';
import { redactSecrets } from '../../../../nodes/public';
import type {
	AgentPreviewBody,
	AgentPreviewReply,
	PreviewToolCall,
	RecordedRequestInfo,
} from '../../../shared/api';
import type { CredentialStore } from '../../credentials';
import { HttpError, isObject, type JsonObject } from '../../http';
import { actionState, ActionFiles, type StorePaths } from '../../store';
import { triggerItem } from '../../test-runner';
import { collectCredentials, keepRefreshedTokens } from '../../test-run/credentials';
import { requestsByNode } from '../../test-run/reports';
import { agentModelKey, readAgentSettings } from '../settings';
import { AGENT_NAMES, agentWorkflow, TYPES, type AgentAction, type N8nWorkflow } from '../workflow';
import { previewAgentType, PREVIEW_AGENT_TYPE, type AgentTrace, type n8nStep } from './agent-node';
import { noModelError, type ModelConfig } from './chat-model';
import { modelTools, toolVariant } from './model-tools';

/** The live actions, as the agent deploys them; the one the draft edits is replaced by the draft. */
function liveActions(paths: StorePaths, editedId: string | undefined): AgentAction[] {
	const files = new ActionFiles(paths);
	return files
		.list()
		.filter((summary) => summary.state === 'live' && summary.id !== editedId)
		.map((summary) => files.get(summary.id))
		.filter((action) => actionState(action) === 'live')
		.map((action) => ({ name: action.name, workflow: action.workflow as unknown as N8nWorkflow }));
}

function modelOf(paths: StorePaths): ModelConfig {
	const settings = readAgentSettings(paths);
	if (!settings.model?.baseUrl || !settings.model.model) throw noModelError('model');
	const apiKey = agentModelKey(paths);
	if (!apiKey) throw noModelError('modelKey');
	return { ...settings.model, apiKey };
}

/** The draft's Fin Trigger "Test Values" (the base of the test customer, as in a canvas test). */
function draftTriggerTestValues(workflow: N8nWorkflow): IDataObject {
	const trigger = workflow.nodes.find((node) => node.type === TYPES.trigger && !node.disabled);
	const values = trigger?.parameters?.testValues;
	return (isObject(values) ? values : {}) as IDataObject;
}

/** The agent workflow with the preview's agent in place of n8n's AI Agent, and no Chat Model node. */
function previewWorkflow(agent: N8nWorkflow): { workflow: WorkflowJson; tools: INode[] } {
	const dropped = new Set<string>([AGENT_NAMES.chatModel]);
	const nodes = agent.nodes
		.filter((node) => !dropped.has(node.name))
		.map((node) =>
			node.name === AGENT_NAMES.agent
				? { ...node, type: `${PACKAGE_NAME}.${PREVIEW_AGENT_TYPE}`, typeVersion: 1 }
				: node,
		) as unknown as INode[];
	const connections: JsonObject = {};
	for (const [from, outputs] of Object.entries(agent.connections)) {
		if (dropped.has(from) || !isObject(outputs)) continue;
		const kept: JsonObject = {};
		for (const [type, lists] of Object.entries(outputs)) {
			kept[type] = (lists as Array<Array<{ node: string }>>).map((list) =>
				list.filter((target) => !dropped.has(target.node)),
			);
		}
		connections[from] = kept;
	}
	return {
		workflow: {
			name: 'Fin agent (preview)',
			nodes,
			connections: connections as IConnections,
			// executionOrder v1 as the agent workflow: n8n-core then runs the tools before it resumes the agent.
			settings: agent.settings as IDataObject | undefined,
		},
		tools: nodes.filter((node) => node.type === TYPES.apiActionTool),
	};
}

/** The request and the API's status, not its whole body: the preview shows only what was picked. */
function withoutResponseBody(request: RecordedRequestInfo): RecordedRequestInfo {
	if (!request.response) return request;
	const { body: _body, ...response } = request.response;
	return { ...request, response };
}

type N8nStep = ReturnType<typeof n8nStep>;

/**
 * The requests of one call. The run records requests per node; when a node was called several times
 * and sent one request per call, the n-th request is the n-th call's (n8n-core runs the calls in
 * order); otherwise each call lists all of its node's requests.
 */
function requestsOfCall<T>(steps: Array<{ node: string }>, index: number, ofNode: T[]): T[] {
	const sameNode = steps.filter((step) => step.node === steps[index].node);
	if (sameNode.length === 1 || ofNode.length !== sameNode.length) return ofNode;
	return [ofNode[sameNode.indexOf(steps[index])]];
}

/** n8n's tool observation back as the answer or the error it carried. */
function outcomeOf(observation: string): Pick<PreviewToolCall, 'outcome' | 'answer' | 'error'> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(observation);
	} catch {
		parsed = observation;
	}
	const first = Array.isArray(parsed) ? parsed[0] : parsed;
	if (isObject(first) && typeof first.error === 'string') {
		return {
			outcome: first.errorType === 'NotAvailable' ? 'not available' : 'failed',
			error: first.error,
		};
	}
	if (isObject(first) && 'answer' in first) return { outcome: 'succeeded', answer: first.answer };
	return {
		outcome: 'failed',
		error: `The tool answered nothing the model could use: ${observation}`,
	};
}

/**
 * The engine holds one credential per type for a run: two actions with different credentials of one
 * type cannot be previewed together (the live agent in n8n gives each tool its own). Said up front,
 * naming both actions.
 */
function checkOneCredentialPerType(toolNodes: INode[]) {
	const seen = new Map<string, { action: string; key: string }>();
	for (const node of toolNodes) {
		for (const [type, reference] of Object.entries(node.credentials ?? {})) {
			const key = String(reference?.id || reference?.name);
			const first = seen.get(type);
			if (first && first.key !== key)
				throw new HttpError(
					400,
					`The actions "${first.action}" and "${node.name}" use different ${type} credentials; the preview can run one ${type} credential per chat`,
					"The live agent in n8n uses each action's own credential. To preview here, let those actions share one credential, or set one of them back to draft while you preview.",
				);
			if (!first) seen.set(type, { action: node.name, key });
		}
	}
}

function apiActionType(): INodeType {
	const type = loadPackageNodes().find(
		(node) => (node as INodeType).description.name === 'apiAction',
	) as INodeType | undefined;
	if (!type) throw new HttpError(500, 'The API Action node cannot be loaded', 'Run npm install.');
	return type;
}

/** The live agent's workflow with the draft as one more tool, and its tools as the model sees them. */
function previewAgent(body: AgentPreviewBody, paths: StorePaths) {
	const draft = { name: body.draft.name, workflow: body.draft.workflow as unknown as N8nWorkflow };
	const agent = agentWorkflow({
		actions: liveActions(paths, body.actionId),
		draft,
		settings: readAgentSettings(paths),
		webhookId: 'preview',
	});
	const { workflow, tools: toolNodes } = previewWorkflow(agent);
	const toolType = toolVariant(apiActionType());
	const tools = modelTools(toolNodes, toolType);
	const nodeOfTool = new Map(toolNodes.map((node) => [nodeNameToToolName(node), node.name]));
	return { draft, workflow, toolNodes, toolType, tools, nodeOfTool };
}

/** The model's calls of tools nobody offers. */
function unknownToolsOf(trace: AgentTrace, nodeOfTool: Map<string, string>): string[] {
	return trace.modelCalls.flatMap((turn) =>
		turn.toolCalls.filter((call) => !nodeOfTool.has(call.name)).map((call) => call.name),
	);
}

/** A run that did not finish, said in plain words (the model's or an action's fault). */
function checkFinished(
	failure: { message: string } | undefined,
	unknownTools: string[],
	secrets: string[],
) {
	if (failure && unknownTools.length) {
		// n8n's agent drops a call to a tool it does not offer and asks the model again, until its
		// 10 model calls are used up: the live agent would fail the same way.
		throw new HttpError(
			502,
			`The model kept calling a tool no action offers (${[...new Set(unknownTools)].join(', ')}); the agent stopped: ${failure.message}`,
			'Check the model: it should call only the tools it is given. The live agent would fail the same way.',
			{ missing: 'modelAnswer', unknownTools: [...new Set(unknownTools)] },
		);
	}
	if (failure) {
		throw new HttpError(
			400,
			redactSecrets(`The preview could not finish: ${failure.message}`, secrets),
			'Check the action named in the message (its settings and credentials), then send again.',
		);
	}
}

/** Each tool call of the turn: the action, the model's input, its outcome and the requests it sent. */
function callsOf(
	output: IDataObject,
	nodeOfTool: Map<string, string>,
	shown: Map<string, RecordedRequestInfo[]>,
): PreviewToolCall[] {
	const steps = ((output.intermediateSteps ?? []) as unknown as N8nStep[]).map((step) => ({
		node: nodeOfTool.get(step.action.tool) ?? step.action.tool,
		tool: step.action.tool,
		input: step.action.toolInput,
		observation: step.observation,
	}));
	return steps.map((step, index) => ({
		action: step.node,
		tool: step.tool,
		input: step.input,
		...outcomeOf(step.observation),
		requests: requestsOfCall(steps, index, shown.get(step.node) ?? []).map(withoutResponseBody),
	}));
}

export async function runPreview(
	body: AgentPreviewBody,
	paths: StorePaths,
	store: CredentialStore,
): Promise<AgentPreviewReply> {
	const model = modelOf(paths);
	const { draft, workflow, toolNodes, toolType, tools, nodeOfTool } = previewAgent(body, paths);
	const trace: AgentTrace = { modelCalls: [] };
	const warnings: string[] = [];
	checkOneCredentialPerType(toolNodes);
	const credentials = collectCredentials(toolNodes, store, warnings);
	const secrets = [...credentials.secrets, model.apiKey];
	const item = triggerItem(
		{ ...(body.testValues ?? {}), message: body.message } as JsonObject,
		draftTriggerTestValues(draft.workflow),
	);

	const result = await runWorkflow(workflow, {
		credentials: credentials.data,
		input: [item],
		startNode: AGENT_NAMES.trigger,
		mode: 'manual',
		extraNodes: [toolType, previewAgentType(model, tools, nodeOfTool, trace)],
	});
	keepRefreshedTokens(credentials, result.credentials, store);
	if (trace.error instanceof HttpError) throw trace.error;
	const unknownTools = unknownToolsOf(trace, nodeOfTool);
	checkFinished(
		result.errors[AGENT_NAMES.agent] ?? Object.values(result.errors)[0],
		unknownTools,
		secrets,
	);

	const output = result.outputs[AGENT_NAMES.agent]?.[0]?.[0]?.json ?? {};
	// Fin Agent Reply, the node the live agent answers with: which actions this customer may use
	// and which the reply used.
	const replied = result.outputs[AGENT_NAMES.reply]?.[0]?.[0]?.json?.actions as
		{ available?: string[]; usedInReply?: string[] } | undefined;
	const shown = requestsByNode(result.requests, credentials.data, secrets).shown;
	const calls = callsOf(output, nodeOfTool, shown);
	return redactSecrets(
		{
			reply: String(output.output ?? ''),
			chosen: [...new Set(calls.map((call) => call.action))],
			calls,
			unknownTools,
			available: replied?.available ?? [],
			usedInReply: replied?.usedInReply ?? [],
			tools: tools.map((tool) => ({
				action: nodeOfTool.get(tool.function.name) ?? tool.function.name,
				tool: tool.function.name,
				description: tool.function.description,
			})),
			warnings,
		},
		secrets,
	);
}
