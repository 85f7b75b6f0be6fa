// Left column: search, the package's nodes, and the templates.
import { useEffect, useRef, useState } from 'react';

import type { NodeTypeInfo, TemplateInfo } from '../../api/types';
import { PaletteNode } from './PaletteNode';
import { usePaletteSearch } from './usePaletteSearch';
import { TemplateList } from './TemplateList';

interface Props {
	nodes: NodeTypeInfo[];
	templates: TemplateInfo[];
	useDemo: boolean;
	onUseDemo: (on: boolean) => void;
	onAdd: (type: string) => void;
	onOpenTemplate: (template: TemplateInfo) => void;
	focusRequest: number;
}

export function Palette({
	nodes,
	templates,
	useDemo,
	onUseDemo,
	onAdd,
	onOpenTemplate,
	focusRequest,
}: Props) {
	const [query, setQuery] = useState('');
	const search = useRef<HTMLInputElement>(null);
	useEffect(() => {
		if (focusRequest) search.current?.focus();
	}, [focusRequest]);
	const { shownNodes, shownTemplates } = usePaletteSearch(nodes, templates, query);
	return (
		<aside className="palette" data-testid="palette">
			<input
				ref={search}
				className="palette__search"
				type="search"
				placeholder="Search nodes and templates"
				value={query}
				onChange={(event) => setQuery(event.target.value)}
				onKeyDown={(event) => {
					if (event.key === 'Enter' && shownNodes.length === 1) onAdd(shownNodes[0].type);
					if (event.key === 'Escape') {
						setQuery('');
						event.currentTarget.blur();
					}
				}}
				data-testid="palette-search"
				aria-label="Search nodes and templates"
			/>
			<section className="palette__section">
				<h3>Nodes</h3>
				{shownNodes.map((node) => (
					<PaletteNode key={node.type} info={node} onAdd={onAdd} />
				))}
				{shownNodes.length === 0 && <p className="muted">No node matches “{query}”.</p>}
				<p className="palette__tip">
					Drag a node onto the canvas, or click it to add it after the selected node.
				</p>
			</section>
			<TemplateList
				templates={shownTemplates}
				useDemo={useDemo}
				onUseDemo={onUseDemo}
				onOpen={onOpenTemplate}
			/>
		</aside>
	);
}
