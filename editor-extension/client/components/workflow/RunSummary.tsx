// The last test in one glance: passed or failed, when, and whether the graph changed since.
import { isUsableAnswer } from '../../graph/liveGate';
import { editorStore, type RunState } from '../../state/editor';
import { useStore } from '../../state/store';
import { actionIdInAddress, workspaceStore } from '../../state/workspace';
import { logsHref } from '../logs/LogsView';

export function RunSummary({ run, stale }: { run?: RunState; stale: boolean }) {
	// The last test stored with this action (an earlier visit): shown, but only a test run now counts.
	const saved = useStore(workspaceStore, (state) => state.current?.lastTest);
	if (!run && saved)
		return (
			<div
				className={`run-summary run-summary--${saved.passed ? 'ok' : 'failed'}`}
				data-testid="run-summary"
				data-restored="true"
			>
				<strong>{saved.passed ? '✓ Last test passed' : '✕ Last test did not pass'}</strong>
				<span className="muted"> on {new Date(saved.at).toLocaleString()}</span>
				{saved.summary && <p className="field__hint">{saved.summary}</p>}
				<p className="field__hint">
					That test ran before this page was opened: test again before setting it live.
				</p>
			</div>
		);
	if (!run)
		return (
			<p className="muted" data-testid="run-summary">
				No test yet. “Test response” runs the whole graph with the values below.
			</p>
		);
	const nodes = Object.values(run.result.nodes);
	const failed = nodes.filter((node) => node.status === 'error').length;
	// The graph ran but the AI would get nothing (no answer, `{}`, `[]`): not a pass (graph/liveGate.ts).
	const empty = run.result.ok && !isUsableAnswer(run.result.answer);
	const outcome = empty ? 'empty' : run.result.ok ? 'ok' : 'failed';
	return (
		<div className={`run-summary run-summary--${outcome}`} data-testid="run-summary">
			<strong>
				{empty
					? `⚠ Last test ran${run.demo ? ' (demo backend)' : ''}, but the AI would receive no answer`
					: run.result.ok
						? `✓ Last test passed${run.demo ? ' (demo backend)' : ''}`
						: `✕ Last test failed${failed ? ` in ${failed} node${failed === 1 ? '' : 's'}` : ''}`}
			</strong>
			<span className="muted"> at {run.at.toLocaleTimeString()}</span>
			{stale && (
				<p className="field__hint">The graph changed since: test again before setting it live.</p>
			)}
			{empty && (
				<p className="field__hint">
					Each node's Output tab shows what it gave the next one: tick fields in Pick fields, or
					check the test values.
				</p>
			)}
			{!run.result.ok && <SeeLogs />}
		</div>
	);
}

/** On a failed test of a live action: how its runs in n8n went (Logs). */
function SeeLogs() {
	const live = useStore(editorStore, (state) => state.deployed?.active);
	const actionId = actionIdInAddress();
	if (!live || !actionId) return null;
	return (
		<p className="field__hint">
			It is live in n8n:{' '}
			<a href={logsHref(actionId)} data-testid="see-logs">
				See logs
			</a>{' '}
			of its runs there.
		</p>
	);
}
