// One conversation of the workspace agent, read from one n8n execution of its workflow (public API,
// GET /executions?includeData=true, as n8n 2.40.7 stores it): when, who (the identifiers the Fin
// Trigger verified), the message and the reply, and per action whether it was available to this
// customer, called with which inputs, succeeded, failed (the failing node and what to do) or was not
// available, and used in the reply. Sources, by how much they can be trusted to say what happened:
// - each tool call is one run of its tool node (runData[tool]: `inputOverride.ai_tool` holds the
//   model's arguments, `data.ai_tool` the tool's answer, `error` a thrown failure);
// - the Fin Agent Reply node's output (`actions.available / called / usedInReply`);
// - the AI Agent's own output (`intermediateSteps`), when the reply node did not run.
// What cannot be read (the reply node did not run, no trigger data) is said in `unknown`. Pure:
// tested on recorded executions (test/server/agent-events.test.ts).
import { redactSecrets } from '../../../nodes/public';
import type { ConversationCall, ConversationEvent } from '../../shared/api';
import { hintFor } from '../run-log';
import { toolNameOf } from './workflow';

const PACKAGE = 'n8n-nodes-fin-actions';
const TRIGGER = `${PACKAGE}.finTrigger`;
const TOOL = `${PACKAGE}.apiActionTool`;
const REPLY = `${PACKAGE}.finAgentReply`;
const AGENT = '@n8n/n8n-nodes-langchain.agent';

