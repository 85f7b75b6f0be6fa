// One node type in the palette: drag it onto the canvas, or click to add it after the selected node.
import type { NodeTypeInfo } from '../../api/types';
import { isTriggerDescription } from '../../graph/nodeTypes';
import { NodeIcon } from '../common/NodeIcon';

export const DRAG_TYPE = 'application/x-fin-node-type';

export function PaletteNode({
	info,
	onAdd,
}: {
	info: NodeTypeInfo;
	onAdd: (type: string) => void;
}) {
	const { description } = info;
	return (
		<button
			className="palette-node"
			draggable
			data-testid={`palette-node-${description.name}`}
			title={`Click to add after the selected node, or drag onto the canvas`}
			onDragStart={(event) => {
				event.dataTransfer.setData(DRAG_TYPE, info.type);
				event.dataTransfer.effectAllowed = 'copy';
			}}
			onClick={() => onAdd(info.type)}
		>
			<NodeIcon description={description} size={32} />
			<span className="palette-node__text">
				<span className="palette-node__name">
					{description.displayName}
					{isTriggerDescription(description) && <span className="badge">Trigger</span>}
				</span>
				<span className="palette-node__description">{description.description}</span>
			</span>
		</button>
	);
}
