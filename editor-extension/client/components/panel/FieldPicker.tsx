// "Pick fields", on an API Action or a Response Field Picker after one: the API's response as the last
// test received it, as a tree; ticking writes a JSON Pointer into the API Action's own picked fields
// (graph/picking.ts), so only those leave it, reach the AI and are stored in n8n's executions. The
// preview beside it is the real nodes' answer for that response (AnswerPreview).
import { useEffect, useMemo, useRef, useState } from 'react';

import { toApiError } from '../../api/client';
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
import type { GraphDoc, GraphNode } from '../../graph/types';
import { recordedResponses, replayAnswer } from '../../state/answerReplay';
import { useCatalogContext } from '../../state/CatalogContext';
import { editorStore, setNodeParameters } from '../../state/editor';
import { useStore } from '../../state/store';
import { AnswerPreview, type Replay } from './AnswerPreview';
import { FieldTree } from './FieldTree';

interface Props {
	node: GraphNode;
	run?: TestResult;
	onTest: () => void;
}

/** What of the graph changes the answer: nodes (not where they sit) and connections. */
function replayKey(graph: GraphDoc): string {
	return JSON.stringify([
		graph.nodes.map(({ data: { node } }) => ({ ...node, position: undefined })),
		graph.edges.map((edge) => [edge.source, edge.sourceHandle, edge.target, edge.targetHandle]),
	]);
}

/** The graph as it is now, run on the last test's responses; again after each change. */
function useReplay(graph: GraphDoc, run: TestResult | undefined): Replay {
	const responses = useMemo(() => recordedResponses(run), [run]);
	const key = useMemo(() => replayKey(graph), [graph]);
	const latest = useRef(graph);
	latest.current = graph;
	const [state, setState] = useState<{ key?: string; result?: TestResult; error?: string }>({});
	useEffect(() => {
		if (!responses || Object.keys(responses).length === 0) return;
		const abort = new AbortController();
		// A short pause, so quick ticks make one run.
		const timer = setTimeout(() => {
			replayAnswer(latest.current, responses, abort.signal)
				.then((result) => setState({ key, result }))
				.catch((error: unknown) => {
					if (!abort.signal.aborted)
						setState({ key, error: toApiError(error, 'Previewing the answer').message });
				});
		}, 150);
		return () => {
			clearTimeout(timer);
			abort.abort();
		};
	}, [key, responses]);
	if (!responses)
		return {
			current: true,
			error:
				'No preview: a response of the last test cannot be replayed (see the note above), and the preview never calls an API again. “Test response” shows the answer.',
		};
	const current = state.key === key;
	return { result: state.result, error: current ? state.error : undefined, current };
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

	if (!source || !description || !slots) {
		return (
			<div className="empty-state" data-testid="field-picker">
				<p>
					No API Action comes before this node. Fields are picked in the API Action that reads the
					API: connect one before this node.
				</p>
			</div>
		);
	}
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
	const shaper =
		node.id !== source.id
			? resolveValues(
					catalog.lookup(node.data.node.type)?.properties ?? [],
					node.data.node.parameters,
					undefined,
					node.data.node.typeVersion,
				)
			: undefined;

	const notes = (
		<>
			{node.id !== source.id && (
				<p className="notice" data-testid="field-picker-target">
					Ticks set the fields of “{action.name}”, the API Action before this node: only what it
					picks leaves it. This node then shapes or renames that answer (Parameters tab).
					{shaper?.access === 'selected' &&
						' It keeps only its own fields of that answer: a field ticked here reaches the AI only if this node lists it too (or set its Access to Full Response to pass on every picked field).'}
				</p>
			)}
			{full && (
				<p className="notice notice--warning" role="alert" data-testid="field-picker-full">
					<strong>Full Response</strong>: every field of the API's answer leaves “{action.name}”,
					reaches the AI and is stored in n8n's executions of this workflow. Tick the fields the AI
					may see to keep only those (ticking switches the action to Picked Fields).
				</p>
			)}
			{!full && picked.length === 0 && (
				<p className="notice" data-testid="field-picker-none">
					No field is picked yet: “{action.name}” answers an empty object. Tick the fields the AI
					may see; nothing else of the API's answer leaves the action or is stored in n8n.
				</p>
			)}
		</>
	);

	if (!hasBody) {
		return (
			<div className="empty-state" data-testid="field-picker">
				{notes}
				<p>
					{recorded?.problem ??
						"Run “Test response” first: the API's answer appears here as a tree, and you tick the fields the AI may see."}
				</p>
				<button className="button button--primary" onClick={onTest}>
					Test response
				</button>
			</div>
		);
	}
	return (
		<div className="field-picker" data-testid="field-picker">
			{notes}
			<p className="field__hint">
				The API's answer as the last test received it (kept in this page, never stored). Tick the
				fields the AI may see: only they leave “{action.name}”; everything else is removed before
				n8n stores the execution. Under a list, <strong>every item (*)</strong> picks that field of
				all items. Each tick adds a field to the action's “{slots.property.displayName}” list
				(Parameters tab), where you can rename or format it.
			</p>
			<div className="field-picker__columns">
				<div>
					<FieldTree entries={tree} picked={pickedSet} onToggle={toggle} />
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
