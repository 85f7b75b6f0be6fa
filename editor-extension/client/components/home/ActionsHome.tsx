// The canvas's home: the saved actions with their state (draft, tested, live in n8n) and how many are
// live; open one, start a new one (blank or from a template), rename or delete one.
import { useEffect, useState } from 'react';

import type { ActionSummary } from '../../../shared/api';
import type { ApiError } from '../../api/client';
import type { TemplateInfo } from '../../api/types';
import { deleteAction, loadActions, syncWithN8n, workspaceStore } from '../../state/workspace';
import { showError } from '../../state/toasts';
import { useStore } from '../../state/store';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';
import { Brand } from '../common/Brand';
import { AgentSettingsDialog } from '../agent/AgentSettings';
import { ActionTable } from './ActionTable';
import { MissingAction } from './MissingAction';
import { NewAction } from './NewAction';

interface Props {
	templates: TemplateInfo[];
	templatesUseDemo: boolean;
	onTemplatesUseDemo: (on: boolean) => void;
	onOpen: (id: string) => void;
	onCreate: (template?: TemplateInfo) => void;
	busy: boolean;
}

export function ActionsHome(props: Props) {
	const actions = useStore(workspaceStore, (state) => state.actions);
	const liveCount = useStore(workspaceStore, (state) => state.liveCount);
	const loading = useStore(workspaceStore, (state) => state.listLoading);
	const error = useStore(workspaceStore, (state) => state.listError);
	const [renaming, setRenaming] = useState<string>();
	const [deleting, setDeleting] = useState<ActionSummary>();
	const [agentOpen, setAgentOpen] = useState(false);

	const syncing = useStore(workspaceStore, (state) => state.syncing);
	// The list at once, then as n8n has it (a workflow unpublished or deleted there).
	useEffect(() => void loadActions().then(syncWithN8n), []);

	return (
		<div className="app">
			<header className="top-bar">
				<Brand />
			</header>
			<main className="home" data-testid="home" aria-labelledby="home-title">
				<div className="home__head">
					<h1 id="home-title">Your actions</h1>
					<p className="home__count" data-testid="live-count">
						<strong>{liveCount}</strong> live in the AI agent · {actions.length} saved
					</p>
					<button
						className="button"
						onClick={() => void syncWithN8n()}
						disabled={syncing}
						title="Read each deployed action's state back from n8n"
						data-testid="check-n8n"
					>
						{syncing ? 'Asking n8n…' : 'Check n8n'}
					</button>
					<button
						className="button"
						onClick={() => setAgentOpen(true)}
						data-testid="open-agent-settings"
					>
						AI agent settings
					</button>
				</div>
				<MissingAction />
				<NewAction
					templates={props.templates}
					templatesUseDemo={props.templatesUseDemo}
					onTemplatesUseDemo={props.onTemplatesUseDemo}
					onCreate={props.onCreate}
					busy={props.busy}
				/>
				<section aria-labelledby="home-saved-title">
					<h2 id="home-saved-title">Saved actions</h2>
					{loading && actions.length === 0 && (
						<p className="muted">
							<Spinner /> Loading…
						</p>
					)}
					{error && <ListError error={error} />}
					{!loading && !error && actions.length === 0 && (
						<p className="muted" data-testid="no-actions">
							Nothing saved yet: start a new action above. Every change is saved automatically.
						</p>
					)}
					{actions.length > 0 && (
						<ActionTable
							actions={actions}
							busy={props.busy}
							onOpen={props.onOpen}
							renaming={renaming}
							onRename={setRenaming}
							onDelete={setDeleting}
						/>
					)}
				</section>
			</main>
			{deleting && <DeleteDialog action={deleting} onClose={() => setDeleting(undefined)} />}
			{agentOpen && <AgentSettingsDialog onClose={() => setAgentOpen(false)} />}
		</div>
	);
}

function ListError({ error }: { error: ApiError }) {
	return (
		<div className="run-error" role="alert" data-testid="action-list-error">
			<strong>{error.message}</strong>
			<p>{error.hint}</p>
			<button className="button" onClick={() => void loadActions()}>
				Try again
			</button>
		</div>
	);
}

function DeleteDialog({ action, onClose }: { action: ActionSummary; onClose: () => void }) {
	const [busy, setBusy] = useState(false);
	const remove = async () => {
		setBusy(true);
		try {
			await deleteAction(action.id);
			onClose();
		} catch (error) {
			showError(error, 'Reload the page and try again.');
			setBusy(false);
		}
	};
	return (
		<Modal
			title={`Delete “${action.name}”?`}
			onClose={onClose}
			testId="delete-action-dialog"
			footer={
				<>
					<button className="button" onClick={onClose} disabled={busy}>
						Cancel
					</button>
					<button
						className="button button--primary"
						onClick={() => void remove()}
						disabled={busy}
						data-testid="delete-action-confirm"
					>
						Delete
					</button>
				</>
			}
		>
			<p>
				The graph, its test values and its last test are removed from this canvas.
				{action.state === 'live'
					? ' The workflow it became in n8n stays there and keeps answering: unpublish it in n8n if it should stop.'
					: ''}{' '}
				Credentials stay under Credentials.
			</p>
		</Modal>
	);
}
