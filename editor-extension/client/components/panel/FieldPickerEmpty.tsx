// What "Pick fields" shows before there is a tree: no API Action before the node, or no response yet.
import type { ReactNode } from 'react';

export function NoApiAction() {
	return (
		<div className="empty-state" data-testid="field-picker">
			<p>
				No API Action comes before this node. Fields are picked in the API Action that reads the
				API: connect one before this node.
			</p>
		</div>
	);
}

interface NoResponseProps {
	notes: ReactNode;
	problem?: string;
	onTest: () => void;
}

export function NoResponse({ notes, problem, onTest }: NoResponseProps) {
	return (
		<div className="empty-state" data-testid="field-picker">
			{notes}
			<p>
				{problem ??
					"Run “Test response” first: the API's answer appears here as a tree, and you tick the fields the AI may see."}
			</p>
			<button className="button button--primary" onClick={onTest}>
				Test response
			</button>
		</div>
	);
}
