// A canvas node's dots: its inputs on the left, its outputs on the right (named when there are several).
import { Handle, Position } from '@xyflow/react';

import type { Port } from '../../graph/nodeTypes';
import { handleId } from '../../graph/workflow';
import { spread } from './nodeGeometry';

const at = (index: number, count: number) => `${spread(index, count) * 100}%`;

interface Props {
	ports: Port[];
	/** The node's name, in the dots' test ids. */
	name: string;
}

export function InputPorts({ ports, name }: Props) {
	return ports.map((port, index) => (
		<Handle
			key={handleId(port.connectionType, port.index)}
			type="target"
			position={Position.Left}
			id={handleId(port.connectionType, port.index)}
			style={{ top: at(index, ports.length) }}
			data-testid={`handle-in-${name}-${port.index}`}
		/>
	));
}

export function OutputPorts({ ports, name }: Props) {
	return ports.map((port, index) => (
		<div
			key={handleId(port.connectionType, port.index)}
			className="fin-node__output"
			style={{ top: at(index, ports.length) }}
		>
			{ports.length > 1 && port.label && (
				<span className="fin-node__output-label">{port.label}</span>
			)}
			<Handle
				type="source"
				position={Position.Right}
				id={handleId(port.connectionType, port.index)}
				data-testid={`handle-out-${name}-${port.index}`}
			/>
		</div>
	));
}
