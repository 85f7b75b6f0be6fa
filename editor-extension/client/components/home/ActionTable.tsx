// The saved actions on the home page: name (opens it), state, last test, last change, and managing it.
import type { ActionSummary } from '../../../shared/api';
import { toTemplateFile } from '../../../shared/template-file';
import { api } from '../../api/client';
import { showError } from '../../state/toasts';
import { loadActions } from '../../state/workspace';
import { BackToDraftButton } from '../agent/BackToDraftButton';
import { logsHref } from '../logs/LogsView';
import { downloadJson, fileNameOf } from './download';
import { RenameField } from './RenameField';

/** Saves the action as a template file: its graph, notes, test values, picked fields and credential types; no secret, no address of yours. */
async function exportAction(action: ActionSummary) {
	try {
		const stored = await api.action(action.id);
		const file = toTemplateFile(stored.workflow as never, {
			name: action.name,
			testValues: stored.testValues,
		});
		downloadJson(fileNameOf(action.name, '.fin-template.json'), file);
	} catch (error) {
		showError(error, 'Reload the page and try again.');
	}
}

const STATE_TEXT: Record<ActionSummary['state'], string> = {
	draft: 'Draft',
	tested: 'Tested',
	live: 'Live in n8n',
	unpublished: 'Unpublished in n8n',
	deleted: 'Deleted in n8n',
};

/** When n8n was last asked (server/n8n-state.ts), and why it could not say, if it could not. */
function n8nNote(action: ActionSummary): string | undefined {
	if (!action.n8n) return undefined;
	const asked = `n8n was asked ${when(action.n8n.at)}`;
	return action.n8n.state === 'unknown'
		? `${asked} but could not say: ${action.n8n.reason}`
		: asked;
}

interface Props {
	actions: ActionSummary[];
	busy: boolean;
	onOpen: (id: string) => void;
	renaming: string | undefined;
	onRename: (id: string | undefined) => void;
	onDelete: (action: ActionSummary) => void;
}

export function ActionTable({ actions, ...rest }: Props) {
	return (
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
					<ActionRow key={action.id} action={action} {...rest} />
				))}
			</tbody>
		</table>
	);
}

function ActionRow({
	action,
	busy,
	onOpen,
	renaming,
	onRename,
	onDelete,
}: Omit<Props, 'actions'> & { action: ActionSummary }) {
	return (
		<tr data-testid={`action-row-${action.id}`}>
			<th scope="row">
				{renaming === action.id ? (
					<RenameField action={action} onDone={() => onRename(undefined)} />
				) : (
					<button
						className="link-button action-name"
						onClick={() => onOpen(action.id)}
						disabled={busy}
						data-testid="action-open"
					>
						{action.name}
					</button>
				)}
			</th>
			<td>
				<span
					className={`pill pill--state-${action.state}`}
					title={n8nNote(action)}
					data-testid="action-state"
				>
					{STATE_TEXT[action.state]}
				</span>
				{action.n8n?.state === 'unknown' && (
					<span className="field__hint" data-testid="action-state-unknown">
						{' '}
						n8n could not say: {action.n8n.reason}
					</span>
				)}
			</td>
			<td className="muted">
				{action.lastTest
					? `${action.lastTest.summary ?? (action.lastTest.passed ? 'Passed' : 'Failed')} (${when(action.lastTest.at)})`
					: 'No test yet'}
			</td>
			<td className="muted">{when(action.updatedAt)}</td>
			<td className="actions-table__manage">
				<ActionButtons action={action} onRename={onRename} onDelete={onDelete} />
			</td>
		</tr>
	);
}

function ActionButtons({
	action,
	onRename,
	onDelete,
}: Pick<Props, 'onRename' | 'onDelete'> & { action: ActionSummary }) {
	return (
		<>
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
			{action.state === 'live' && (
				<BackToDraftButton
					actionId={action.id}
					name={action.name}
					onDone={() => void loadActions()}
					className="button button--small button--ghost"
				/>
			)}
			<button
				className="button button--small button--ghost"
				onClick={() => void exportAction(action)}
				aria-label={`Export ${action.name} as a template file`}
				data-testid="action-export"
			>
				Export
			</button>
			<button
				className="button button--small button--ghost"
				onClick={() => onRename(action.id)}
				aria-label={`Rename ${action.name}`}
				data-testid="action-rename"
			>
				Rename
			</button>
			<button
				className="button button--small button--ghost button--danger"
				onClick={() => onDelete(action)}
				aria-label={`Delete ${action.name}`}
				data-testid="action-delete"
			>
				Delete
			</button>
		</>
	);
}

function when(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
