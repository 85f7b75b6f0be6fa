// "Preview answer": exactly the data the AI would receive from the last test, and nothing else.
import type { RunState } from '../../state/editor';
import { JsonView } from '../common/JsonView';
import { Modal } from '../common/Modal';

export function PreviewDialog({
	run,
	stale,
	onClose,
}: {
	run?: RunState;
	stale: boolean;
	onClose: () => void;
}) {
	return (
		<Modal title="Preview answer" onClose={onClose} testId="preview-dialog" wide>
			{!run && <p>Run “Test response” first.</p>}
			{run && !run.result.ok && (
				<p className="field__error">
					The last test failed, so the AI would get no answer from this action. Fix the node marked
					in red and test again.
				</p>
			)}
			{run && run.result.ok && (run.result.answer === null || run.result.answer === undefined) && (
				<div className="run-error" data-testid="preview-no-answer">
					<strong>The graph ran, but the AI would receive no answer.</strong>
					{((run.result.warnings as string[] | undefined) ?? []).map((warning) => (
						<p key={warning}>{warning}</p>
					))}
				</div>
			)}
			{run && run.result.ok && run.result.answer !== null && run.result.answer !== undefined && (
				<>
					<p className="field__hint">
						This is exactly what the AI receives when a customer like your test user asks: the
						output of the last node. Anything not in it stays hidden from the AI.
						{stale ? ' The graph changed since this test: test again to refresh.' : ''}
					</p>
					<JsonView value={run.result.answer} testId="preview-answer-json" maxHeight={480} />
				</>
			)}
		</Modal>
	);
}
