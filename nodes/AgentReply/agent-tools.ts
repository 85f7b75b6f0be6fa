// The tools of the AI Agent this node follows, and which of them this execution's verified customer
// may use: an API Action tool's `audience` decided as at call time (nodes/ApiAction/tool-audience.ts),
// other tools (n8n's own) available to all.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, nodeNameToToolName } from 'n8n-workflow';

import { decideAudience } from '../AudienceFilter/audience';
import { audienceConfigOf } from '../AudienceFilter/audience-parameters';
import { toolRolloutKey } from '../ApiAction/tool-audience';
import { isVerifiedConversation } from '../ApiAction/tool-mode';
import { finTriggerItems } from '../shared/trigger-origin';
import type { AgentTool } from './reply-fields';

const API_ACTION_TOOL = /(^|\.)apiActionTool$/;

interface ToolNode extends AgentTool {
	audience?: IDataObject;
	rolloutKey: string;
}

/** The AI Agent(s) feeding this node: its main parents. */
export function agentNames(context: IExecuteFunctions): string[] {
	return context
		.getParentNodes(context.getNode().name, { connectionType: NodeConnectionTypes.Main, depth: 1 })
		.map((node) => node.name);
}

export function agentTools(context: IExecuteFunctions, agent: string): ToolNode[] {
	return context
		.getParentNodes(agent, {
			connectionType: NodeConnectionTypes.AiTool,
			depth: 1,
			includeNodeParameters: true,
		})
		.filter((node) => !node.disabled)
		.map((node) => {
			const parameters = (node.parameters ?? {}) as IDataObject;
			return {
				action: node.name,
				tool: nodeNameToToolName(node.name),
				rolloutKey: toolRolloutKey(parameters, node.name),
				...(API_ACTION_TOOL.test(node.type)
					? { audience: (parameters.audience ?? {}) as IDataObject }
					: {}),
			};
		});
}

/** The tools this execution's Fin Trigger customer may use; none for an unverified one. */
export function availableTools(
	context: IExecuteFunctions,
	agent: string,
	tools: ToolNode[],
): ToolNode[] {
	const triggerItems = finTriggerItems(context, agent);
	const customer = triggerItems.length === 1 ? triggerItems[0] : undefined;
	const manualRun = context.getMode() === 'manual';
	if (!isVerifiedConversation(customer, manualRun)) return [];
	return tools.filter(
		(tool) =>
			tool.audience === undefined ||
			decideAudience(
				customer,
				audienceConfigOf(tool.audience ?? {}, { manualRun, nodeId: tool.rolloutKey }),
			).matched,
	);
}
