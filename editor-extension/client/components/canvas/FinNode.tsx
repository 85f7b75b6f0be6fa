// A node on the canvas, drawn like n8n's: a square with the icon, the name under it, an input on the
// left and its outputs on the right (named when there are several), and the last run's status.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, useContext } from 'react';

import { isRunnableBaseType } from '../../../../engine/base-node-types';
import { inputsOf, isTriggerDescription, outputsOf } from '../../graph/nodeTypes';
import type { FinNodeData } from '../../graph/types';
import { handleId } from '../../graph/workflow';
import { NodeIcon } from '../common/NodeIcon';
import { CanvasContext, outputCounts } from './CanvasContext';
import { spread } from './nodeGeometry';

const STATUS_ICON: Record<string, string> = { success: '✓', error: '!', skipped: '–' };

const at = (index: number, count: number) => `${spread(index, count) * 100}%`;

// Memoized: React Flow redraws its wrapper when it measures the node or moves it, not the drawing.
export const FinNode = memo(function FinNode({ id, data, selected }: NodeProps<Node<FinNodeData>>) {
	const { lookup, run, testing, problemIds, detailed = true } = useContext(CanvasContext);
	const node = data.node;
	const description = lookup(node.type);
	const trigger = isTriggerDescription(description, node.type);
	const nodeRun = run?.nodes[node.name];
	const status = testing && !node.disabled && description ? 'running' : nodeRun?.status;
	const counts = outputCounts(run, node.name);
	const items = counts.reduce((sum, count) => sum + count, 0);
	const classes = [
		'fin-node',
		trigger && 'fin-node--trigger',
		selected && 'fin-node--selected',
		node.disabled && 'fin-node--disabled',
		!description && 'fin-node--unknown',
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
			{inputs.map((port, index) => (
				<Handle
					key={handleId(port.connectionType, port.index)}
					type="target"
					position={Position.Left}
					id={handleId(port.connectionType, port.index)}
					style={{ top: at(index, inputs.length) }}
					data-testid={`handle-in-${node.name}-${port.index}`}
				/>
			))}
			<div className="fin-node__box">
				<NodeIcon description={description} size={40} />
				{status === 'running' && (
					<span
						className="fin-node__status fin-node__status--running"
						role="img"
						aria-label="Running"
					/>
				)}
				{status && status !== 'running' && (
					<span
						className={`fin-node__status fin-node__status--${status}`}
						title={nodeRun?.error?.message ?? status}
						data-testid={`node-status-${node.name}`}
					>
						{STATUS_ICON[status]}
					</span>
				)}
				{node.disabled && <span className="fin-node__disabled-mark">Deactivated</span>}
			</div>
			{outputs.map((port, index) => (
				<div
					key={handleId(port.connectionType, port.index)}
					className="fin-node__output"
					style={{ top: at(index, outputs.length) }}
				>
					{outputs.length > 1 && port.label && (
						<span className="fin-node__output-label">{port.label}</span>
					)}
					<Handle
						type="source"
						position={Position.Right}
						id={handleId(port.connectionType, port.index)}
						data-testid={`handle-out-${node.name}-${port.index}`}
					/>
				</div>
			))}
			<div className="fin-node__label">
				<strong>{node.name}</strong>
				{description && description.displayName !== node.name && (
					<span>{description.displayName}</span>
				)}
				{!description && (
					<span className="fin-node__unknown">
						{node.type.replace(/^n8n-nodes-base\./, 'n8n ')}
						{/* n8n's own nodes a test runs with their real class (engine/base-node-types.ts). */}
						{isRunnableBaseType(node.type) ? '' : ' · runs in n8n only'}
					</span>
				)}
				{nodeRun && nodeRun.status !== 'skipped' && (
					<span className={`pill pill--${nodeRun.status}`} data-testid={`node-items-${node.name}`}>
						{nodeRun.status === 'error' ? 'Error' : `${items} item${items === 1 ? '' : 's'}`}
					</span>
				)}
			</div>
		</div>
	);
});
