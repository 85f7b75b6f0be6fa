// "Pick fields": the response of the last test as a tree; ticking writes a JSON Pointer into the
// Response Field Picker's own fields list (found from its description), unticking removes it.
import { useMemo } from 'react';

import type { TestResult } from '../../api/types';
import { resolveValues } from '../../graph/parameters';
import {
	buildTree,
	labelFor,
	pickedPointers,
	togglePointer,
	treePointers,
	type PickerSlots,
	type TreeEntry,
} from '../../graph/pointers';
import type { GraphNode, NodeDescription } from '../../graph/types';
import { setNodeParameters } from '../../state/editor';
import { AnswerPreview } from './AnswerPreview';
import { FieldTree } from './FieldTree';

interface Props {
	node: GraphNode;
	description: NodeDescription;
	slots: PickerSlots;
	run?: TestResult;
	onTest: () => void;
}

/** The response the picker reads: its own input, else the newest output of the run holding that key. */
function responseOf(
	run: TestResult | undefined,
	name: string,
	key: string,
): { found: boolean; value?: unknown } {
	const own = run?.nodes[name]?.input?.[0]?.json;
	if (own && key in own) return { found: true, value: own[key] };
	for (const nodeName of [...(run?.executionOrder ?? [])].reverse()) {
		const item = run?.nodes[nodeName]?.output
			?.flat()
			.find((candidate) => candidate?.json && key in candidate.json);
		if (item) return { found: true, value: item.json[key] };
	}
	return { found: false };
}

export function FieldPicker({ node, description, slots, run, onTest }: Props) {
	const parameters = node.data.node.parameters;
	const values = resolveValues(
		description.properties,
		parameters,
		undefined,
		node.data.node.typeVersion,
	);
	const key =
		typeof values.responseKey === 'string' && values.responseKey ? values.responseKey : 'response';
	const response = responseOf(run, node.data.node.name, key);
	const tree = useMemo(
		() => (response.found ? buildTree(response.value) : []),
		[response.found, response.value],
	);
	const picked = new Set(pickedPointers(parameters, slots));
	const offered = useMemo(() => treePointers(tree), [tree]);
	const missing = [...picked].filter((pointer) => !offered.has(pointer));

	const toggle = (entry: TreeEntry) =>
		setNodeParameters(
			node.id,
			togglePointer(parameters, slots, entry.pointer, labelFor(entry.tokens, entry.roles)),
		);

	if (!response.found) {
		return (
			<div className="empty-state" data-testid="field-picker">
				<p>
					Run “Test response” first: the API's answer appears here as a tree, and you tick the
					fields the AI may see.
				</p>
				<button className="button button--primary" onClick={onTest}>
					Test response
				</button>
			</div>
		);
	}
	return (
		<div className="field-picker" data-testid="field-picker">
			<p className="field__hint">
				Tick the fields the AI may see; everything else is removed. Under a list,{' '}
				<strong>every item (*)</strong> picks that field of all items. Each tick adds a field to the
				node's “{slots.property.displayName}” list (Parameters tab), where you can rename or format
				it.
			</p>
			<div className="field-picker__columns">
				<div>
					<FieldTree entries={tree} picked={picked} onToggle={toggle} />
					{missing.length > 0 && (
						<p className="field__hint" data-testid="field-picker-missing">
							Picked but not in this response (kept; they find nothing for this customer):{' '}
							{missing.join(', ')}
						</p>
					)}
				</div>
				<AnswerPreview
					response={response.value}
					parameters={parameters}
					slots={slots}
					typeVersion={node.data.node.typeVersion}
				/>
			</div>
		</div>
	);
}
