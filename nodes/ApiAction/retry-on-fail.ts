// One retry behaviour: the API Action's own "Retries" (only 429, 502, 503, 504, with backoff, waiting
// as Retry-After asks). n8n's "Retry On Fail" would run the node again after those retries (up to
// 5 x), on any failure (a 401 or 404 that no retry fixes), with a fixed wait that ignores
// Retry-After. n8n offers that setting on every node, so a node with it on refuses, saying why.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export function refuseRetryOnFail(context: IExecuteFunctions): void {
	const node = context.getNode();
	if (node.retryOnFail !== true) return;
	throw new NodeOperationError(
		node,
		'"Retry On Fail" is on in this node\'s Settings, but the API Action retries by itself: its "Retries" option retries 429, 502, 503 and 504 with backoff and waits as long as Retry-After asks. Turn off "Retry On Fail" (Settings) and raise "Retries" under Options if you need more.',
		{
			description:
				"With both, every failure would be retried several times over, including failures no retry fixes (401, 404), and n8n's fixed wait ignores Retry-After.",
		},
	);
}
