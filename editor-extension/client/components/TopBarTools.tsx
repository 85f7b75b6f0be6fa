// The header's history and file tools: undo, redo, import, export, keyboard shortcuts.
import { openDialog, redoChange, undoChange } from '../state/editor';

export function TopBarTools({ undoable, redoable }: { undoable: boolean; redoable: boolean }) {
	return (
		<div className="top-bar__group">
			<button
				className="button button--ghost"
				onClick={undoChange}
				disabled={!undoable}
				title="Undo (Ctrl+Z)"
				data-testid="undo"
			>
				↶ Undo
			</button>
			<button
				className="button button--ghost"
				onClick={redoChange}
				disabled={!redoable}
				title="Redo (Ctrl+Shift+Z)"
				data-testid="redo"
			>
				↷ Redo
			</button>
			<span className="top-bar__separator" />
			<button
				className="button button--ghost"
				onClick={() => openDialog('import')}
				data-testid="open-import"
			>
				Import
			</button>
			<button
				className="button button--ghost"
				onClick={() => openDialog('export')}
				title="Export (Ctrl+S)"
				data-testid="open-export"
			>
				Export
			</button>
			<button
				className="button button--ghost"
				onClick={() => openDialog('shortcuts')}
				title="Keyboard shortcuts (?)"
				aria-label="Keyboard shortcuts"
			>
				?
			</button>
		</div>
	);
}
