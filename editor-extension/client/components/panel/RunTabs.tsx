// The Input and Output tabs: what the node received and produced in the last test.
import type { TestResult } from '../../api/types';
import { outputsOf } from '../../graph/nodeTypes';
import type { NodeDescription } from '../../graph/types';
import { RunError } from './RunError';
import { RunItems } from './RunItems';

type NodeRun = TestResult['nodes'][string];

export function InputTab({ nodeRun, ran }: { nodeRun?: NodeRun; ran: boolean }) {
	return (
		<RunItems
			items={nodeRun?.input}
			empty={
				ran
					? 'This node received nothing in the last test.'
					: 'Run “Test response” to see what this node receives.'
			}
			testId="run-input"
			label="Input"
		/>
	);
}

interface OutputProps {
	nodeRun?: NodeRun;
	description?: NodeDescription;
}

export function OutputTab({ nodeRun, description }: OutputProps) {
	return (
		<>
			{nodeRun?.error && <RunError error={nodeRun.error} />}
			{nodeRun?.status === 'skipped' && (
				<p className="muted">
					This node did not run: no item reached it (for example, the Audience Filter sent the test
					user the other way).
				</p>
			)}
			{(nodeRun?.output ?? []).map((items, index, all) => (
				<section key={index}>
					{all.length > 1 && (
						<h4>{outputsOf(description)[index]?.label ?? `Output ${index + 1}`}</h4>
					)}
					<RunItems
						items={items}
						empty="No items on this output."
						testId={`run-output-${index}`}
						label="Output"
					/>
				</section>
			))}
			{!nodeRun && (
				<p className="muted" data-testid="run-output-0">
					Run “Test response” to see what this node produces.
				</p>
			)}
		</>
	);
}
