// Counting what n8n ran, through its public API (GET /api/v1/executions). n8n saves an execution
// after it has answered the webhook, so counts are read once they have stopped moving.
import type { N8nClient } from '../../../real-n8n/n8n-api';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Every execution of the workflow (all pages), newest first; with their data when asked. */
export async function allExecutions(
	api: N8nClient,
	workflowId: string,
	includeData = false,
): Promise<any[]> {
	const found: any[] = [];
	await forEachExecutionPage(api, workflowId, includeData, (page) => found.push(...page));
	return found;
}

/** Every execution of the workflow, a page of 250 at a time (with their data, nothing is kept). */
export async function forEachExecutionPage(
	api: N8nClient,
	workflowId: string,
	includeData: boolean,
	visit: (executions: any[]) => void,
): Promise<void> {
	let cursor: string | undefined;
	// Bounded: 400 pages of 250 is far more than any suite here runs.
	for (let page = 0; page < 400; page++) {
		const list = await api.apiOk(
			'GET',
			`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=${includeData}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		visit(list.data);
		cursor = list.nextCursor ?? undefined;
		if (!cursor) return;
	}
	throw new Error(`More than 100000 executions of workflow ${workflowId}`);
}

const finished = (execution: any) => !['new', 'running', 'waiting'].includes(execution.status);

/**
 * Waits until the workflow has at least `expected` finished executions and the count has not moved
 * for `quietMs` (an execution a rejected request started would show up in that time too), or until
 * `timeoutMs` passed. Returns the executions it then sees (with data when asked).
 */
export async function settledCount(
	api: N8nClient,
	workflowId: string,
	expected: number,
	{ timeoutMs = 60000, quietMs = 3000, includeData = false } = {},
): Promise<any[]> {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let since = Date.now();
	for (;;) {
		const executions = await allExecutions(api, workflowId, false);
		const count = executions.length;
		const allFinished = executions.every(finished);
		if (count !== last || !allFinished) {
			last = count;
			since = Date.now();
		}
		const quiet = Date.now() - since >= quietMs;
		if ((count >= expected && allFinished && quiet) || Date.now() > deadline)
			return includeData ? allExecutions(api, workflowId, true) : executions;
		await sleep(500);
	}
}