export interface EventContext {
	/** The n8n the agent runs in (normalized base URL) and its workflow id: for the link. */
	baseUrl: string;
	workflowId: string;
	/** Secrets to scrub from what is shown (the canvas's credentials, the n8n API key). */
	secrets: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

interface Task {
	startTime?: number;
	executionIndex?: number;
	executionStatus?: string;
	error?: Json;
	inputOverride?: Record<string, unknown>;
	data?: Record<string, unknown>;
}

export function conversationEvent(execution: Json, context: EventContext): ConversationEvent {
	const run = readExecution(execution);
	const id = String(execution.id);
	const unknown: string[] = [];
	const trigger = run.firstJson(run.trigger, 'main');
	if (!trigger)
		unknown.push(
			"Who the customer was and their message: the Fin Trigger's output is not in this execution.",
		);
	const reply = readReply(run, unknown);
	const agentOutput = run.firstJson(run.agent, 'main');
	const event: ConversationEvent = {
		id,
		startedAt: String(execution.startedAt ?? execution.createdAt ?? ''),
		...(typeof execution.stoppedAt === 'string' ? { stoppedAt: execution.stoppedAt } : {}),
		status: String(execution.status ?? 'unknown'),
		...conversationOf(trigger),
		...(reply?.reply !== undefined
			? { reply: reply.reply }
			: typeof agentOutput?.output === 'string'
				? { reply: agentOutput.output }
				: {}),
		actions: run.tools,
		...(reply?.available ? { available: reply.available } : {}),
		calls: callsOf(run, reply?.called, agentOutput, unknown),
		...(reply?.usedInReply ? { usedInReply: reply.usedInReply } : {}),
		unknown,
		url: `${context.baseUrl}/workflow/${encodeURIComponent(context.workflowId)}/executions/${encodeURIComponent(id)}`,
	};
	const error = executionError(run);
	if (error) event.error = error;
	if (event.status === 'running' || event.status === 'waiting' || event.status === 'new')
		unknown.push(`The outcome: n8n still reports this execution as ${event.status}.`);
	return redactSecrets(event, context.secrets);
}

/** Whether an event concerns this customer (user id or email, any case) and this action (called). */
export function eventMatches(
	event: ConversationEvent,
	filter: { customer?: string; action?: string },
): boolean {
	const customer = filter.customer?.trim().toLowerCase();
	if (
		customer &&
		![event.customer.userId, event.customer.email].some((id) =>
			id?.toLowerCase().includes(customer),
		)
	)
		return false;
	const action = filter.action?.trim();
	return !action || event.calls.some((call) => call.action === action);
}

/** The execution's nodes by role, and readers for their runs. */
interface Execution {
	resultData: Json;
	runData: Record<string, Task[]>;
	typeOf: Map<string, string>;
	trigger?: string;
	agent?: string;
	/** The Fin Agent Reply node, when the workflow has one. */
	reply?: string;
	/** The agent's tool nodes (enabled), by node name. */
	tools: string[];
	firstJson(name: string | undefined, output: string): Json | undefined;
}

function readExecution(execution: Json): Execution {
	const data = isObject(execution.data) ? execution.data : {};
	const resultData = isObject(data.resultData) ? data.resultData : {};
	const runData = (isObject(resultData.runData) ? resultData.runData : {}) as Record<
		string,
		Task[]
	>;
	const workflow = isObject(execution.workflowData) ? execution.workflowData : {};
	const nodes = (Array.isArray(workflow.nodes) ? workflow.nodes : []).filter(
		(node): node is Json =>
			isObject(node) && typeof node.name === 'string' && typeof node.type === 'string',
	);
	const typeOf = new Map(nodes.map((node) => [node.name as string, node.type as string]));
	const named = (type: string) =>
		nodes
			.filter((node) => node.type === type && node.disabled !== true)
			.map((node) => String(node.name));
	const lastTask = (name: string): Task | undefined => {
		const tasks = runData[name];
		return Array.isArray(tasks) ? tasks[tasks.length - 1] : undefined;
	};
	return {
		resultData,
		runData,
		typeOf,
		trigger: named(TRIGGER)[0],
		agent: named(AGENT)[0],
		reply: named(REPLY)[0],
		tools: named(TOOL),
		firstJson: (name, output) => {
			if (!name) return undefined;
			const outputs = lastTask(name)?.data?.[output];
			const json = Array.isArray(outputs) ? outputs[0]?.[0]?.json : undefined;
			return isObject(json) ? json : undefined;
		},
	};
}

/** The conversation, the customer (signed identifiers only) and the message, from the trigger. */
function conversationOf(
	item: Json | undefined,
): Pick<ConversationEvent, 'conversationId' | 'customer' | 'message'> {
	const identity = isObject(item?.identity) ? item.identity : {};
	const signed = Array.isArray(identity.signed) ? identity.signed.map(String) : [];
	const isSigned = (path: string) =>
		signed.some((entry) => entry === path || path.startsWith(`${entry}.`));
	const user = isObject(item?.user) ? item.user : {};
	const userId = isSigned('user.user_id') ? text(user.user_id) : undefined;
	const email = isSigned('user.email') ? text(user.email) : undefined;
	const conversationId = isObject(item?.conversation) ? text(item.conversation.id) : undefined;
	const message = isObject(item?.message) ? text(item.message.text) : undefined;
	return {
		...(conversationId ? { conversationId } : {}),
		customer: {
			...(userId ? { userId } : {}),
			...(email ? { email } : {}),
			verified: identity.verified === true,
		},
		...(message !== undefined ? { message } : {}),
	};
}

interface ReplyCall {
	action: string;
	tool: string;
	input: Json;
	outcome: ConversationCall['outcome'];
	error?: string;
}

interface ReplyOutput {
	reply?: string;
	available?: string[];
	called?: ReplyCall[];
	usedInReply?: string[];
}

/** The Fin Agent Reply node's output; says in `unknown` why it is missing. */
function readReply(run: Execution, unknown: string[]): ReplyOutput | undefined {
	const missing = 'Which actions were available to this customer and which the reply used';
	if (!run.reply) {
		unknown.push(
			`${missing}: this workflow has no Fin Agent Reply node. Set an action live again from the canvas to update the agent.`,
		);
		return undefined;
	}
	const json = run.firstJson(run.reply, 'main');
	if (!json) {
		unknown.push(`${missing}: the execution stopped before "${run.reply}" ran.`);
		return undefined;
	}
	const actions = isObject(json.actions) ? json.actions : {};
	const names = (value: unknown) =>
		Array.isArray(value)
			? value.filter((name): name is string => typeof name === 'string')
			: undefined;
	const called = Array.isArray(actions.called)
		? actions.called.filter(isObject).map((call): ReplyCall => ({
				action: String(call.action ?? call.tool ?? ''),
				tool: String(call.tool ?? toolNameOf(String(call.action ?? ''))),
				input: isObject(call.input) ? call.input : {},
				outcome: OUTCOMES.has(call.outcome as string)
					? (call.outcome as ReplyCall['outcome'])
					: 'unknown',
				...(typeof call.error === 'string' ? { error: call.error } : {}),
			}))
		: undefined;
	return {
		...(typeof json.reply === 'string' ? { reply: json.reply } : {}),
		...(names(actions.available) ? { available: names(actions.available) } : {}),
		...(called ? { called } : {}),
		...(names(actions.usedInReply) ? { usedInReply: names(actions.usedInReply) } : {}),
	};
}

const OUTCOMES = new Set(['succeeded', 'failed', 'not available']);

/**
 * The tool calls, in the order they ran: each run of a tool node is one call. The reply node's
 * `called` (else the agent's intermediate steps) stands in when n8n kept no run of a tool node,
 * and a disagreement between the two is said in `unknown`.
 */
function callsOf(
	run: Execution,
	replyCalls: ReplyCall[] | undefined,
	agentOutput: Json | undefined,
	unknown: string[],
): ConversationCall[] {
	const runs = run.tools
		.flatMap((name) => (run.runData[name] ?? []).map((task) => ({ name, task })))
		.sort(
			(a, b) =>
				(a.task.startTime ?? 0) - (b.task.startTime ?? 0) ||
				(a.task.executionIndex ?? 0) - (b.task.executionIndex ?? 0),
		);
	const fromRuns = runs.map(({ name, task }) => callOfRun(name, task, run.typeOf.get(name)));
	const reported = replyCalls ?? stepsOf(agentOutput, run.tools);
	if (!fromRuns.length)
		return (reported ?? []).map((call) => ({
			action: call.action,
			tool: call.tool,
			input: call.input,
			outcome: call.outcome,
			...(call.outcome !== 'succeeded'
				? { error: answeredError(call.action, call.error ?? '', call.outcome) }
				: {}),
		}));
	if (reported && !sameCalls(fromRuns, reported))
		unknown.push(
			`Whether every call is listed: n8n recorded ${describe(fromRuns)}, the agent reported ${describe(reported)}. The runs recorded by n8n are shown.`,
		);
	return fromRuns;
}

const describe = (calls: Array<{ action: string; outcome: string }>) =>
	calls.length ? calls.map((call) => `"${call.action}" (${call.outcome})`).join(', ') : 'no call';

function sameCalls(
	a: Array<{ action: string; outcome: string }>,
	b: Array<{ action: string; outcome: string }>,
): boolean {
	const key = (calls: typeof a) =>
		calls
			.map((call) => `${call.action}\u0000${call.outcome}`)
			.sort()
			.join('\u0001');
	return key(a) === key(b);
}

/** The calls the AI Agent's intermediate steps report (its "Return Intermediate Steps" option). */
function stepsOf(agentOutput: Json | undefined, tools: string[]): ReplyCall[] | undefined {
	if (!Array.isArray(agentOutput?.intermediateSteps)) return undefined;
	return agentOutput.intermediateSteps.filter(isObject).map((step) => {
		const action = isObject(step.action) ? step.action : {};
		const tool = String(action.tool ?? '');
		const answer = parseObservation(step.observation);
		return {
			action: tools.find((name) => toolNameOf(name) === tool) ?? tool,
			tool,
			input: isObject(action.toolInput) ? action.toolInput : {},
			...answer,
		};
	});
}

function parseObservation(observation: unknown): Pick<ReplyCall, 'outcome' | 'error'> {
	let parsed: unknown = observation;
	try {
		if (typeof observation === 'string') parsed = JSON.parse(observation);
	} catch {
		return { outcome: 'failed', error: String(observation) };
	}
	const items = Array.isArray(parsed) ? parsed : [parsed];
	const refused = items.find((item) => isObject(item) && 'error' in item) as Json | undefined;
	if (!refused) return { outcome: 'succeeded' };
	return {
		outcome: refused.errorType === 'NotAvailable' ? 'not available' : 'failed',
		error: String(refused.error),
	};
}

/** One run of a tool node: the model's arguments and how it ended. */
function callOfRun(name: string, task: Task, type: string | undefined): ConversationCall {
	const inputItems = task.inputOverride?.ai_tool;
	const input = Array.isArray(inputItems) ? inputItems[0]?.[0]?.json : undefined;
	const base = { action: name, tool: toolNameOf(name), input: isObject(input) ? input : {} };
	if (isObject(task.error)) {
		const message = text(task.error.message) ?? 'Unknown error';
		const httpCode = Number(task.error.httpCode);
		return {
			...base,
			outcome: 'failed',
			error: {
				node: name,
				message,
				hint: hintFor(
					{
						node: name,
						message,
						...(Number.isInteger(httpCode) ? { httpCode } : {}),
					},
					type,
				),
			},
		};
	}
	const outputs = task.data?.ai_tool;
	const answer = Array.isArray(outputs) ? outputs[0]?.[0]?.json : undefined;
	if (!isObject(answer)) return { ...base, outcome: 'unknown' };
	if (typeof answer.error !== 'string') return { ...base, outcome: 'succeeded' };
	const outcome = answer.errorType === 'NotAvailable' ? 'not available' : 'failed';
	return {
		...base,
		outcome,
		error: answeredError(name, answer.error, outcome, text(answer.errorType)),
	};
}

/** A refusal the tool answered the model with (no request, or no usable input): what to do. */
function answeredError(
	node: string,
	message: string,
	outcome: ConversationCall['outcome'],
	errorType?: string,
): NonNullable<ConversationCall['error']> {
	const hint =
		outcome === 'not available'
			? `This customer is outside the audience of "${node}" (its rules, test accounts or rollout), so no request was made and the model was told so. If they should have it, change the action's audience on the canvas and set it live again.`
			: errorType === 'InputValueError'
				? `The model called "${node}" without a valid input and was told to ask the customer. If this repeats, describe the input more clearly in "${node}" (AI Inputs).`
				: errorType === 'ToolCallError'
					? `"${node}" could not tell whose data to read (no verified customer in this chat): check the Fin Trigger's identity verification.`
					: `Open this execution in n8n to see what "${node}" answered, fix it on the canvas, test, then set it live again.`;
	return { node, message, hint };
}

/** Why the execution itself failed (not a tool call: those are in `calls`), with what to do. */
function executionError(run: Execution): ConversationEvent['error'] {
	const failed = Object.entries(run.runData)
		.filter(([name]) => !run.tools.includes(name))
		.map(([name, tasks]) => ({ name, error: tasks[tasks.length - 1]?.error }))
		.filter((entry): entry is { name: string; error: Json } => isObject(entry.error));
	// The model's own failure comes first: the AI Agent only wraps it.
	const model = failed.find(({ name }) => isModel(run.typeOf.get(name)));
	const found = model ?? failed[0] ?? resultError(run.resultData);
	if (!found) return undefined;
	const { name, error } = found;
	const message = [text(error.message), text(error.description)]
		.filter((part, index, parts) => part && parts.indexOf(part) === index)
		.join(': ');
	return {
		...(name ? { node: name } : {}),
		message: message || 'Unknown error',
		hint: executionHint(name, run.typeOf.get(name ?? ''), error, message),
	};
}

function resultError(resultData: Json): { name?: string; error: Json } | undefined {
	const error = resultData.error;
	if (!isObject(error)) return undefined;
	const name = isObject(error.node) ? text(error.node.name) : undefined;
	return { ...(name ? { name } : {}), error };
}

const isModel = (type: string | undefined) =>
	!!type && /^@n8n\/n8n-nodes-langchain\.lmChat/.test(type);

const MODEL_SETTINGS = "the agent's model settings on the canvas (base URL, model, API key)";

function executionHint(
	name: string | undefined,
	type: string | undefined,
	error: Json,
	message: string,
): string {
	const node = name ? `"${name}"` : 'the node named';
	if (isModel(type) || type === AGENT) {
		const said = `${message} ${JSON.stringify(error.messages ?? '')} ${JSON.stringify(error.cause ?? '')}`;
		if (/\b401\b|Authorization failed|Incorrect API key|invalid_api_key/i.test(said))
			return `The model refused the API key: enter a valid key in ${MODEL_SETTINGS}, then set an action live again to update the agent in n8n.`;
		if (/\b404\b|model.*not (found|exist)/i.test(said))
			return `The model's address or name is wrong: check ${MODEL_SETTINGS}.`;
		if (/\b429\b|quota|rate limit/i.test(said))
			return "The model's provider limited the requests (rate limit or quota): check the account's plan and usage, then try again.";
		if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|timed? ?out/i.test(said))
			return `n8n could not reach the model: check the base URL in ${MODEL_SETTINGS} and that n8n's host can reach it.`;
		return `The model or the AI Agent failed in ${node}: open this execution in n8n for the details, and check ${MODEL_SETTINGS}.`;
	}
	if (type === REPLY)
		return `${node} failed after the AI Agent answered: open this execution in n8n; set an action live again to rebuild the agent.`;
	return hintFor({ ...(name ? { node: name } : {}), message }, type);
}
