// One conversation of the agent: when, the verified customer, the message and the reply, the actions
// (available to this customer, called with the model's inputs and their outcome, used in the reply)
// and the outcome; a failure's "See logs" opens its details (ConversationDetails) below the row.
import { useEffect, useId, useRef, useState } from 'react';

import type { ConversationCall, ConversationEvent } from '../../../shared/api';

const COLUMNS = 5;

export function ConversationRow({ event }: { event: ConversationEvent }) {
	const [open, setOpen] = useState(false);
	const detailsId = useId();
	const failures = failuresOf(event);
	return (
		<>
			<tr
				className={failures.length ? 'logs__row logs__row--failed' : 'logs__row'}
				data-testid="conversation"
				data-execution-id={event.id}
			>
				<td>
					<time dateTime={event.startedAt}>{new Date(event.startedAt).toLocaleString()}</time>
				</td>
				<td>
					<CustomerCell event={event} />
				</td>
				<td>
					<p>
						<span className="muted">Customer: </span>
						{event.message ?? <span className="muted">unknown</span>}
					</p>
					<p data-testid="conversation-reply">
						<span className="muted">Reply: </span>
						{event.reply ?? <span className="muted">none</span>}
					</p>
				</td>
				<td>
					<ActionsCell event={event} />
				</td>
				<td>
					<OutcomeCell event={event} failures={failures} />
					{failures.length > 0 && (
						<button
							type="button"
							className="button button--small"
							aria-expanded={open}
							aria-controls={detailsId}
							onClick={() => setOpen(!open)}
							data-testid="conversation-see-logs"
						>
							{open ? 'Hide logs' : 'See logs'}
						</button>
					)}
				</td>
			</tr>
			{open && (
				<tr id={detailsId} className="logs__row logs__row--failed">
					<td colSpan={COLUMNS}>
						<ConversationDetails event={event} failures={failures} />
					</td>
				</tr>
			)}
		</>
	);
}

interface Failure {
	node?: string;
	message: string;
	hint: string;
	/** The action whose call failed; absent for the execution's own failure. */
	action?: string;
}

/** The execution's own failure first, then each call that did not succeed. */
function failuresOf(event: ConversationEvent): Failure[] {
	const calls = event.calls
		.filter((call) => call.outcome === 'failed' && call.error)
		.map((call) => ({ ...call.error!, action: call.action }));
	return [...(event.error ? [event.error] : []), ...calls];
}

function CustomerCell({ event }: { event: ConversationEvent }) {
	const { userId, email, verified } = event.customer;
	if (!userId && !email)
		return <span className="muted">{verified ? 'verified, no identifier' : 'not verified'}</span>;
	return (
		<>
			{userId && <code>{userId}</code>}
			{userId && email && <br />}
			{email && <span>{email}</span>}
			<span className="muted"> (verified)</span>
		</>
	);
}

const OUTCOME: Record<ConversationCall['outcome'], string> = {
	succeeded: '✓ succeeded',
	failed: '✕ failed',
	'not available': 'not available to this customer',
	unknown: 'outcome unknown',
};

function ActionsCell({ event }: { event: ConversationEvent }) {
	return (
		<div data-testid="conversation-actions">
			<p>
				<span className="muted">Available: </span>
				{event.available === undefined ? (
					<span className="muted">unknown</span>
				) : event.available.length ? (
					event.available.join(', ')
				) : (
					'none'
				)}
			</p>
			{event.calls.length === 0 ? (
				<p>
					<span className="muted">Called: </span>none
				</p>
			) : (
				<ul aria-label="Calls" style={{ margin: '4px 0', paddingLeft: 18 }}>
					{event.calls.map((call, index) => (
						<li key={index} data-testid="conversation-call" data-outcome={call.outcome}>
							<strong>{call.action}</strong> <InputText input={call.input} />{' '}
							<span
								className={
									call.outcome === 'succeeded'
										? 'logs__ok'
										: call.outcome === 'failed'
											? 'logs__bad'
											: undefined
								}
							>
								→ {OUTCOME[call.outcome]}
							</span>
						</li>
					))}
				</ul>
			)}
			<p>
				<span className="muted">Used in reply: </span>
				{event.usedInReply === undefined ? (
					<span className="muted">unknown</span>
				) : event.usedInReply.length ? (
					event.usedInReply.join(', ')
				) : (
					'none'
				)}
			</p>
		</div>
	);
}

function InputText({ input }: { input: Record<string, unknown> }) {
	const entries = Object.entries(input);
	if (!entries.length) return <span className="muted">(no input)</span>;
	return (
		<code>
			(
			{entries
				.map(
					([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
				)
				.join(', ')}
			)
		</code>
	);
}

function OutcomeCell({ event, failures }: { event: ConversationEvent; failures: Failure[] }) {
	if (event.error)
		return (
			<strong className="logs__bad">
				✕ Failed{event.error.node ? ` in “${event.error.node}”` : ''}
			</strong>
		);
	if (failures.length)
		return (
			<strong className="logs__bad">
				Answered; {failures.map((failure) => `“${failure.action}”`).join(', ')} failed
			</strong>
		);
	if (event.status === 'success') return <span className="logs__ok">✓ Answered</span>;
	return <span>{event.status}</span>;
}

/** What failed, where, and what to do; what could not be read; the execution in n8n. */
function ConversationDetails({
	event,
	failures,
}: {
	event: ConversationEvent;
	failures: Failure[];
}) {
	const heading = useRef<HTMLHeadingElement>(null);
	// Opened from "See logs": the keyboard continues from here.
	useEffect(() => heading.current?.focus(), []);
	return (
		<div data-testid="conversation-details">
			<h3 ref={heading} tabIndex={-1} style={{ margin: '4px 0', fontSize: 14 }}>
				Logs of execution {event.id}
			</h3>
			{failures.map((failure, index) => (
				<div key={index} data-testid="conversation-failure">
					<p>
						<strong className="logs__bad">
							{failure.action ? `“${failure.action}” failed` : 'The conversation failed'}
							{failure.node ? ` in node “${failure.node}”` : ''}
						</strong>
					</p>
					<p>{failure.message}</p>
					<p className="field__hint">What to do: {failure.hint}</p>
				</div>
			))}
			{event.unknown.length > 0 && (
				<ul aria-label="Not known from this execution">
					{event.unknown.map((line) => (
						<li key={line} className="muted">
							Unknown: {line}
						</li>
					))}
				</ul>
			)}
			<a href={event.url} target="_blank" rel="noreferrer">
				Open this execution in n8n
			</a>
		</div>
	);
}
