// What the chat gets beside the agent's words: the actions this customer may use, those the model
// called with their outcome, and those whose answer the reply uses. Read from n8n's AI Agent output
// (`output` and `intermediateSteps`, the agent's "Return Intermediate Steps" option); pure, so the
// canvas's preview chat and the node answer the same way.
import type { IDataObject } from 'n8n-workflow';

export type CallOutcome = 'succeeded' | 'failed' | 'not available';

/** One tool of the agent: the node's name is the action's name; `tool` is what the model sees. */
export interface AgentTool {
	action: string;
	tool: string;
}

export interface CalledAction extends IDataObject {
	action: string;
	tool: string;
	input: IDataObject;
	outcome: CallOutcome;
	error?: string;
}

export interface ReplyFields extends IDataObject {
	reply: string;
	actions: { available: string[]; called: CalledAction[]; usedInReply: string[] };
}

interface Step {
	action?: { tool?: unknown; toolInput?: unknown };
	observation?: unknown;
}

/** The tool's answer to the model: JSON items (`answer`, or `error` with `errorType`), or n8n's error text. */
function readObservation(observation: unknown): {
	outcome: CallOutcome;
	error?: string;
	answers: unknown[];
} {
	let parsed: unknown = observation;
	if (typeof observation === 'string') {
		try {
			parsed = JSON.parse(observation);
		} catch {
			return { outcome: 'failed', error: observation, answers: [] };
		}
	}
	const items = (Array.isArray(parsed) ? parsed : [parsed]) as IDataObject[];
	const refused = items.find((item) => item && typeof item === 'object' && 'error' in item);
	if (refused) {
		const error = String(refused.error);
		return {
			outcome: refused.errorType === 'NotAvailable' ? 'not available' : 'failed',
			error,
			answers: [],
		};
	}
	return { outcome: 'succeeded', answers: items.map((item) => item?.answer ?? item) };
}

/** Text and number leaves of an answer, 2+ characters: what "used in the reply" looks for. */
function answeredValues(value: unknown, into: string[] = []): string[] {
	if (typeof value === 'string' || typeof value === 'number') {
		const text = String(value).trim();
		if (text.length >= 2) into.push(text.toLowerCase());
	} else if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) answeredValues(inner, into);
	}
	return into;
}

export class MissingStepsError extends Error {
	constructor() {
		super(
			'The AI Agent output has no intermediate steps, so the actions it called cannot be told. Turn on "Return Intermediate Steps" in the AI Agent\'s options.',
		);
		this.name = 'MissingStepsError';
	}
}

/**
 * `available`: the tools whose audience admits this customer (decided by the caller, with the
 * verified identity). A call's action is the tool node whose tool name the model used.
 */
export function replyFields(
	agentOutput: IDataObject,
	tools: AgentTool[],
	available: AgentTool[],
): ReplyFields {
	if (typeof agentOutput.output !== 'string')
		throw new Error(
			'The input has no "output" text: connect Fin Agent Reply after n8n\'s AI Agent node.',
		);
	if (!Array.isArray(agentOutput.intermediateSteps)) throw new MissingStepsError();
	const reply = agentOutput.output;
	const lowerReply = reply.toLowerCase();
	const called: CalledAction[] = [];
	const used = new Set<string>();
	for (const step of agentOutput.intermediateSteps as Step[]) {
		const toolName = String(step.action?.tool ?? '');
		const action = tools.find((tool) => tool.tool === toolName)?.action ?? toolName;
		const input = step.action?.toolInput;
		const { outcome, error, answers } = readObservation(step.observation);
		called.push({
			action,
			tool: toolName,
			input: input && typeof input === 'object' ? (input as IDataObject) : {},
			outcome,
			...(error !== undefined ? { error } : {}),
		});
		if (outcome === 'succeeded' && answeredValues(answers).some((v) => lowerReply.includes(v)))
			used.add(action);
	}
	return {
		reply,
		actions: {
			available: available.map((tool) => tool.action).sort(),
			called,
			usedInReply: [...used],
		},
	};
}
