// "Saved / Saving… / Not saved: reason" for the open action (state/workspace.ts autosaves it).
import { saveNow, workspaceStore } from '../state/workspace';
import { useStore } from '../state/store';

export function SaveStatus() {
	const save = useStore(workspaceStore, (state) => state.save);
	return (
		<span
			className={`save-status save-status--${save.status}`}
			role="status"
			data-testid="save-status"
			data-status={save.status}
			title={save.status === 'failed' ? save.hint : undefined}
		>
			{save.status === 'saved' && '✓ Saved'}
			{save.status === 'saving' && 'Saving…'}
			{save.status === 'failed' && (
				<>
					Not saved: {save.reason}{' '}
					<button className="link-button" onClick={() => void saveNow()} data-testid="save-retry">
						Retry
					</button>
				</>
			)}
		</span>
	);
}
