// The workspace agent as one n8n workflow, built from the live actions' graphs (pure: no I/O):
// Fin Trigger (verified identity) -> n8n's AI Agent (the admin's chat model, every live action as an
// API Action tool whose audience is enforced at call time) -> Fin Agent Reply. The preview builds the
// same tools through agentToolNodes, so it chooses among what production offers.
import { nodeNameToToolName } from 'n8n-workflow';

import { answerShapeOf } from '../../../nodes/public';
import { HttpError, isObject, type JsonObject } from '../http';
import type { AgentSettings } from './settings';

const PKG = 'n8n-nodes-fin-actions';
export const TYPES = {
	trigger: `${PKG}.finTrigger`,
	audience: `${PKG}.audienceFilter`,
	apiAction: `${PKG}.apiAction`,
	apiActionTool: `${PKG}.apiActionTool`,
	picker: `${PKG}.responseFieldPicker`,
	reply: `${PKG}.finAgentReply`,
	agent: '@n8n/n8n-nodes-langchain.agent',
	chatModel: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
};

export const AGENT_NAMES = {
	workflow: 'Fin agent',
	trigger: 'Fin Trigger',
	agent: 'AI Agent',
	chatModel: 'Chat Model',
	reply: 'Fin Agent Reply',
};

export interface N8nNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: JsonObject;
	credentials?: Record<string, unknown>;
	webhookId?: string;
	disabled?: boolean;
	[key: string]: unknown;
}

export interface N8nWorkflow {
	name?: string;
	nodes: N8nNode[];
	connections: JsonObject;
	settings?: JsonObject;
	[key: string]: unknown;
}

export interface AgentAction {
	name: string;
	workflow: N8nWorkflow;
}

/** Rules the admin's instructions cannot take away; the tools enforce them too, this keeps the model honest. */
export const FIXED_RULES = [
	"You answer the customer in this chat, who is verified. Use the tools only for this customer: they look up this customer's own data.",
	"Never ask for, accept or use another customer's details (their email, id, order or account), even if the customer gives them.",
	'If a tool answers that it is not available to this customer, do not offer that action or its data; answer without it.',
	'If a tool answers with another error, say what is missing in plain words; never invent data.',
].join('\n');

/** The AI Agent's system message: the fixed rules, then the admin's instructions. */
export function systemMessage(instructions: string): string {
	const own = instructions.trim();
	return own ? `${FIXED_RULES}\n\nInstructions from the admin:\n${own}` : FIXED_RULES;
}

/** The Audience Filter parameters the tool's `audience` takes (caseSensitive flat, see the spec). */
const AUDIENCE_KEYS = [
	'status',
	'testAccounts',
	'combinator',
	'ruleGroups',
	'rolloutPercentage',
	'bucketAttribute',
	'actionName',
];

/** Fin Trigger parameters that decide whose identity is verified and how: must agree across actions. */
const TRUST_KEYS = [
	'jwtAudience',
	'jwtClaimMapping',
	'jwtLeewaySeconds',
	'jwtIssuer',
	'jwtMaxAgeSeconds',
	'jwtMaxLifetimeSeconds',
	'jwtRedactedClaims',
];

/** n8n's tool name for a node (n8n-workflow's own rule: runs of other characters become `_`). */
export const toolNameOf = (name: string) => nodeNameToToolName(name);

const refused = (message: string, hint: string) => new HttpError(400, message, hint);

const enabled = (workflow: N8nWorkflow) =>
	(Array.isArray(workflow.nodes) ? workflow.nodes : []).filter(
		(node) => isObject(node) && node.disabled !== true,
	);

const ofType = (workflow: N8nWorkflow, ...types: string[]) =>
	enabled(workflow).filter((node) => types.includes(node.type));

/** One tool node per action (same code path for the live agent and the preview). */
export function agentToolNodes(actions: AgentAction[]): N8nNode[] {
	checkNames(actions);
	return actions.map((action, index) => toolNode(action, index));
}

function checkNames(actions: AgentAction[]) {
	const fixed = Object.values(AGENT_NAMES);
	const seen = new Map<string, string>();
	for (const { name } of actions) {
		if (!name.trim())
			throw refused('A live action has no name', 'Name every action on the home list.');
		if (fixed.includes(name))
			throw refused(
				`The action "${name}" has the name of one of the agent's own nodes`,
				`Rename the action (names ${fixed.map((n) => `"${n}"`).join(', ')} are taken by the agent).`,
			);
		const tool = toolNameOf(name);
		const other = seen.get(tool);
		if (other !== undefined)
			throw refused(
				other === name
					? `Two live actions are both named "${name}": the agent could not tell them apart`
					: `The actions "${other}" and "${name}" reach the model under the same tool name "${tool}"`,
				'Rename one of them on the home list, then set it live again.',
			);
		seen.set(tool, name);
	}
}

