// The selected node's name (rename in place, F2), its type, and deactivate / delete / close.
import { useEffect, useRef, useState } from 'react';

import { runnableBaseName } from '../../graph/baseNodes';
import type { GraphNode, NodeDescription } from '../../graph/types';
import { editorStore, rename, selectNodes } from '../../state/editor';
import { useStore } from '../../state/store';
import { NodeIcon } from '../common/NodeIcon';
import { NodeTools } from './NodeTools';

interface Props {
	node: GraphNode;
	description?: NodeDescription;
}

export function NodeHeader({ node, description }: Props) {
	const name = node.data.node.name;
	const [draft, setDraft] = useState(name);
	const [problem, setProblem] = useState<string>();
	const input = useRef<HTMLInputElement>(null);
	const renameRequest = useStore(editorStore, (state) => state.renameRequest);
	useEffect(() => {
		setDraft(name);
		setProblem(undefined);
	}, [name, node.id]);
	useEffect(() => {
		if (renameRequest) input.current?.select();
	}, [renameRequest]);
	const commit = () => setProblem(rename(node.id, draft));
	return (
		<header className="panel-header">
			<NodeIcon description={description} size={36} name={runnableBaseName(node.data.node.type)} />
			<div className="panel-header__names">
				<input
					ref={input}
					className="panel-header__name"
					value={draft}
					onChange={(event) => setDraft(event.target.value)}
					onBlur={commit}
					onKeyDown={(event) => {
						if (event.key === 'Enter') commit();
						if (event.key === 'Escape') setDraft(name);
					}}
					aria-label="Node name"
					title="Rename (F2)"
					data-testid="panel-node-name"
				/>
				<div className="panel-header__meta">
					<span className="panel-header__type">
						{description?.displayName ??
							(runnableBaseName(node.data.node.type)
								? `n8n ${runnableBaseName(node.data.node.type)}`
								: node.data.node.type)}
					</span>
					<NodeTools node={node} />
				</div>
				{problem && <span className="field__error">{problem}</span>}
			</div>
			<button
				className="icon-button"
				onClick={() => selectNodes([])}
				aria-label="Close panel"
				data-testid="panel-close"
			>
				×
			</button>
		</header>
	);
}
