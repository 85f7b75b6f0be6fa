// Renames a saved action in place; Escape or Cancel keeps the old name.
import { useState } from 'react';

import type { ActionSummary } from '../../../shared/api';
import { renameAction } from '../../state/workspace';
import { showError } from '../../state/toasts';

export function RenameField({ action, onDone }: { action: ActionSummary; onDone: () => void }) {
	const [name, setName] = useState(action.name);
	const [busy, setBusy] = useState(false);
	const save = async () => {
		if (!name.trim() || name.trim() === action.name) return onDone();
		setBusy(true);
		try {
			await renameAction(action.id, name.trim());
			onDone();
		} catch (error) {
			showError(error, 'Try another name.');
			setBusy(false);
		}
	};
	return (
		<form
			className="rename-field"
			onSubmit={(event) => {
				event.preventDefault();
				void save();
			}}
		>
			<input
				className="input"
				value={name}
				maxLength={128}
				autoFocus
				onChange={(event) => setName(event.target.value)}
				onKeyDown={(event) => event.key === 'Escape' && onDone()}
				aria-label={`New name for ${action.name}`}
				data-testid="action-rename-input"
				disabled={busy}
			/>
			<button
				className="button button--small button--primary"
				type="submit"
				disabled={busy}
				data-testid="action-rename-save"
			>
				Save
			</button>
			<button className="button button--small" type="button" onClick={onDone} disabled={busy}>
				Cancel
			</button>
		</form>
	);
}
