// What the canvas does with a drop from the palette and with a connection dropped where it may not go.
import type { FinalConnectionState, ReactFlowInstance } from '@xyflow/react';
import type { DragEvent } from 'react';

import { addNodeOfType, explainRefusedConnection } from '../../state/editor';
import { DRAG_TYPE } from '../palette/PaletteNode';

/** A palette entry dropped on the canvas: a node of its type, on the grid where it fell. */
export function dropNode(flow: ReactFlowInstance, event: DragEvent) {
	const type = event.dataTransfer.getData(DRAG_TYPE);
	if (!type) return;
	event.preventDefault();
	const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
	addNodeOfType(type, {
		x: Math.round((point.x - 50) / 20) * 20,
		y: Math.round((point.y - 50) / 20) * 20,
	});
}

/** Only a palette entry may be dropped on the canvas. */
export function allowPaletteDrop(event: DragEvent) {
	if (event.dataTransfer.types.includes(DRAG_TYPE)) {
		event.preventDefault();
		event.dataTransfer.dropEffect = 'copy';
	}
}

/** A connection dropped on a node that refused it: say why. */
export function explainConnectEnd(_event: MouseEvent | TouchEvent, state: FinalConnectionState) {
	if (
		state.isValid ||
		!state.fromNode ||
		!state.toNode ||
		(state.fromNode.id === state.toNode.id && !state.toHandle)
	)
		return;
	const forward = state.fromHandle?.type !== 'target';
	explainRefusedConnection({
		source: forward ? state.fromNode.id : state.toNode.id,
		target: forward ? state.toNode.id : state.fromNode.id,
		sourceHandle: forward ? state.fromHandle?.id : (state.toHandle?.id ?? 'main:0'),
		targetHandle: forward ? (state.toHandle?.id ?? 'main:0') : state.fromHandle?.id,
	});
}
