// n8n's sticky note: markdown (common/Markdown, sanitized) on a coloured card; double-click to edit, drag a corner to resize.
import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import { useState } from 'react';

import type { FinNodeData } from '../../graph/types';
import { beginGesture, endGesture, setNodeParameters } from '../../state/editor';
import { Markdown } from '../common/Markdown';

const COLORS = [
	'#fff5d6',
	'#fff5d6',
	'#fde9d9',
	'#fcd4d9',
	'#e7f5e1',
	'#dcebff',
	'#e8e1ff',
	'#ececec',
];

export function StickyNote({ id, data, selected }: NodeProps<Node<FinNodeData>>) {
	const [editing, setEditing] = useState(false);
	const parameters = data.node.parameters;
	const content = typeof parameters.content === 'string' ? parameters.content : '';
	const color = COLORS[Number(parameters.color) || 1] ?? COLORS[1];
	return (
		<div
			className={`sticky${selected ? ' sticky--selected' : ''}`}
			style={{ background: color }}
			onDoubleClick={() => setEditing(true)}
			data-testid={`sticky-${data.node.name}`}
		>
			<NodeResizer
				isVisible={selected}
				minWidth={150}
				minHeight={80}
				onResizeStart={beginGesture}
				onResizeEnd={endGesture}
			/>
			{editing ? (
				<textarea
					className="sticky__editor nodrag nowheel"
					autoFocus
					defaultValue={content}
					onBlur={(event) => {
						setEditing(false);
						if (event.target.value !== content)
							setNodeParameters(id, { ...parameters, content: event.target.value });
					}}
				/>
			) : (
				<Markdown text={content} className="sticky__content nowheel" />
			)}
		</div>
	);
}
