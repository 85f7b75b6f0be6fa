// The header's test / preview / set-live trio.
import { useEffect, useRef } from 'react';

import { editorStore, openDialog } from '../state/editor';
import { useStore } from '../state/store';
import { workspaceStore } from '../state/workspace';
import { BackToDraftButton } from './agent/BackToDraftButton';
import { cancelTest } from '../state/testRun';
import { Spinner } from './common/Spinner';

interface Props {
	onTest: () => void;
	/** Why "Set live" is off (graph/liveGate.ts); empty when the action is deployable. */
	liveBlockers: string[];
	testing: boolean;
	hasRun: boolean;
}

export function TopBarActions({ onTest, liveBlockers, testing, hasRun }: Props) {
	const live = liveBlockers.length === 0;
	// "Test response" and "Cancel" replace each other: the focus follows, instead of falling to <body>.
	const testButton = useRef<HTMLButtonElement>(null);
	const cancelButton = useRef<HTMLButtonElement>(null);
	const hadFocus = useRef(false);
	const wasTesting = useRef(testing);
	if (wasTesting.current !== testing) {
		// Read while the old button is still on the page (before this render's commit removes it).
		wasTesting.current = testing;
		hadFocus.current = [testButton.current, cancelButton.current].includes(
			document.activeElement as HTMLButtonElement,
		);
	}
	useEffect(() => {
		if (hadFocus.current) (testing ? cancelButton : testButton).current?.focus();
		hadFocus.current = false;
	}, [testing]);
	const deployed = useStore(editorStore, (state) => state.deployed);
	const current = useStore(workspaceStore, (state) => state.current);
	const name = useStore(
		workspaceStore,
		(state) => state.actions.find((action) => action.id === state.current?.id)?.name,
	);
	return (
		<div className="top-bar__actions">
			{testing ? (
				<>
					<span className="top-bar__progress" data-testid="test-progress">
						<Spinner label="Testing" /> Testing the whole graph…
					</span>
					<button
						ref={cancelButton}
						className="button"
						onClick={cancelTest}
						data-testid="test-cancel"
					>
						Cancel
					</button>
				</>
			) : (
				<button
					ref={testButton}
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
			{deployed?.active && current && (
				<BackToDraftButton
					actionId={current.id}
					name={name ?? 'this action'}
					// Not live any more: the next autosave keeps it so, and "Set live" updates the same workflow.
					onDone={() => editorStore.set({ deployed: { ...deployed, active: false } })}
				/>
			)}
		</div>
	);
}
