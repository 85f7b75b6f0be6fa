// The header: the workflow's name, history and file actions, and the test / preview / set-live trio.
import { useEffect, useRef } from 'react';

import { canRedo, canUndo } from '../graph/history';
import { commit, doc, editorStore } from '../state/editor';
import { useStore } from '../state/store';
import { goHome } from '../state/workspace';
import { SaveStatus } from './SaveStatus';
import { useDraft } from './inputs/useDraft';
import { Brand } from './common/Brand';
import { TopBarActions } from './TopBarActions';
import { TopBarTools } from './TopBarTools';

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
	const hasRun = useStore(editorStore, (state) => Boolean(state.run));
	const [draft, setDraft] = useDraft(name);
	// An action just opened (from "Blank action", a template or the list) replaced the control that had
	// the focus: the focus would fall to <body>. Its name is the first thing to read or change.
	const nameField = useRef<HTMLInputElement>(null);
	useEffect(() => {
		if (!document.activeElement || document.activeElement === document.body)
			nameField.current?.focus();
	}, []);
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
				ref={nameField}
				className="top-bar__name"
				value={draft}
				onChange={(event) => setDraft(event.target.value)}
				onBlur={rename}
				onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
				aria-label="Workflow name"
				data-testid="workflow-name"
			/>
			<SaveStatus />
			<TopBarTools undoable={undoable} redoable={redoable} />
			<TopBarActions
				onTest={onTest}
				liveBlockers={liveBlockers}
				testing={testing}
				hasRun={hasRun}
			/>
		</header>
	);
}
