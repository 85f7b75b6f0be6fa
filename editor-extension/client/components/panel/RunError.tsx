// A node's error from the last test: the message, n8n's description, and what to do.
import type { NodeRun } from '../../api/types';

export function RunError({ error }: { error: NonNullable<NodeRun['error']> }) {
	return (
		<div className="run-error" role="alert" data-testid="run-error">
			<strong>{error.message}</strong>
			{error.description && <p>{error.description}</p>}
			<p className="muted">
				Fix the setting named above in the Parameters tab, then run “Test response” again.
			</p>
		</div>
	);
}