function toolNode({ name, workflow }: AgentAction, index: number): N8nNode {
	const apiActions = ofType(workflow, TYPES.apiAction, TYPES.apiActionTool);
	if (apiActions.length !== 1)
		throw refused(
			`The action "${name}" has ${apiActions.length} API Action nodes; the agent uses exactly one per action`,
			`Open "${name}" and keep one API Action (split the others into their own actions).`,
		);
	const api = apiActions[0];
	const filters = ofType(workflow, TYPES.audience);
	if (filters.length > 1)
		throw refused(
			`The action "${name}" has ${filters.length} Audience Filter nodes; the agent can enforce one per action`,
			`Open "${name}" and merge its audience rules into one Audience Filter.`,
		);
	const parameters: JsonObject = {
		...api.parameters,
		...pickedFields(name, workflow, api),
		audience: filters.length ? audienceOf(name, filters[0]) : {},
	};
	return {
		id: `fin-agent-tool-${String(api.id ?? index)}`,
		name,
		type: TYPES.apiActionTool,
		typeVersion: 1.1,
		position: [200 + index * 220, 320],
		parameters,
		...(isObject(api.credentials) ? { credentials: api.credentials } : {}),
	};
}

/**
 * What the tool answers the model: the fields the API Action picks, or, when it passes the full
 * response on to a Response Field Picker of "Selected Fields", that picker's fields (both read the
 * same parsed body when the keys match). Anything that would hand the model more is refused.
 */
function pickedFields(name: string, workflow: N8nWorkflow, api: N8nNode): JsonObject {
	const params = api.parameters ?? {};
	const selecting = ofType(workflow, TYPES.picker).filter(
		(picker) => (picker.parameters?.access ?? 'selected') === 'selected',
	);
	const apiPicks = (params.responseMode ?? 'picked') === 'picked';
	if (selecting.length > 1 || (apiPicks && selecting.length))
		throw refused(
			`The action "${name}" picks fields in more than one place (${[...(apiPicks ? [api.name] : []), ...selecting.map((p) => p.name)].join(', ')}); the agent's tool picks once`,
			`Open "${name}" and pick the fields in the API Action only (set the Response Field Picker to "Full Response" or remove it).`,
		);
	if (apiPicks) {
		requireFields(name, api.name, params.fields);
		return {
			responseMode: 'picked',
			answerShape: answerShapeOf(params.answerShape, api.typeVersion),
		};
	}
	if (!selecting.length)
		throw refused(
			`The action "${name}" answers the full response: the agent's model would read all of it`,
			`Open "${name}" and pick the fields the AI may see in the API Action ("Response: Picked Fields").`,
		);
	const picker = selecting[0];
	const apiKey = (isObject(params.options) && params.options.responseKey) || 'response';
	const pickerKey = picker.parameters?.responseKey || 'response';
	if (apiKey !== pickerKey)
		throw refused(
			`The action "${name}": the Response Field Picker "${picker.name}" reads "${String(pickerKey)}" but the API Action "${api.name}" puts the response under "${String(apiKey)}"`,
			`Open "${name}" and pick the fields in the API Action itself ("Response: Picked Fields").`,
		);
	requireFields(name, picker.name, picker.parameters?.fields);
	return {
		responseMode: 'picked',
		fields: picker.parameters.fields,
		answerShape: answerShapeOf(picker.parameters.answerShape, picker.typeVersion),
	};
}

function requireFields(name: string, node: string, fields: unknown) {
	const list = isObject(fields) && Array.isArray(fields.field) ? fields.field : [];
	if (!list.length)
		throw refused(
			`The action "${name}" picks no fields in "${node}": the agent's tool would answer nothing`,
			`Open "${name}" and pick the fields the AI may see.`,
		);
}

/** The Audience Filter's parameters as the tool's `audience` (options.caseSensitive goes flat). */
function audienceOf(name: string, filter: N8nNode): JsonObject {
	const params = filter.parameters ?? {};
	const kinds = params.audienceKinds;
	if (Array.isArray(kinds) && kinds.length && !kinds.includes('user'))
		throw refused(
			`The action "${name}" is only for ${kinds.join(' and ')}s, but the agent answers verified customers only`,
			`Open "${name}" and add "Verified Users" to the Audience Filter's kinds, or keep the action as a draft.`,
		);
	const audience: JsonObject = {};
	for (const key of AUDIENCE_KEYS) if (params[key] !== undefined) audience[key] = params[key];
	if (isObject(params.options) && params.options.caseSensitive !== undefined)
		audience.caseSensitive = params.options.caseSensitive;
	// The rollout sample as the action's own workflow draws it: the filter names it, else its node id.
	const rolloutName = typeof params.actionName === 'string' ? params.actionName.trim() : '';
	if (!rolloutName && typeof filter.id === 'string' && filter.id) audience.actionName = filter.id;
	return audience;
}

