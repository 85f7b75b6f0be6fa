// The Logs view's table: one row per run of the action in n8n, newest first.
import type { RunSummary } from '../../../shared/api';
import { RunRow } from './RunRow';

export function RunTable({ runs }: { runs: RunSummary[] }) {
	return (
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
				{runs.map((run) => (
					<RunRow key={run.id} run={run} />
				))}
			</tbody>
		</table>
	);
}
