// The preview's call to the admin's OpenAI-compatible chat model: the same endpoint n8n's OpenAI
// Chat Model node calls (`<base URL>/chat/completions`, chat-completions API, no streaming), the
// same model and the same default settings (the live agent sets no options). Each failure names
// what is missing and where to fix it.
import { HttpError } from '../../http';

/** One message as the chat-completions API takes it. */
export interface ModelMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	/** n8n sends an assistant message that only calls a tool with an empty list as content. */
	content: string | null | [];
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
	tool_call_id?: string;
}

/** A tool as n8n's agent offers it to the model. */
export interface ModelTool {
	type: 'function';
	function: { name: string; description: string; parameters: unknown; strict: boolean };
}

/** The model's turn: text, or tool calls with parsed arguments. */
export interface ModelTurn {
	text: string;
	toolCalls: Array<{ id: string; name: string; args: Record<string, unknown> }>;
}

export interface ModelConfig {
	baseUrl: string;
	model: string;
	apiKey: string;
}

const SETTINGS_HINT =
	'Open "AI agent settings" on the home screen and set the model\'s base URL, model and API key.';
const TIMEOUT_MS = 60_000;

function parseArguments(raw: unknown): Record<string, unknown> {
	if (typeof raw !== 'string' || raw.trim() === '') return {};
	try {
		const parsed = JSON.parse(raw) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, unknown>)
			: {};
	} catch {
		return {};
	}
}

function modelError(status: number, text: string, config: ModelConfig): HttpError {
	if (status === 401 || status === 403) {
		return new HttpError(
			502,
			`The model refused the API key (HTTP ${status} from ${config.baseUrl}).`,
			`Enter a valid key for ${config.baseUrl} in "AI agent settings" on the home screen.`,
			{ missing: 'modelKey' },
		);
	}
	let detail = text.slice(0, 300);
	try {
		const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
		if (typeof message === 'string') detail = message.slice(0, 300);
	} catch {
		// Not JSON: show the start of the text.
	}
	return new HttpError(
		502,
		`The model answered HTTP ${status}: ${detail}`,
		`Check the model name "${config.model}" and the base URL in "AI agent settings" on the home screen.`,
		{ missing: 'modelAnswer' },
	);
}

/** Calls the model once; throws an HttpError naming the cause when it cannot answer. */
export async function callModel(
	config: ModelConfig,
	messages: ModelMessage[],
	tools: ModelTool[],
): Promise<ModelTurn> {
	const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
	let response: Response;
	try {
		response = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${config.apiKey}`,
			},
			body: JSON.stringify({
				model: config.model,
				stream: false,
				messages,
				...(tools.length ? { tools } : {}),
			}),
			signal: AbortSignal.timeout(TIMEOUT_MS),
		});
	} catch (error) {
		const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
		throw new HttpError(
			502,
			`The model at ${config.baseUrl} cannot be reached (${cause}).`,
			`Check the base URL in "AI agent settings" and that this machine can reach it.`,
			{ missing: 'modelReachable' },
		);
	}
	const text = await response.text();
	if (!response.ok) throw modelError(response.status, text, config);
	let message: { content?: unknown; tool_calls?: unknown } | undefined;
	try {
		message = (JSON.parse(text) as { choices?: Array<{ message?: typeof message }> }).choices?.[0]
			?.message;
	} catch {
		message = undefined;
	}
	if (!message) {
		throw new HttpError(
			502,
			`The model at ${config.baseUrl} did not answer in the chat-completions format.`,
			`Use an OpenAI-compatible base URL (it ends in /v1 for most providers). ${SETTINGS_HINT}`,
			{ missing: 'modelAnswer' },
		);
	}
	const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
	return {
		text: typeof message.content === 'string' ? message.content : '',
		toolCalls: calls.map((call, index) => ({
			id: String(call?.id ?? `call_${index}`),
			name: String(call?.function?.name ?? ''),
			args: parseArguments(call?.function?.arguments),
		})),
	};
}

/** No model set up: what is missing and where to set it. */
export function noModelError(missing: 'model' | 'modelKey'): HttpError {
	return new HttpError(
		409,
		missing === 'model'
			? 'No chat model is configured, so the preview cannot ask an AI.'
			: 'The chat model has no API key, so the preview cannot ask it.',
		SETTINGS_HINT,
		{ missing },
	);
}
