// An address naming an action this canvas does not have (deleted, or copied from another canvas):
// said on the home page, where the list to pick from is.
import { useStore } from '../../state/store';
import { workspaceStore } from '../../state/workspace';

export function MissingAction() {
	const missing = useStore(workspaceStore, (state) => state.missing);
	if (!missing) return null;
	return (
		<div className="notice notice--warning" role="alert" data-testid="missing-action">
			<p>
				<strong>No action “{missing}” here.</strong> The address names an action this canvas does
				not have: it was deleted, or the address comes from another canvas. Pick one from the list
				below, or start a new one.
			</p>
			<button
				className="button button--small"
				onClick={() => workspaceStore.set({ missing: undefined })}
				data-testid="missing-action-dismiss"
			>
				Dismiss
			</button>
		</div>
	);
}
