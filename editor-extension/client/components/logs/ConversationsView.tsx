// The agent's conversations in the Logs view: one row per execution of the workspace agent in n8n
// (GET /api/agent/conversations), with the customer, the message and reply, and per action whether
// it was available, called (with the model's inputs), succeeded or failed, and used in the reply.
// Filters by customer (user id or email) and by called action run on the server; "See logs" on a
// failure opens what failed, where, and what to do, with the execution in n8n.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';

import type { ConversationList } from '../../../shared/api';
import { loadConversations, toApiError, type ApiError } from '../../api/client';
import { Spinner } from '../common/Spinner';
import { ConversationTable } from './ConversationTable';

interface Filter {
	customer: string;
	action: string;
}

/** `baseUrl`: the n8n whose agent to read (else the only agent there is); `action`: the filter to start with. */
export function ConversationsView({ baseUrl, action = '' }: { baseUrl?: string; action?: string }) {
	const [filter, setFilter] = useState<Filter>({ customer: '', action });
	const [draft, setDraft] = useState<Filter>({ customer: '', action });
	const { list, error, loading, load } = useConversations(baseUrl, filter);
	const ids = useId();

	useEffect(() => void load(), [load]);

	const submit = (event: FormEvent) => {
		event.preventDefault();
		setFilter({ customer: draft.customer.trim(), action: draft.action });
	};
	const actions = [
		...new Set([...(list?.events.flatMap((event) => event.actions) ?? []), action, draft.action]),
	]
		.filter(Boolean)
		.sort();

	return (
		<section aria-labelledby={`${ids}-title`} data-testid="conversations-view">
			<h2 id={`${ids}-title`}>Agent conversations</h2>
			{list && (
				<p className="muted">
					Conversations of the agent (workflow {list.workflowId}) in n8n at {list.baseUrl}, newest
					first. The answers the actions returned stay in n8n; the reply is what the customer got.
				</p>
			)}
			<form
				className="conversations__filter"
				onSubmit={submit}
				aria-label="Filter the conversations"
				style={{ display: 'flex', gap: 12, alignItems: 'flex-end', margin: '8px 0' }}
			>
				<div className="field">
					<label className="field__label" htmlFor={`${ids}-customer`}>
						Customer (user id or email)
					</label>
					<input
						id={`${ids}-customer`}
						className="input"
						value={draft.customer}
						onChange={(event) => setDraft({ ...draft, customer: event.target.value })}
						data-testid="conversations-customer"
					/>
				</div>
				<div className="field">
					<label className="field__label" htmlFor={`${ids}-action`}>
						Action called
					</label>
					<select
						id={`${ids}-action`}
						className="input"
						value={draft.action}
						onChange={(event) => setDraft({ ...draft, action: event.target.value })}
						data-testid="conversations-action"
					>
						<option value="">All actions</option>
						{actions.map((name) => (
							<option key={name} value={name}>
								{name}
							</option>
						))}
					</select>
				</div>
				<button
					className="button"
					type="submit"
					disabled={loading}
					data-testid="conversations-apply"
				>
					{loading ? <Spinner /> : null} Show
				</button>
			</form>
			{error && (
				<div className="run-error" role="alert" data-testid="conversations-error">
					<strong>{error.message}</strong>
					<p>{error.hint}</p>
				</div>
			)}
			<div role="status" className="logs__status">
				{loading
					? 'Loading conversations…'
					: list
						? `${list.events.length} conversation(s) shown.`
						: ''}
			</div>
			{list && list.events.length === 0 && !loading && (
				<p data-testid="conversations-empty">
					{filter.customer || filter.action
						? 'No conversation matches these filters in the recent executions.'
						: 'No conversations yet: n8n lists one once a customer’s message reached the agent.'}
				</p>
			)}
			{list && list.events.length > 0 && <ConversationTable events={list.events} />}
			{list?.nextCursor && (
				<button
					className="button"
					onClick={() => void load(list.nextCursor)}
					disabled={loading}
					data-testid="conversations-more"
				>
					Load older conversations
				</button>
			)}
		</section>
	);
}

/** The conversations for these filters, page by page. */
function useConversations(baseUrl: string | undefined, filter: Filter) {
	const [list, setList] = useState<ConversationList>();
	const [error, setError] = useState<ApiError>();
	const [loading, setLoading] = useState(true);
	const load = useCallback(
		async (cursor?: string) => {
			setLoading(true);
			setError(undefined);
			try {
				const page = await loadConversations({ baseUrl, ...filter, cursor });
				setList((before) =>
					cursor && before ? { ...page, events: [...before.events, ...page.events] } : page,
				);
			} catch (caught) {
				setError(toApiError(caught, 'Loading the conversations'));
				if (!cursor) setList(undefined);
			} finally {
				setLoading(false);
			}
		},
		[baseUrl, filter],
	);
	return { list, error, loading, load };
}
