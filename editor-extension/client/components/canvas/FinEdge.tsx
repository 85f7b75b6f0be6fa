// A connection: a curve with the item count of the last run and, when selected, a delete button
// (FinEdgeLabel.tsx).
import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';

import type { GraphEdgeData } from '../../graph/types';
import { parseHandle } from '../../graph/workflow';
import { doc } from '../../state/editor';
import { CanvasContext, outputCounts } from './CanvasContext';
import { FinEdgeLabel } from './FinEdgeLabel';

// Memoized: React Flow redraws its wrapper when it measures the node or moves it, not the drawing.
export const FinEdge = memo(function FinEdge(props: EdgeProps<Edge<GraphEdgeData>>) {
	const {
		id,
		source,
		sourceHandleId,
		sourceX,
		sourceY,
		targetX,
		targetY,
		sourcePosition,
		targetPosition,
		selected,
		markerEnd,
	} = props;
	const { run } = useContext(CanvasContext);
	const [path, labelX, labelY] = getBezierPath({
		sourceX,
		sourceY,
		targetX,
		targetY,
		sourcePosition,
		targetPosition,
	});
	// Only after a test: looking the source up costs a pass over the nodes, for each connection.
	const sourceName = run
		? doc().nodes.find((node) => node.id === source)?.data.node.name
		: undefined;
	const count =
		sourceName && run?.nodes[sourceName]?.status === 'success'
			? outputCounts(run, sourceName)[parseHandle(sourceHandleId).index]
			: undefined;
	return (
		<>
			<BaseEdge
				id={id}
				path={path}
				markerEnd={markerEnd}
				className={count ? 'fin-edge--ran' : undefined}
			/>
			{/* A label layer only for a connection that shows something: 200 empty ones slow a big graph. */}
			{(count !== undefined || selected) && (
				<FinEdgeLabel id={id} count={count} selected={selected} labelX={labelX} labelY={labelY} />
			)}
		</>
	);
});
