// The canvas's home: the saved actions with their state (draft, tested, live in n8n) and how many are
// live; open one, start a new one (blank or from a template), rename or delete one.
import { useEffect, useState } from 'react';

import type { ActionSummary } from '../../../shared/api';
import type { ApiError } from '../../api/client';
import type { TemplateInfo } from '../../api/types';
import { deleteAction, loadActions, renameAction, workspaceStore } from '../../state/workspace';
import { showError } from '../../state/toasts';
import { useStore } from '../../state/store';
import { Modal } from '../common/Modal';
import { logsHref } from '../logs/LogsView';
import { Spinner } from '../common/Spinner';
import { plainDescription } from '../palette/TemplateList';
import { Brand } from '../common/Brand';

interface Props {
	templates: TemplateInfo[];
	templatesUseDemo: boolean;
	onTemplatesUseDemo: (on: boolean) => void;
	onOpen: (id: string) => void;
	onCreate: (template?: TemplateInfo) => void;
	busy: boolean;
}

const STATE_TEXT: Record<ActionSummary['state'], string> = {
	draft: 'Draft',
	tested: 'Tested',
	live: 'Live in n8n',
};

export function ActionsHome(props: Props) {
	const actions = useStore(workspaceStore, (state) => state.actions);
	const liveCount = useStore(workspaceStore, (state) => state.liveCount);
	const loading = useStore(workspaceStore, (state) => state.listLoading);
	const error = useStore(workspaceStore, (state) => state.listError);
	const [renaming, setRenaming] = useState<string>();
	const [deleting, setDeleting] = useState<ActionSummary>();

	useEffect(() => void loadActions(), []);

	return (
		<div className="app">
			<header className="top-bar">
				<Brand />
			</header>
			<main className="home" data-testid="home" aria-labelledby="home-title">
				<div className="home__head">
					<h1 id="home-title">Your actions</h1>
					<p className="home__count" data-testid="live-count">
						<strong>{liveCount}</strong> live in n8n · {actions.length} saved
					</p>
				</div>
				<section className="home__new" aria-labelledby="home-new-title">
					<h2 id="home-new-title">Start a new action</h2>
					<div className="home__cards">
						<button
							className="template-card"
							onClick={() => props.onCreate()}
							disabled={props.busy}
							data-testid="new-blank-action"
						>
							<strong>Blank action</strong>
							<span>An empty canvas: drag Fin Trigger onto it.</span>
						</button>
						{props.templates.map((template) => (
							<button
								key={template.id}
								className="template-card"
								onClick={() => props.onCreate(template)}
								disabled={props.busy}
								data-testid={`new-from-${template.id}`}
							>
								<strong>{template.name}</strong>
								{template.description && (
									<span>{plainDescription(template.name, template.description)}</span>
								)}
							</button>
						))}
					</div>
					<label className="checkbox-line">
						<input
							type="checkbox"
							checked={props.templatesUseDemo}
							onChange={(event) => props.onTemplatesUseDemo(event.target.checked)}
							data-testid="home-use-demo"
						/>
						Test templates against the built-in demo backend (no account needed; the graph keeps the
						real addresses)
					</label>
				</section>
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
						<table className="actions-table" data-testid="action-list">
							<thead>
								<tr>
									<th scope="col">Name</th>
									<th scope="col">State</th>
									<th scope="col">Last test</th>
									<th scope="col">Changed</th>
									<th scope="col">
										<span className="visually-hidden">Manage</span>
									</th>
								</tr>
							</thead>
							<tbody>
								{actions.map((action) => (
									<tr key={action.id} data-testid={`action-row-${action.id}`}>
										<th scope="row">
											{renaming === action.id ? (
												<RenameField action={action} onDone={() => setRenaming(undefined)} />
											) : (
												<button
													className="link-button action-name"
													onClick={() => props.onOpen(action.id)}
													disabled={props.busy}
													data-testid="action-open"
												>
													{action.name}
												</button>
											)}
										</th>
										<td>
											<span
												className={`pill pill--state-${action.state}`}
												data-testid="action-state"
											>
												{STATE_TEXT[action.state]}
											</span>
										</td>
										<td className="muted">
											{action.lastTest
												? `${action.lastTest.summary ?? (action.lastTest.passed ? 'Passed' : 'Failed')} (${when(action.lastTest.at)})`
												: 'No test yet'}
										</td>
										<td className="muted">{when(action.updatedAt)}</td>
										<td className="actions-table__manage">
											{action.state === 'live' && (
												<a
													className="button button--small button--ghost"
													href={logsHref(action.id)}
													aria-label={`Logs of ${action.name}: its runs in n8n`}
													data-testid="action-logs"
												>
													Logs
												</a>
											)}
											<button
												className="button button--small button--ghost"
												onClick={() => setRenaming(action.id)}
												aria-label={`Rename ${action.name}`}
												data-testid="action-rename"
											>
												Rename
											</button>
											<button
												className="button button--small button--ghost button--danger"
												onClick={() => setDeleting(action)}
												aria-label={`Delete ${action.name}`}
												data-testid="action-delete"
											>
												Delete
											</button>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					)}
				</section>
			</main>
			{deleting && <DeleteDialog action={deleting} onClose={() => setDeleting(undefined)} />}
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

function RenameField({ action, onDone }: { action: ActionSummary; onDone: () => void }) {
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

function when(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
