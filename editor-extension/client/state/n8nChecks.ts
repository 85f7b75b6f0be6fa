// n8n's own checks of the graph (the canvas server runs n8n-workflow's NodeHelpers on the nodes, as
// n8n's editor does): parameter issues and missing credentials, shown on the nodes and in Checks
// before a deploy, so n8n's refusal to publish is never the first the admin hears of them.
import { useEffect, useState } from 'react';

import { api } from '../api/client';
import type { NodeIssue } from '../api/types';
import type { GraphDoc, N8nWorkflow } from '../graph/types';
import type { Problem } from '../graph/validation';

const DELAY_MS = 400;

/** The issues for this workflow, fetched shortly after it stops changing. */
export function useN8nChecks(workflow: N8nWorkflow): NodeIssue[] {
	const [issues, setIssues] = useState<NodeIssue[]>([]);
	useEffect(() => {
		const controller = new AbortController();
		const timer = setTimeout(() => {
			api
				.checks(workflow, controller.signal)
				// The same issues again keep their array: nothing downstream (every node) re-renders.
				.then((answer) =>
					setIssues((last) =>
						JSON.stringify(last) === JSON.stringify(answer.issues) ? last : answer.issues,
					),
				)
				// No answer (server restarting): keep the last issues rather than pretend there are none.
				.catch(() => undefined);
		}, DELAY_MS);
		return () => {
			clearTimeout(timer);
			controller.abort();
		};
	}, [workflow]);
	return issues;
}

/** n8n's issues as Problems of the Checks list, each on the node it names. */
export function issuesAsProblems(doc: GraphDoc, issues: NodeIssue[]): Problem[] {
	return issues.flatMap((issue) => {
		const node = doc.nodes.find((candidate) => candidate.data.node.name === issue.node);
		if (!node) return [];
		return [
			{
				level: 'error' as const,
				message: `“${issue.node}”: ${issue.message}`,
				nodeIds: [node.id],
			},
		];
	});
}
