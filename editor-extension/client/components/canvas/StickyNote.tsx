// n8n's sticky note: markdown-ish text on a coloured card; double-click to edit, drag a corner to resize.
import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import { Fragment, useState, type ReactNode } from 'react';

import type { FinNodeData } from '../../graph/types';
import { beginGesture, endGesture, setNodeParameters } from '../../state/editor';

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

function inline(text: string): ReactNode[] {
	return text
		.split(/(\*\*[^*]+\*\*|`[^`]+`)/)
		.map((part, index) =>
			part.startsWith('**') ? (
				<strong key={index}>{part.slice(2, -2)}</strong>
			) : part.startsWith('`') ? (
				<code key={index}>{part.slice(1, -1)}</code>
			) : (
				<Fragment key={index}>{part}</Fragment>
			),
		);
}

/** Headings, list items and paragraphs: enough for template notes, and never HTML. */
function renderMarkdown(content: string): ReactNode {
	return content.split('\n').map((line, index) => {
		const heading = /^(#{1,6})\s+(.*)$/.exec(line);
		if (heading)
			return (
				<p key={index} className={`sticky__h sticky__h${heading[1].length}`}>
					{inline(heading[2])}
				</p>
			);
		if (/^\s*[-*]\s+/.test(line))
			return (
				<p key={index} className="sticky__li">
					• {inline(line.replace(/^\s*[-*]\s+/, ''))}
				</p>
			);
		return <p key={index}>{line ? inline(line) : '\u00a0'}</p>;
	});
}

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
				<div className="sticky__content nowheel">{renderMarkdown(content)}</div>
			)}
		</div>
	);
}
