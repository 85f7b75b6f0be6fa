// The side panel header's buttons for the node: deactivate (or activate) and delete.
import type { GraphNode } from '../../graph/types';
import { deleteNode, toggleDisabledSelection } from '../../state/editor';

export function NodeTools({ node }: { node: GraphNode }) {
	return (
		<span className="panel-header__tools">
			<button
				className="button button--small"
				onClick={toggleDisabledSelection}
				title="Deactivate (D): the node passes nothing on"
				data-testid="panel-toggle-disabled"
			>
				{node.data.node.disabled ? 'Activate' : 'Deactivate'}
			</button>
			<button
				className="button button--small button--danger"
				onClick={() => deleteNode(node.id)}
				title="Delete (Del)"
				data-testid="panel-delete"
			>
				Delete
			</button>
		</span>
	);
}
