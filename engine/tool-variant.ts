// n8n's loader gives every `usableAsTool` node a second type, `<name>Tool`: the same class, which
// n8n hands to its AI Agent as a tool (n8n's convertNodeToAiTool adds the ai_tool output and the
// tool description). The engine runs that variant on a main connection: execute() is the same code,
// and the node knows it is a tool from its type name (nodes/ApiAction/tool-mode.ts).
import type { INodeType } from 'n8n-workflow';

export function toolVariantOf(node: INodeType): INodeType {
	const variant = Object.create(node) as INodeType;
	variant.description = {
		...node.description,
		name: `${node.description.name}Tool`,
		displayName: `${node.description.displayName} Tool`,
	};
	return variant;
}
