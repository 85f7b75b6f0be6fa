// One run in the Logs view: when, which verified customer, the audience outcome, the API's status,
// how long, which fields were answered (names only) and the outcome (for a failure: the node and hint).
import type { RunSummary } from '../../../shared/api';

export function RunRow({ run }: { run: RunSummary }) {
	const failed = isFailed(run);
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
				<CustomerCell run={run} />
			</td>
			<td>
				<AudienceCell run={run} />
			</td>
			<td>
				<ApiCell run={run} />
			</td>
			<td>{run.durationMs !== undefined ? `${run.durationMs} ms` : '–'}</td>
			<td>{run.fields.length ? run.fields.join(', ') : <span className="muted">none</span>}</td>
			<td>
				<OutcomeCell run={run} />
			</td>
		</tr>
	);
}

/** The verified customer, by the signed attribute that named them. */
function CustomerCell({ run }: { run: RunSummary }) {
	return run.customer.id ? (
		<>
			<code>{run.customer.id}</code>
			<span className="muted"> ({run.customer.attribute}, verified)</span>
		</>
	) : (
		<span className="muted">not verified</span>
	);
}

/** Whether the customer was in the audience, and why. */
function AudienceCell({ run }: { run: RunSummary }) {
	return run.audience ? (
		<span title={run.audience.reason}>
			{run.audience.matched ? 'In audience' : 'Not in audience'}
			{run.audience.reason && <span className="muted"> ({run.audience.reason})</span>}
		</span>
	) : (
		<span className="muted">no filter</span>
	);
}

/** The customer's API: its HTTP status, no answer, or not called. */
function ApiCell({ run }: { run: RunSummary }) {
	return run.api ? (
		run.api.status !== undefined ? (
			<span className={run.api.ok ? 'logs__ok' : 'logs__bad'}>HTTP {run.api.status}</span>
		) : (
			<span className="logs__bad">no answer</span>
		)
	) : (
		<span className="muted">not called</span>
	);
}

/** Answered, or failed: in which node, what to do, and the run in n8n. */
function OutcomeCell({ run }: { run: RunSummary }) {
	if (isFailed(run))
		return (
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
		);
	return (
		<span className="logs__ok">
			✓{' '}
			{run.status === 'success'
				? run.actionUsed
					? 'Answered'
					: 'Answered without the action'
				: run.status}
		</span>
	);
}

function isFailed(run: RunSummary): boolean {
	return Boolean(run.error) || run.status === 'error' || run.status === 'crashed';
}
