// The notes above the picker's tree: which action the ticks change, and what a Full Response or an
// empty pick means for what leaves it.
import { resolveValues } from '../../graph/parameters';
import type { GraphNode } from '../../graph/types';
import { useCatalogContext } from '../../state/CatalogContext';

interface Props {
	node: GraphNode;
	source: GraphNode;
	full: boolean;
	nonePicked: boolean;
}

export function FieldPickerNotes({ node, source, full, nonePicked }: Props) {
	const catalog = useCatalogContext();
	const action = source.data.node;
	const shaper =
		node.id !== source.id
			? resolveValues(
					catalog.lookup(node.data.node.type)?.properties ?? [],
					node.data.node.parameters,
					undefined,
					node.data.node.typeVersion,
				)
			: undefined;
	return (
		<>
			{node.id !== source.id && (
				<p className="notice" data-testid="field-picker-target">
					Ticks set the fields of “{action.name}”, the API Action before this node: only what it
					picks leaves it. This node then shapes or renames that answer (Parameters tab).
					{shaper?.access === 'selected' &&
						' It keeps only its own fields of that answer: a field ticked here reaches the AI only if this node lists it too (or set its Access to Full Response to pass on every picked field).'}
				</p>
			)}
			{full && (
				<p className="notice notice--warning" role="alert" data-testid="field-picker-full">
					<strong>Full Response</strong>: every field of the API's answer leaves “{action.name}”,
					reaches the AI and is stored in n8n's executions of this workflow. Tick the fields the AI
					may see to keep only those (ticking switches the action to Picked Fields).
				</p>
			)}
			{!full && nonePicked && (
				<p className="notice" data-testid="field-picker-none">
					No field is picked yet: “{action.name}” answers an empty object. Tick the fields the AI
					may see; nothing else of the API's answer leaves the action or is stored in n8n.
				</p>
			)}
		</>
	);
}
