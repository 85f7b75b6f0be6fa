// Fin Agent Reply: after n8n's AI Agent, the chat's answer as text with structured fields beside it
// (reply-fields.ts): the actions this verified customer may use, those the model called and how each
// went, and those the reply uses. The canvas's conversation view reads the same fields back from
// n8n's executions.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { agentNames, agentTools, availableTools } from './agent-tools';
import { replyFields } from './reply-fields';

export class FinAgentReply implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fin Agent Reply',
		name: 'finAgentReply',
		icon: {
			light: 'file:../../icons/agentReply.svg',
			dark: 'file:../../icons/agentReply.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: 'Reply with the actions used',
		description:
			"Answer a chat with the AI Agent's reply and which actions were available, called and used",
		defaults: { name: 'Fin Agent Reply' },
		// Not a tool: it shapes the agent's own answer, and as a tool it would have no agent steps to
		// read. Stated (n8n's lint asks every node to say), with the only value that offers no tool.
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName:
					'Place this node right after n8n\'s AI Agent, with the agent\'s option "Return Intermediate Steps" on. It answers {"reply": "...", "actions": {"available": [...], "called": [...], "usedInReply": [...]}}.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [agent] = agentNames(this);
		if (!agent)
			throw new NodeOperationError(this.getNode(), 'Fin Agent Reply has no input node', {
				description: "Connect it after n8n's AI Agent node.",
			});
		const tools = agentTools(this, agent);
		const available = availableTools(this, agent, tools);
		return [
			this.getInputData().map((item, itemIndex) => {
				try {
					return {
						json: replyFields(item.json, tools, available),
						pairedItem: { item: itemIndex },
					};
				} catch (error) {
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				}
			}),
		];
	}
}
