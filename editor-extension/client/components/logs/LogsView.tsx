// Logs of a live action (#/actions/<id>/logs): its recent runs in n8n, read by the canvas server from
// n8n's executions API (GET /api/actions/:id/runs). Each run says when, which verified customer, the
// audience outcome, the API's status, how long, which fields were answered (names only) and, for a
// failed run, the node that failed and what to do. The n8n API key stays on the server.
import { useEffect, useRef, useState, type RefObject } from 'react';

import { Spinner } from '../common/Spinner';
import { ConversationsView } from './ConversationsView';
import { RunTable } from './RunTable';
import { useRuns } from './useRuns';

export function LogsView({ actionId }: { actionId: string }) {
	const { list, error, loading, load } = useRuns(actionId);
	const heading = useRef<HTMLHeadingElement>(null);
	const [view, setView] = useState<'runs' | 'conversations'>('runs');

	useEffect(() => {
		void load();
		heading.current?.focus();
	}, [load]);

	return (
		<main className="logs" data-testid="logs-view" aria-labelledby="logs-title">
			<LogsHeader
				actionId={actionId}
				actionName={list?.actionName}
				heading={heading}
				loading={loading}
				onRefresh={() => void load()}
			/>
			<LogsViewSwitch view={view} onChange={setView} />
			{view === 'conversations' && (
				<ConversationsView baseUrl={list?.baseUrl} action={list?.actionName} />
			)}
			{view === 'runs' && list && (
				<p className="muted">
					Recent runs of workflow {list.workflowId} in n8n at {list.baseUrl}, newest first. Field
					names only: the values customers received stay in n8n.
				</p>
			)}
			{view === 'runs' && error && (
				<div className="run-error" role="alert" data-testid="logs-error">
					<strong>{error.message}</strong>
					<p>{error.hint}</p>
				</div>
			)}
			<div role="status" className="logs__status" hidden={view !== 'runs'}>
				{loading ? 'Loading runs…' : list ? `${list.runs.length} run(s) shown.` : ''}
			</div>
			{view === 'runs' && list && list.runs.length === 0 && !loading && (
				<p data-testid="logs-empty">
					No runs yet: n8n lists a run once a customer’s message reached the published workflow.
				</p>
			)}
			{view === 'runs' && list && list.runs.length > 0 && <RunTable runs={list.runs} />}
			{view === 'runs' && list?.nextCursor && (
				<button
					className="button"
					onClick={() => void load(list.nextCursor)}
					disabled={loading}
					data-testid="logs-more"
				>
					Load older runs
				</button>
			)}
		</main>
	);
}

/** This action's own runs, or the agent's conversations (ConversationsView). */
function LogsViewSwitch({
	view,
	onChange,
}: {
	view: 'runs' | 'conversations';
	onChange: (view: 'runs' | 'conversations') => void;
}) {
	const options = [
		['runs', 'Runs of this action'],
		['conversations', 'Agent conversations'],
	] as const;
	return (
		<div className="segmented" role="group" aria-label="Show">
			{options.map(([option, label]) => (
				<button
					key={option}
					type="button"
					className={`segmented__option${view === option ? ' segmented__option--on' : ''}`}
					aria-pressed={view === option}
					onClick={() => onChange(option)}
					data-testid={`logs-view-${option}`}
				>
					{label}
				</button>
			))}
		</div>
	);
}

interface HeaderProps {
	actionId: string;
	actionName: string | undefined;
	heading: RefObject<HTMLHeadingElement | null>;
	loading: boolean;
	onRefresh: () => void;
}

function LogsHeader({ actionId, actionName, heading, loading, onRefresh }: HeaderProps) {
	return (
		<header className="logs__header">
			<a className="button button--ghost" href={`#/actions/${encodeURIComponent(actionId)}`}>
				← Back to the action
			</a>
			<h1 id="logs-title" ref={heading} tabIndex={-1}>
				Logs{actionName ? `: ${actionName}` : ''}
			</h1>
			<button className="button" onClick={onRefresh} disabled={loading} data-testid="logs-refresh">
				{loading ? <Spinner /> : null} Refresh
			</button>
		</header>
	);
}

/** The Logs address of an action: `#/actions/<id>/logs`. */
export function logsHref(actionId: string): string {
	return `#/actions/${encodeURIComponent(actionId)}/logs`;
}

const LOGS_HASH = /^#\/actions\/([A-Za-z0-9_-]+)\/logs$/;

/** The action whose logs the address names, if any. */
export function logsActionInAddress(hash = window.location.hash): string | undefined {
	return LOGS_HASH.exec(hash)?.[1];
}

/** The Logs view's action id, following the address as it changes. */
export function useLogsAddress(): string | undefined {
	const [id, setId] = useState(() => logsActionInAddress());
	useEffect(() => {
		const update = () => setId(logsActionInAddress());
		window.addEventListener('hashchange', update);
		return () => window.removeEventListener('hashchange', update);
	}, []);
	return id;
}
