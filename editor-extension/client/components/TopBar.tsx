// The header: the workflow's name, history and file actions, and the test / preview / set-live trio.
import { canRedo, canUndo } from '../graph/history';
import { commit, doc, editorStore, openDialog, redoChange, undoChange } from '../state/editor';
import { cancelTest } from '../state/testRun';
import { useStore } from '../state/store';
import { goHome } from '../state/workspace';
import { Spinner } from './common/Spinner';
import { SaveStatus } from './SaveStatus';
import { useDraft } from './inputs/useDraft';
import { Brand } from './common/Brand';

export function TopBar({
	onTest,
	liveBlockers,
}: {
	onTest: () => void;
	/** Why "Set live" is off (graph/liveGate.ts); empty when the action is deployable. */
	liveBlockers: string[];
}) {
	const name = useStore(editorStore, (state) =>
		String(state.history.present.meta.fields.name ?? ''),
	);
	const undoable = useStore(editorStore, (state) => canUndo(state.history));
	const redoable = useStore(editorStore, (state) => canRedo(state.history));
	const testing = useStore(editorStore, (state) => state.testing);
	const live = liveBlockers.length === 0;
	const hasRun = useStore(editorStore, (state) => Boolean(state.run));
	const [draft, setDraft] = useDraft(name);
	const rename = () => {
		if (draft.trim() && draft !== name)
			commit({
				...doc(),
				meta: { ...doc().meta, fields: { ...doc().meta.fields, name: draft.trim() } },
			});
		else setDraft(name);
	};
	return (
		<header className="top-bar">
			<Brand />
			<button
				className="button button--ghost"
				onClick={() => void goHome()}
				title="Back to the list of actions (this one is saved first)"
				data-testid="go-home"
			>
				← Actions
			</button>
			<input
				className="top-bar__name"
				value={draft}
				onChange={(event) => setDraft(event.target.value)}
				onBlur={rename}
				onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
				aria-label="Workflow name"
				data-testid="workflow-name"
			/>
			<SaveStatus />
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
			<div className="top-bar__actions">
				{testing ? (
					<>
						<span className="top-bar__progress" data-testid="test-progress">
							<Spinner label="Testing" /> Testing the whole graph…
						</span>
						<button className="button" onClick={cancelTest} data-testid="test-cancel">
							Cancel
						</button>
					</>
				) : (
					<button
						className="button button--primary"
						onClick={onTest}
						title="Run the whole graph with the test values (Ctrl+Enter)"
						data-testid="test-response"
					>
						▶ Test response
					</button>
				)}
				<button
					className="button"
					onClick={() => openDialog('preview')}
					disabled={!hasRun}
					title={hasRun ? 'Exactly what the AI would receive' : 'Run “Test response” first'}
					data-testid="preview-answer"
				>
					Preview answer
				</button>
				<button
					className="button button--live"
					onClick={() => openDialog('deploy')}
					disabled={!live}
					title={
						live
							? 'Send this action to n8n and publish it'
							: `Not deployable yet:\n${liveBlockers.map((reason) => `• ${reason}`).join('\n')}`
					}
					data-testid="set-live"
					data-blockers={liveBlockers.length}
				>
					Set live
				</button>
			</div>
		</header>
	);
}
