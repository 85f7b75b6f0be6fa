// What a canvas node shows: its icon and last-run status in the box, and its name, type and item
// count under it.
import type { TestResult } from '../../api/types';
import { runnableBaseName } from '../../graph/baseNodes';
import type { N8nNode, NodeDescription } from '../../graph/types';
import { NodeIcon } from '../common/NodeIcon';

const STATUS_ICON: Record<string, string> = { success: '✓', error: '!', skipped: '–' };

type NodeRun = TestResult['nodes'][string];

interface BoxProps {
	node: N8nNode;
	description?: NodeDescription;
	status?: string;
	nodeRun?: NodeRun;
}

export function FinNodeBox({ node, description, status, nodeRun }: BoxProps) {
	return (
		<div className="fin-node__box">
			<NodeIcon description={description} size={40} name={runnableBaseName(node.type)} />
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
	);
}

interface LabelProps {
	node: N8nNode;
	description?: NodeDescription;
	nodeRun?: NodeRun;
	items: number;
}

export function FinNodeLabel({ node, description, nodeRun, items }: LabelProps) {
	return (
		<div className="fin-node__label">
			<strong>{node.name}</strong>
			{description && description.displayName !== node.name && (
				<span>{description.displayName}</span>
			)}
			{/* n8n's own nodes a test runs with their real class (engine/base-node-types.ts). */}
			{!description && runnableBaseName(node.type) && (
				<span>n8n {runnableBaseName(node.type)}</span>
			)}
			{!description && !runnableBaseName(node.type) && (
				<span className="fin-node__unknown">
					{node.type.replace(/^n8n-nodes-base\./, 'n8n ')} · runs in n8n only
				</span>
			)}
			{nodeRun && nodeRun.status !== 'skipped' && (
				<span className={`pill pill--${nodeRun.status}`} data-testid={`node-items-${node.name}`}>
					{nodeRun.status === 'error' ? 'Error' : `${items} item${items === 1 ? '' : 's'}`}
				</span>
			)}
		</div>
	);
}
