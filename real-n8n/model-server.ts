// A scripted OpenAI-compatible chat-completions server on 127.0.0.1: the only double in the AI
// Agent tests. n8n's real OpenAI Chat Model node calls it like the OpenAI API; each chat's first
// user message names a scenario, whose script decides the model's turn from the messages so far.
// Every request is recorded, so a test can read the tool list and the tool results n8n sent.
import { startLoopbackServer, type LoopbackServer, type ReceivedRequest } from '../engine/testing';

export interface ChatMessage {
	role: string;
	content?: string | null;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ToolCall {
	name: string;
	args: Record<string, unknown>;
}

/** A model turn: call tools, or answer with text. */
export type Turn = { tools: ToolCall[] } | { text: string };

/** A tool as the model is offered it (OpenAI's `tools[].function`). */
export interface OfferedTool {
	name: string;
	description?: string;
	parameters?: unknown;
}

/** Decides the next turn from the conversation so far and the tools offered. */
export type Script = (messages: ChatMessage[], tools: OfferedTool[]) => Turn;

export interface ModelServer {
	url: string;
	server: LoopbackServer;
	/** The chat-completions requests of one scenario, in order. */
	requestsOf(scenario: string): ReceivedRequest[];
	close(): Promise<void>;
}

const SCENARIO = /SCENARIO:([\w-]+)/;

export function scenarioOf(messages: ChatMessage[]): string | undefined {
	for (const message of messages) {
		const match = typeof message.content === 'string' ? SCENARIO.exec(message.content) : null;
		if (match) return match[1];
	}
	return undefined;
}

/** The tool results n8n handed the model, parsed where they are JSON. */
export function toolResults(messages: ChatMessage[]): unknown[] {
	return messages
		.filter((message) => message.role === 'tool')
		.map((message) => {
			try {
				return JSON.parse(String(message.content));
			} catch {
				return message.content;
			}
		});
}

function completion(turn: Turn, callIndex: number) {
	const base = { id: `chatcmpl-${callIndex}`, object: 'chat.completion', created: 1764400000 };
	const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
	if ('text' in turn) {
		return {
			...base,
			model: 'scripted-model',
			choices: [
				{
					index: 0,
					message: { role: 'assistant', content: turn.text },
					finish_reason: 'stop',
				},
			],
			usage,
		};
	}
	return {
		...base,
		model: 'scripted-model',
		choices: [
			{
				index: 0,
				message: {
					role: 'assistant',
					content: null,
					tool_calls: turn.tools.map((tool, index) => ({
						id: `call_${callIndex}_${index}`,
						type: 'function',
						function: { name: tool.name, arguments: JSON.stringify(tool.args) },
					})),
				},
				finish_reason: 'tool_calls',
			},
		],
		usage,
	};
}

export async function startModelServer(scripts: Record<string, Script>): Promise<ModelServer> {
	let calls = 0;
	const server = await startLoopbackServer({
		'POST /v1/chat/completions': (request) => {
			const body = request.json as {
				messages?: ChatMessage[];
				tools?: Array<{ function: OfferedTool }>;
			};
			const messages = (body?.messages ?? []) as ChatMessage[];
			const tools = (body?.tools ?? []).map((tool) => tool.function);
			const scenario = scenarioOf(messages);
			const script = scenario ? scripts[scenario] : undefined;
			if (!script)
				return { status: 400, body: { error: { message: `no script for "${scenario}"` } } };
			return { body: completion(script(messages, tools), ++calls) };
		},
	});
	return {
		url: server.url,
		server,
		requestsOf: (scenario) =>
			server.requests.filter(
				(request) =>
					scenarioOf(
						((request.json as { messages?: ChatMessage[] })?.messages ?? []) as ChatMessage[],
					) === scenario,
			),
		close: () => server.close(),
	};
}
