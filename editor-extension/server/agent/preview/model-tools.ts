// The tools as n8n's AI Agent offers them to the model, computed by n8n's own code: the name by
// n8n-workflow's nodeNameToToolName, the description by NodeHelpers.getToolDescriptionForNode with
// the node's `toolDescription` expression evaluated, the argument schema by n8n-core's getSchema
// (the function n8n calls when it turns a node into a tool) converted to JSON schema by
// @langchain/core's toJsonSchema, which n8n's OpenAI Chat Model sends as the tool's `parameters`
// (checked against real n8n by test/real-n8n/agent-preview-parity.e2e.test.ts).
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import type { INode, INodeType, INodeTypes } from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, nodeNameToToolName, Workflow } from 'n8n-workflow';
// Not exported by n8n-core's index (test/nodes/ApiAction/tool.test.ts uses the same path).
import { getSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';

import type { ModelTool } from './chat-model';

/**
 * n8n's `<node>Tool` variant of a `usableAsTool` node, as n8n's node loader makes it
 * (packages/cli tool-generation: convertNodeToAiTool): the same class and `execute`, with the
 * description renamed, no main input and an `ai_tool` output.
 */
export function toolVariant(nodeType: INodeType): INodeType {
	const description = {
		...nodeType.description,
		name: `${nodeType.description.name}Tool`,
		displayName: `${nodeType.description.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
	};
	delete description.usableAsTool;
	return Object.create(nodeType, { description: { value: description } }) as INodeType;
}

/** n8n's INodeTypes over one node type (the workflow below holds only tool nodes). */
function typesOf(toolType: INodeType): INodeTypes {
	return {
		getByName: () => toolType,
		getByNameAndVersion: (_type, version) => NodeHelpers.getVersionedNodeType(toolType, version),
		getKnownTypes: () => ({}),
	};
}

/** Each tool node as the model sees it (tool name -> node name kept by the caller). */
export function modelTools(toolNodes: INode[], toolType: INodeType): ModelTool[] {
	const workflow = new Workflow({
		nodes: structuredClone(toolNodes),
		connections: {},
		active: false,
		nodeTypes: typesOf(toolType),
	});
	return toolNodes.map(({ name }) => {
		// Completed with n8n's defaults (the toolDescription expression comes from the node type).
		const node = workflow.getNode(name)!;
		const description = NodeHelpers.getToolDescriptionForNode(node, toolType, () =>
			String(
				workflow.expression.getParameterValue(
					node.parameters.toolDescription as string,
					null,
					0,
					0,
					node.name,
					[],
					'manual',
					{},
				),
			),
		) as string;
		return {
			type: 'function',
			function: {
				name: nodeNameToToolName(node) || toolType.description.name,
				description,
				parameters: toJsonSchema(getSchema(node)),
				// n8n's OpenAI Chat Model sets supportsStrictToolCalling: false, sent as strict: false.
				strict: false,
			},
		};
	});
}
