// Beside the field tree: what production answers for the last test's response with the fields as
// they are now. Not recomputed here: the server runs the graph's real nodes on the recorded response
// (state/answerReplay.ts), so the preview and a new test cannot disagree.
import type { TestResult } from '../../api/types';
import { JsonView } from '../common/JsonView';

export interface Replay {
	result?: TestResult;
	error?: string;
	/** The replay describes the graph as it is now. */
	current: boolean;
}

function failureOf(result: TestResult): string {
	const failed = Object.entries(result.nodes).find(([, report]) => report.status === 'error');
	if (failed) return `${failed[0]} fails: ${failed[1].error?.message ?? 'unknown error'}`;
	return (
		result.warnings[result.warnings.length - 1] ??
		result.error?.message ??
		'The graph gives no answer for this response.'
	);
}

export function AnswerPreview({ replay }: { replay: Replay }) {
	const { result, error, current } = replay;
	return (
		<section className="answer-preview" aria-labelledby="answer-preview-title">
			<h3 id="answer-preview-title">Answer preview</h3>
			<p className="field__hint">
				What n8n answers the AI for this test's response, with the fields as they are now (the nodes
				run again on the response the test received; the API is not called).
			</p>
			<div aria-live="polite" data-testid="answer-preview" data-current={current && !error}>
				{error ? (
					<p className="field__error">{error}</p>
				) : !result ? (
					<p className="muted">Working out the answer…</p>
				) : result.answer ? (
					<JsonView
						value={result.answer}
						label="Answer preview"
						testId="answer-preview-json"
						maxHeight={520}
					/>
				) : (
					<p className="field__error" data-testid="answer-preview-problem">
						{failureOf(result)}
					</p>
				)}
			</div>
		</section>
	);
}