/** The agent's Fin Trigger: verified identity always; the live actions' protected attributes and trust settings. */
function triggerNode(actions: AgentAction[], webhookId: string): N8nNode {
	const protectedAttributes = new Set<string>();
	const trust: JsonObject = {};
	const trustFrom = new Map<string, string>();
	let messenger: { action: string; credential: unknown } | undefined;
	for (const action of actions) {
		for (const trigger of ofType(action.workflow, TYPES.trigger)) {
			const params = trigger.parameters ?? {};
			String(params.protectedAttributes ?? '')
				.split(',')
				.map((attribute) => attribute.trim())
				.filter(Boolean)
				.forEach((attribute) => protectedAttributes.add(attribute));
			for (const key of TRUST_KEYS) {
				if (params[key] === undefined) continue;
				const earlier = trustFrom.get(key);
				if (earlier !== undefined && JSON.stringify(trust[key]) !== JSON.stringify(params[key]))
					throw refused(
						`The actions "${earlier}" and "${action.name}" verify customers differently (Fin Trigger "${key}"); one agent verifies them one way`,
						`Open one of them and set its Fin Trigger's "${key}" like the other's.`,
					);
				trust[key] = params[key];
				trustFrom.set(key, action.name);
			}
			const credential = isObject(trigger.credentials)
				? trigger.credentials.finMessengerApi
				: undefined;
			if (credential === undefined) continue;
			if (messenger && !sameCredential(messenger.credential, credential))
				throw refused(
					`The actions "${messenger.action}" and "${action.name}" use different Fin Messenger credentials; one agent answers one Messenger`,
					`Open one of them and choose the other's Fin Messenger credential on its Fin Trigger.`,
				);
			messenger ??= { action: action.name, credential };
		}
	}
	return {
		id: 'fin-agent-trigger',
		name: AGENT_NAMES.trigger,
		type: TYPES.trigger,
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: {
			source: 'messenger',
			requireIdentityVerification: true,
			...(protectedAttributes.size
				? { protectedAttributes: [...protectedAttributes].join(', ') }
				: {}),
			...trust,
			responseMode: 'lastNode',
			options: {},
		},
		...(messenger ? { credentials: { finMessengerApi: messenger.credential } } : {}),
	};
}

/** A credential reference as one comparable key: its id when it has one, else its name. */
/**
 * Same credential: the same n8n id when both have one; else the same name (a graph the canvas keeps
 * names its credential without an id, while one read back from n8n has both).
 */
function sameCredential(a: unknown, b: unknown): boolean {
	const id = (reference: unknown) =>
		isObject(reference) && typeof reference.id === 'string' && reference.id ? reference.id : '';
	const name = (reference: unknown) =>
		isObject(reference) ? String(reference.name) : String(reference);
	return id(a) && id(b) ? id(a) === id(b) : name(a) === name(b);
}

/**
 * The whole agent workflow. `draft` (the preview only) is one more tool; when it has a live action's
 * name it stands in for that action, as the version being built.
 */
export function agentWorkflow(input: {
	actions: AgentAction[];
	draft?: AgentAction;
	settings: AgentSettings;
	webhookId: string;
}): N8nWorkflow {
	const { settings, webhookId, draft } = input;
	const actions = draft
		? [...input.actions.filter((action) => action.name !== draft.name), draft]
		: input.actions;
	const tools = agentToolNodes(actions);
	const trigger = triggerNode(actions, webhookId);
	const agent: N8nNode = {
		id: 'fin-agent-ai-agent',
		name: AGENT_NAMES.agent,
		type: TYPES.agent,
		typeVersion: 3.1,
		position: [240, 0],
		parameters: {
			promptType: 'define',
			text: '={{ $json.message.text }}',
			options: {
				systemMessage: systemMessage(settings.instructions),
				returnIntermediateSteps: true,
			},
		},
	};
	const chatModel: N8nNode = {
		id: 'fin-agent-chat-model',
		name: AGENT_NAMES.chatModel,
		type: TYPES.chatModel,
		typeVersion: 1.3,
		position: [0, 320],
		parameters: {
			model: { __rl: true, mode: 'id', value: settings.model?.model ?? '' },
			responsesApiEnabled: false,
			options: {},
		},
	};
	const reply: N8nNode = {
		id: 'fin-agent-reply',
		name: AGENT_NAMES.reply,
		type: TYPES.reply,
		typeVersion: 1,
		position: [560, 0],
		parameters: {},
	};
	const link = (node: string, type: string) => ({ [type]: [[{ node, type, index: 0 }]] });
	const connections: JsonObject = {
		[trigger.name]: link(agent.name, 'main'),
		[agent.name]: link(reply.name, 'main'),
		[chatModel.name]: link(agent.name, 'ai_languageModel'),
	};
	for (const tool of tools) connections[tool.name] = link(agent.name, 'ai_tool');
	return {
		name: AGENT_NAMES.workflow,
		nodes: [trigger, agent, chatModel, ...tools, reply],
		connections,
		settings: { executionOrder: 'v1' },
	};
}
