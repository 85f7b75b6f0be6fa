// Logs of a live action (#/actions/<id>/logs): its recent runs in n8n, read by the canvas server from
// n8n's executions API (GET /api/actions/:id/runs). Each run says when, which verified customer, the
// audience outcome, the API's status, how long, which fields were answered (names only) and, for a
// failed run, the node that failed and what to do. The n8n API key stays on the server.
import { useCallback, useEffect, useRef, useState } from 'react';

import { api, toApiError, type ApiError } from '../../api/client';
import type { RunList, RunSummary } from '../../../shared/api';
import { Spinner } from '../common/Spinner';

export function LogsView({ actionId }: { actionId: string }) {
	const [list, setList] = useState<RunList>();
	const [error, setError] = useState<ApiError>();
	const [loading, setLoading] = useState(true);
	const heading = useRef<HTMLHeadingElement>(null);

	const load = useCallback(
		async (cursor?: string) => {
			setLoading(true);
			setError(undefined);
			try {
				const page = await api.runs(actionId, cursor);
				setList((before) =>
					cursor && before ? { ...page, runs: [...before.runs, ...page.runs] } : page,
				);
			} catch (caught) {
				setError(toApiError(caught, 'Loading the logs'));
			} finally {
				setLoading(false);
			}
		},
		[actionId],
	);
	useEffect(() => {
		void load();
		heading.current?.focus();
	}, [load]);

	return (
		<main className="logs" data-testid="logs-view" aria-labelledby="logs-title">
			<header className="logs__header">
				<a className="button button--ghost" href={`#/actions/${encodeURIComponent(actionId)}`}>
					← Back to the action
				</a>
				<h1 id="logs-title" ref={heading} tabIndex={-1}>
					Logs{list?.actionName ? `: ${list.actionName}` : ''}
				</h1>
				<button
					className="button"
					onClick={() => void load()}
					disabled={loading}
					data-testid="logs-refresh"
				>
					{loading ? <Spinner /> : null} Refresh
				</button>
			</header>
			{list && (
				<p className="muted">
					Recent runs of workflow {list.workflowId} in n8n at {list.baseUrl}, newest first. Field
					names only: the values customers received stay in n8n.
				</p>
			)}
			{error && (
				<div className="run-error" role="alert" data-testid="logs-error">
					<strong>{error.message}</strong>
					<p>{error.hint}</p>
				</div>
			)}
			<div role="status" className="logs__status">
				{loading ? 'Loading runs…' : list ? `${list.runs.length} run(s) shown.` : ''}
			</div>
			{list && list.runs.length === 0 && !loading && (
				<p data-testid="logs-empty">
					No runs yet: n8n lists a run once a customer’s message reached the published workflow.
				</p>
			)}
			{list && list.runs.length > 0 && (
				<table className="logs__table" data-testid="logs-table">
					<caption className="visually-hidden">Recent runs of this action in n8n</caption>
					<thead>
						<tr>
							<th scope="col">Time</th>
							<th scope="col">Customer</th>
							<th scope="col">Audience</th>
							<th scope="col">API status</th>
							<th scope="col">Duration</th>
							<th scope="col">Fields answered</th>
							<th scope="col">Outcome</th>
						</tr>
					</thead>
					<tbody>
						{list.runs.map((run) => (
							<RunRow key={run.id} run={run} />
						))}
					</tbody>
				</table>
			)}
			{list?.nextCursor && (
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

function RunRow({ run }: { run: RunSummary }) {
	const failed = Boolean(run.error) || run.status === 'error' || run.status === 'crashed';
	return (
		<tr
			className={failed ? 'logs__row logs__row--failed' : 'logs__row'}
			data-testid="logs-run"
			data-run-id={run.id}
		>
			<td>
				<time dateTime={run.startedAt}>{new Date(run.startedAt).toLocaleString()}</time>
			</td>
			<td>
				{run.customer.id ? (
					<>
						<code>{run.customer.id}</code>
						<span className="muted"> ({run.customer.attribute}, verified)</span>
					</>
				) : (
					<span className="muted">not verified</span>
				)}
			</td>
			<td>
				{run.audience ? (
					<span title={run.audience.reason}>
						{run.audience.matched ? 'In audience' : 'Not in audience'}
						{run.audience.reason && <span className="muted"> ({run.audience.reason})</span>}
					</span>
				) : (
					<span className="muted">no filter</span>
				)}
			</td>
			<td>
				{run.api ? (
					run.api.status !== undefined ? (
						<span className={run.api.ok ? 'logs__ok' : 'logs__bad'}>HTTP {run.api.status}</span>
					) : (
						<span className="logs__bad">no answer</span>
					)
				) : (
					<span className="muted">not called</span>
				)}
			</td>
			<td>{run.durationMs !== undefined ? `${run.durationMs} ms` : '–'}</td>
			<td>{run.fields.length ? run.fields.join(', ') : <span className="muted">none</span>}</td>
			<td>
				{failed ? (
					<div data-testid="logs-run-error">
						<strong className="logs__bad">
							✕ Failed{run.error?.node ? ` in “${run.error.node}”` : ''}
						</strong>
						{run.error && (
							<>
								<p>{run.error.message}</p>
								<p className="field__hint">{run.error.hint}</p>
							</>
						)}
						<a href={run.url} target="_blank" rel="noreferrer">
							Open this run in n8n
						</a>
					</div>
				) : (
					<span className="logs__ok">
						✓{' '}
						{run.status === 'success'
							? run.actionUsed
								? 'Answered'
								: 'Answered without the action'
							: run.status}
					</span>
				)}
			</td>
		</tr>
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
