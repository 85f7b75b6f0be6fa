// What stops a test (errors) or deserves a look (warnings); click one to select its nodes.
import type { Problem } from '../../graph/validation';
import { selectNodes } from '../../state/editor';

export function ProblemList({ problems }: { problems: Problem[] }) {
	if (!problems.length)
		return (
			<p className="ok-line" data-testid="problems">
				✓ The graph follows the rules: one trigger, no loops, distinct outputs.
			</p>
		);
	return (
		<ul className="problems" data-testid="problems">
			{problems.map((problem, index) => (
				<li key={index} className={`problem problem--${problem.level}`}>
					<button
						className="link-button"
						onClick={() => problem.nodeIds.length && selectNodes(problem.nodeIds)}
					>
						{problem.level === 'error' ? '✕' : '!'} {problem.message}
					</button>
				</li>
			))}
		</ul>
	);
}
