// Where a node's connection dots sit, as styles.css draws them (.fin-node): a 100 px square, inputs
// 8 x 18 px on its left edge, outputs 12 x 12 px on its right edge, spread evenly down the side.
// React Flow is told the size and the dots up front, so a graph shows in its first frame, edges
// included, instead of after every node was measured (issue 15: 200 nodes). A browser test
// (keyboard-and-scale) checks these numbers against the dots the page draws.
import { Position, type NodeHandle } from '@xyflow/react';

import type { Port } from '../../graph/nodeTypes';
import { handleId } from '../../graph/workflow';

export const FIN_NODE_SIZE = 100;

/** How far down the side the dot `index` of `count` sits (0 top, 1 bottom). */
export function spread(index: number, count: number): number {
	return (index + 1) / (count + 1);
}

const INPUT = { width: 8, height: 18, left: -11 };
const OUTPUT = { width: 12, height: 12, left: FIN_NODE_SIZE + 1 };

/** The dots down one side: each port's id, its side, and its box relative to the node. */
function side(
	ports: Port[],
	type: 'source' | 'target',
	position: Position,
	box: { width: number; height: number; left: number },
): NodeHandle[] {
	return ports.map((port, index) => ({
		id: handleId(port.connectionType, port.index),
		type,
		position,
		x: box.left,
		y: spread(index, ports.length) * FIN_NODE_SIZE - box.height / 2,
		width: box.width,
		height: box.height,
	}));
}

export function handlesOf(inputs: Port[], outputs: Port[]): NodeHandle[] {
	return [
		...side(inputs, 'target', Position.Left, INPUT),
		...side(outputs, 'source', Position.Right, OUTPUT),
	];
}
