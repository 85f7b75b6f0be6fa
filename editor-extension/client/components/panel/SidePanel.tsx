// Right column for the selected node: its parameters (rendered from its own n8n description) and
// credentials, and what it received, produced, requested and failed with in the last test.
import { useEffect, useMemo, useRef, useState } from 'react';

import type { TestResult } from '../../api/types';
import { findPickerSlots } from '../../graph/pointers';
import type { GraphNode } from '../../graph/types';
import { editorStore } from '../../state/editor';
import { useCatalogContext } from '../../state/CatalogContext';
import { useStore } from '../../state/store';
import { FieldPicker } from './FieldPicker';
import { NodeHeader } from './NodeHeader';
import { PanelTabs, type Tab } from './PanelTabs';
import { ParametersTab } from './ParametersTab';
import { RequestLog } from './RequestLog';
import { InputTab, OutputTab } from './RunTabs';

interface Props {
	node: GraphNode;
	run?: TestResult;
	onTest: () => void;
}

export function SidePanel({ node, run, onTest }: Props) {
	const catalog = useCatalogContext();
	const description = catalog.lookup(node.data.node.type);
	const [tab, setTab] = useState<Tab>('parameters');
	const body = useRef<HTMLDivElement>(null);
	const openRequest = useStore(editorStore, (state) => state.openRequest);
	const slots = useMemo(
		() => (description ? findPickerSlots(description.properties) : undefined),
		[description],
	);
	const nodeRun = run?.nodes[node.data.node.name];
	const isAction = /\.apiAction$/.test(node.data.node.type) || Boolean(nodeRun?.requests?.length);

	useEffect(() => {
		if (openRequest) body.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
	}, [openRequest]);
	useEffect(() => {
		if (tab === 'fields' && !slots) setTab('parameters');
		if (tab === 'requests' && !isAction) setTab('parameters');
	}, [node.id, slots, isAction, tab]);

	const tabs: Array<[Tab, string, boolean]> = [
		['parameters', 'Parameters', true],
		['fields', 'Pick fields', Boolean(slots)],
		['input', 'Input', true],
		['output', nodeRun?.status === 'error' ? 'Output ⚠' : 'Output', true],
		['requests', 'Requests', isAction],
	];

	return (
		// "Pick fields" widens the panel: the answer preview sits beside the tree.
		<aside
			className={`side-panel${tab === 'fields' ? ' side-panel--wide' : ''}`}
			data-testid="side-panel"
		>
			<NodeHeader node={node} description={description} />
			<PanelTabs tabs={tabs} tab={tab} onSelect={setTab} />
			<div className="side-panel__body" ref={body}>
				{tab === 'parameters' && <ParametersTab node={node} />}
				{tab === 'fields' && description && slots && (
					<FieldPicker node={node} run={run} onTest={onTest} />
				)}
				{tab === 'input' && <InputTab nodeRun={nodeRun} ran={Boolean(run)} />}
				{tab === 'output' && <OutputTab nodeRun={nodeRun} description={description} />}
				{tab === 'requests' && <RequestLog requests={nodeRun?.requests} />}
			</div>
		</aside>
	);
}
