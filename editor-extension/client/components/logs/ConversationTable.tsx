// The agent's conversations as a table: one row per conversation event, newest first; a failure's
// "See logs" opens a row below it with what failed, where, and what to do.
import type { ConversationEvent } from '../../../shared/api';
import { ConversationRow } from './ConversationRow';

export function ConversationTable({ events }: { events: ConversationEvent[] }) {
	return (
		<table className="logs__table" data-testid="conversations-table">
			<caption className="visually-hidden">Conversations of the agent in n8n</caption>
			<thead>
				<tr>
					<th scope="col">Time</th>
					<th scope="col">Customer</th>
					<th scope="col">Message and reply</th>
					<th scope="col">Actions</th>
					<th scope="col">Outcome</th>
				</tr>
			</thead>
			<tbody>
				{events.map((event) => (
					<ConversationRow key={event.id} event={event} />
				))}
			</tbody>
		</table>
	);
}
