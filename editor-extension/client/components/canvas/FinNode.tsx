// A node on the canvas, drawn like n8n's: a square with the icon, the name under it, an input on the
// left and its outputs on the right (named when there are several), and the last run's status.
import type { Node, NodeProps } from '@xyflow/react';
import { memo, useContext } from 'react';

import { runnableBaseName } from '../../graph/baseNodes';
import { inputsOf, isTriggerDescription, outputsOf } from '../../graph/nodeTypes';
import type { FinNodeData } from '../../graph/types';
import { CanvasContext, outputCounts } from './CanvasContext';
import { FinNodeBox, FinNodeLabel } from './FinNodeFace';
import { InputPorts, OutputPorts } from './FinNodePorts';

// Memoized: React Flow redraws its wrapper when it measures the node or moves it, not the drawing.
export const FinNode = memo(function FinNode({ id, data, selected }: NodeProps<Node<FinNodeData>>) {
	const { lookup, run, testing, problemIds, detailed = true } = useContext(CanvasContext);
	const node = data.node;
	const description = lookup(node.type);
	const trigger = isTriggerDescription(description, node.type);
	const nodeRun = run?.nodes[node.name];
	// Known: described by the package, or one of n8n's own nodes a test runs.
	const known = Boolean(description || runnableBaseName(node.type));
	const status = testing && !node.disabled && known ? 'running' : nodeRun?.status;
	const counts = outputCounts(run, node.name);
	const items = counts.reduce((sum, count) => sum + count, 0);
	const classes = [
		'fin-node',
		trigger && 'fin-node--trigger',
		selected && 'fin-node--selected',
		node.disabled && 'fin-node--disabled',
		!known && 'fin-node--unknown',
		status && `fin-node--${status}`,
		problemIds.has(id) && 'fin-node--problem',
	].filter(Boolean);
	const shell = {
		className: classes.join(' '),
		'data-testid': `canvas-node-${node.name}`,
		'data-status': status ?? 'none',
		'data-items': nodeRun ? items : undefined,
	};
	// Zoomed far out (nodeDetail.ts): the box alone, its border still telling kind, status and
	// problems. No dots: the connections are drawn by ConnectionsOverview.
	if (!detailed)
		return (
			<div {...shell}>
				<div className="fin-node__box" />
			</div>
		);
	const inputs = inputsOf(description, node.type);
	const outputs = outputsOf(description);
	return (
		<div {...shell}>
			<InputPorts ports={inputs} name={node.name} />
			<FinNodeBox node={node} description={description} status={status} nodeRun={nodeRun} />
			<OutputPorts ports={outputs} name={node.name} />
			<FinNodeLabel node={node} description={description} nodeRun={nodeRun} items={items} />
		</div>
	);
});
