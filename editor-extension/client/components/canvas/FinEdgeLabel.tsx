// A connection's label at its middle: the item count of the last run and, when selected, a delete button.
import { EdgeLabelRenderer } from '@xyflow/react';

import { deleteEdge } from '../../state/editor';

interface Props {
	id: string;
	count?: number;
	selected?: boolean;
	labelX: number;
	labelY: number;
}

export function FinEdgeLabel({ id, count, selected, labelX, labelY }: Props) {
	return (
		<EdgeLabelRenderer>
			<div
				className="fin-edge__label nodrag nopan"
				style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
			>
				{count !== undefined && (
					<span className="fin-edge__count">{`${count} item${count === 1 ? '' : 's'}`}</span>
				)}
				{selected && (
					<button
						className="fin-edge__delete"
						onClick={() => deleteEdge(id)}
						aria-label="Delete connection"
						data-testid="edge-delete"
					>
						×
					</button>
				)}
			</div>
		</EdgeLabelRenderer>
	);
}
