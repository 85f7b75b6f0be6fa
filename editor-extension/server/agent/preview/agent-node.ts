// The preview's stand-in for n8n's AI Agent node (v3): a small tool loop run by n8n-core's own
// WorkflowExecute. Like n8n's agent it asks the engine to run the tool nodes (an EngineRequest of
// `ExecutionNodeAction`s), so each tool runs as in production: the real API Action node in tool
// mode, on the agent's input item with the model's arguments on top, reading the verified customer
// from the Fin Trigger before the agent. What is reproduced of n8n's agent (n8n-nodes-langchain
// 2.40.3, ToolsAgent V3 and utils/agent-execution), so the model sees what the live agent sends:
// - messages: system (the agent's systemMessage), user (its `text`), then per tool call one
//   assistant message with that call (arguments plus its `id`, as buildSteps makes it) and one tool
//   message with the observation: the tool's output items' JSON as a JSON array, or
//   {"error", "errorType"} when the node failed;
// - a tool call naming no offered tool is dropped; at most 10 model calls (maxIterations).
import type {
	EngineRequest,
	EngineResponse,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITaskData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { callModel, type ModelConfig, type ModelMessage, type ModelTool } from './chat-model';

export const PREVIEW_AGENT_TYPE = 'finPreviewAgent';
/** n8n's AI Agent default (options.maxIterations). */
const MAX_ITERATIONS = 10;

/** One tool call the agent made and what the tool answered the model. */
export interface AgentStep {
	id: string;
	tool: string;
	node: string;
	input: IDataObject;
	observation: string;
}

interface LoopMetadata {
	itemIndex: number;
	steps: AgentStep[];
	iterationCount: number;
}

/** What the loop saw, for the preview's answer (the run data holds the same). */
export interface AgentTrace {
	/** Tool calls per model turn, including ones naming no offered tool. */
	modelCalls: Array<{ toolCalls: Array<{ name: string; args: IDataObject }>; text: string }>;
	/** The model's failure (no key accepted, unreachable), kept with its HttpError for the route. */
	error?: Error;
}

/** n8n's buildObservation: the tool's items as JSON, or its error. */
function observationOf(data: ITaskData | undefined): string {
	const items = data?.data?.[NodeConnectionTypes.AiTool]?.[0]?.map((item) => item?.json);
	if (items && items.length > 0) return JSON.stringify(items);
	if (data?.error) {
		return JSON.stringify({
			error: data.error.message ?? 'Unknown error',
			...(data.error.name ? { errorType: data.error.name } : {}),
		});
	}
	return JSON.stringify('');
}

/** The steps so far: those carried in the metadata plus the tool results just returned. */
function stepsOf(response: EngineResponse<LoopMetadata> | undefined): AgentStep[] {
	const steps = [...(response?.metadata?.steps ?? [])];
	for (const { action, data } of response?.actionResponses ?? []) {
		if (steps.some((step) => step.id === action.id)) continue;
		steps.push({
			id: action.id,
			tool: (action.metadata as unknown as { toolName: string }).toolName,
			node: action.nodeName,
			input: action.input,
			observation: observationOf(data),
		});
	}
	return steps;
}

/** A step as n8n's agent returns it with "Return Intermediate Steps" (Fin Agent Reply reads it). */
export function n8nStep(step: AgentStep) {
	return {
		action: {
			tool: step.tool,
			toolInput: step.input,
			log: `Calling ${step.node}`,
			toolCallId: step.id,
			type: 'tool_call',
		},
		observation: step.observation,
	};
}

function messagesOf(system: string, text: string, steps: AgentStep[]): ModelMessage[] {
	const messages: ModelMessage[] = [
		{ role: 'system', content: system },
		{ role: 'user', content: text },
	];
	for (const step of steps) {
		messages.push(
			{
				role: 'assistant',
				content: [],
				tool_calls: [
					{
						id: step.id,
						type: 'function',
						function: {
							name: step.tool,
							arguments: JSON.stringify({ ...step.input, id: step.id }),
						},
					},
				],
			},
			{ role: 'tool', content: step.observation, tool_call_id: step.id },
		);
	}
	return messages;
}

/** What n8n's AI Agent declares that the loop reads (n8n keeps only declared parameters). */
const PREVIEW_AGENT_DESCRIPTION: INodeTypeDescription = {
	displayName: 'AI Agent (preview)',
	name: PREVIEW_AGENT_TYPE,
	group: ['transform'],
	version: 1,
	description: "The preview's tool loop in place of n8n's AI Agent",
	defaults: { name: 'AI Agent' },
	inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
	outputs: [NodeConnectionTypes.Main],
	// The AI Agent's parameters the loop reads (n8n keeps only declared parameters).
	properties: [
		{ displayName: 'Prompt', name: 'promptType', type: 'string', default: 'define' },
		{ displayName: 'Text', name: 'text', type: 'string', default: '' },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			default: {},
			options: [
				{ displayName: 'System Message', name: 'systemMessage', type: 'string', default: '' },
				{
					displayName: 'Return Intermediate Steps',
					name: 'returnIntermediateSteps',
					type: 'boolean',
					default: false,
				},
			],
		},
	],
};

/**
 * The stand-in agent's node type, bound to this preview's model and tools (the key stays here,
 * never in the workflow or its run data). `nodeOfTool` maps the model's tool name to the node.
 */
export function previewAgentType(
	model: ModelConfig,
	tools: ModelTool[],
	nodeOfTool: Map<string, string>,
	trace: AgentTrace,
): INodeType {
	return {
		description: PREVIEW_AGENT_DESCRIPTION,
		async execute(this: IExecuteFunctions, response?: EngineResponse) {
			const loop = response as EngineResponse<LoopMetadata> | undefined;
			const itemIndex = 0;
			const steps = stepsOf(loop);
			const iterationCount = loop?.metadata?.iterationCount ?? 0;
			if (iterationCount >= MAX_ITERATIONS) {
				throw new NodeOperationError(this.getNode(), 'Max iterations reached');
			}
			const text = String(this.getNodeParameter('text', itemIndex, ''));
			const system = String(this.getNodeParameter('options.systemMessage', itemIndex, ''));
			let turn;
			try {
				turn = await callModel(model, messagesOf(system, text, steps), tools);
			} catch (error) {
				trace.error = error as Error;
				throw new NodeOperationError(this.getNode(), (error as Error).message);
			}
			trace.modelCalls.push({
				text: turn.text,
				toolCalls: turn.toolCalls.map(({ name, args }) => ({ name, args: args as IDataObject })),
			});
			if (turn.toolCalls.length === 0) {
				const output: INodeExecutionData[] = [
					{
						json: {
							output: turn.text,
							intermediateSteps: steps.map(n8nStep) as unknown as IDataObject[],
						},
					},
				];
				return [output];
			}
			const request: EngineRequest<LoopMetadata> = {
				actions: turn.toolCalls
					.filter((call) => nodeOfTool.has(call.name))
					.map((call) => ({
						actionType: 'ExecutionNodeAction' as const,
						nodeName: nodeOfTool.get(call.name)!,
						input: call.args as IDataObject,
						type: NodeConnectionTypes.AiTool,
						id: call.id,
						metadata: { itemIndex, toolName: call.name } as unknown as LoopMetadata,
					})),
				metadata: { itemIndex, steps, iterationCount: iterationCount + 1 },
			};
			return request as unknown as EngineRequest;
		},
	};
}
