// The answer preview's data: the graph as it is now, replayed on the last test's recorded responses.
import { useEffect, useMemo, useRef, useState } from 'react';

import { toApiError } from '../../api/client';
import type { TestResult } from '../../api/types';
import type { GraphDoc } from '../../graph/types';
import { recordedResponses, replayAnswer } from '../../state/answerReplay';
import type { Replay } from './AnswerPreview';

/** What of the graph changes the answer: nodes (not where they sit) and connections. */
function replayKey(graph: GraphDoc): string {
	return JSON.stringify([
		graph.nodes.map(({ data: { node } }) => ({ ...node, position: undefined })),
		graph.edges.map((edge) => [edge.source, edge.sourceHandle, edge.target, edge.targetHandle]),
	]);
}

/** The graph as it is now, run on the last test's responses; again after each change. */
export function useReplay(graph: GraphDoc, run: TestResult | undefined): Replay {
	const responses = useMemo(() => recordedResponses(run), [run]);
	const key = useMemo(() => replayKey(graph), [graph]);
	const latest = useRef(graph);
	latest.current = graph;
	const [state, setState] = useState<{ key?: string; result?: TestResult; error?: string }>({});
	useEffect(() => {
		if (!responses || Object.keys(responses).length === 0) return;
		const abort = new AbortController();
		// A short pause, so quick ticks make one run.
		const timer = setTimeout(() => {
			replayAnswer(latest.current, responses, abort.signal)
				.then((result) => setState({ key, result }))
				.catch((error: unknown) => {
					if (!abort.signal.aborted)
						setState({ key, error: toApiError(error, 'Previewing the answer').message });
				});
		}, 150);
		return () => {
			clearTimeout(timer);
			abort.abort();
		};
	}, [key, responses]);
	if (!responses)
		return {
			current: true,
			error:
				'No preview: a response of the last test cannot be replayed (see the note above), and the preview never calls an API again. “Test response” shows the answer.',
		};
	const current = state.key === key;
	return { result: state.result, error: current ? state.error : undefined, current };
}
