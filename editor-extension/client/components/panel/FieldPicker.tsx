// "Pick fields", on an API Action or a Response Field Picker after one: the API's response as the last
// test received it, as a tree; ticking writes a JSON Pointer into the API Action's own picked fields
// (graph/picking.ts), so only those leave it, reach the AI and are stored in n8n's executions. The
// preview beside it is the real nodes' answer for that response (AnswerPreview).
import { useMemo, useState } from 'react';

import type { TestResult } from '../../api/types';
import { resolveValues } from '../../graph/parameters';
import { pickSource, unfoundPointers } from '../../graph/picking';
import {
	buildTree,
	findPickerSlots,
	labelFor,
	pickedPointers,
	togglePointer,
	type TreeEntry,
} from '../../graph/pointers';
import type { GraphNode } from '../../graph/types';
import { useCatalogContext } from '../../state/CatalogContext';
import { editorStore, setNodeParameters } from '../../state/editor';
import { useStore } from '../../state/store';
import { AnswerPreview } from './AnswerPreview';
import { NoApiAction, NoResponse } from './FieldPickerEmpty';
import { FieldPickerNotes } from './FieldPickerNotes';
import { FieldTree } from './FieldTree';
import { PickByPath } from './PickByPath';
import { useReplay } from './useReplay';

interface Props {
	node: GraphNode;
	run?: TestResult;
	onTest: () => void;
}

export function FieldPicker({ node, run, onTest }: Props) {
	const catalog = useCatalogContext();
	const graph = useStore(editorStore, (state) => state.history.present);
	const source = pickSource(graph, node.id);
	const description = source ? catalog.lookup(source.data.node.type) : undefined;
	const slots = useMemo(
		() => (description ? findPickerSlots(description.properties) : undefined),
		[description],
	);
	const recorded = source ? run?.nodes[source.data.node.name]?.apiResponse : undefined;
	const hasBody = Boolean(recorded && 'body' in recorded);
	const tree = useMemo(() => (hasBody ? buildTree(recorded?.body) : []), [hasBody, recorded]);
	const replay = useReplay(graph, run);
	// An empty list's row starts the typed path with its items (`/orders/*/`).
	const [seed, setSeed] = useState<{ path: string }>();

	if (!source || !description || !slots) return <NoApiAction />;
	const action = source.data.node;
	const parameters = action.parameters;
	const values = resolveValues(description.properties, parameters, undefined, action.typeVersion);
	const full = values.responseMode === 'full';
	const picked = pickedPointers(parameters, slots);
	const pickedSet = new Set(picked);
	const toggle = (entry: TreeEntry) =>
		setNodeParameters(
			source.id,
			togglePointer(parameters, slots, entry.pointer, labelFor(entry.tokens, entry.roles)),
		);

	const output = replay.current
		? replay.result?.nodes[action.name]?.output?.[0]?.[0]?.json
		: undefined;
	const missing = !full && output ? unfoundPointers(picked, output.fieldsUsed) : [];
	const notes = (
		<FieldPickerNotes node={node} source={source} full={full} nonePicked={picked.length === 0} />
	);

	if (!hasBody) return <NoResponse notes={notes} problem={recorded?.problem} onTest={onTest} />;
	return (
		<div className="field-picker" data-testid="field-picker">
			{notes}
			<p className="field__hint">
				The API's answer as the last test received it (kept in this page, never stored). Tick the
				fields the AI may see: only they leave “{action.name}”; everything else is removed before
				n8n stores the execution. Under a list, <strong>every item (*)</strong> picks that field of
				all items; under a map keyed by IDs, <strong>every key (~*)</strong> does the same for all
				its values, and <strong>its key (~key)</strong> keeps each ID. Each tick adds a field to the
				action's “{slots.property.displayName}” list (Parameters tab), where you can rename or
				format it.
			</p>
			<div className="field-picker__columns">
				<div>
					<FieldTree
						entries={tree}
						picked={pickedSet}
						onToggle={toggle}
						onTypeItems={(pointer) => setSeed({ path: `${pointer}/*/` })}
					/>
					<PickByPath
						body={recorded?.body}
						picked={picked}
						seed={seed}
						onAdd={(pointer, label) =>
							setNodeParameters(source.id, togglePointer(parameters, slots, pointer, label))
						}
					/>
					{missing.length > 0 && (
						<p className="field__hint" data-testid="field-picker-missing">
							Picked but found nothing for this customer (kept): {missing.join(', ')}
						</p>
					)}
				</div>
				<AnswerPreview replay={replay} />
			</div>
		</div>
	);
}
