// The editor: the graph with its undo history, the last test run, and every action the toolbar,
// the canvas, the palette and the keyboard trigger. Graph logic lives in ../graph (pure, tested).
import {
	applyEdgeChanges,
	applyNodeChanges,
	type EdgeChange,
	type NodeChange,
	type Node,
	type Edge,
} from '@xyflow/react';

import type { TestResult } from '../api/types';
import type { CredentialRef } from '../graph/demo';
import { createHistory, record, redo, replacePresent, undo, type History } from '../graph/history';
import type { TypeLookup } from '../graph/nodeTypes';
import {
	addNode,
	addSticky,
	connectChecked,
	nextPosition,
	removeElements,
	renameNode,
	selectOnly,
	selectedIds,
	toggleDisabled,
	updateN8nNode,
} from '../graph/operations';
import type { GraphDoc, GraphEdge, GraphNode, N8nNode, N8nWorkflow } from '../graph/types';
import {
	canAddNode,
	checkConnection,
	sameStructure,
	type ConnectionRequest,
} from '../graph/validation';
import { emptyDoc, graphToWorkflow, workflowToGraph } from '../graph/workflow';
import { Store } from './store';
import { showToast } from './toasts';

export interface RunState {
	result: TestResult;
	/** Fingerprint of the graph that was tested. */
	fingerprint: string;
	at: Date;
	/** The test ran against the demo backend (a copy of the graph pointed at it), not the real API. */
	demo?: boolean;
}

export interface EditorState {
	history: History<GraphDoc>;
	run?: RunState;
	testing: boolean;
	/** Fingerprint of the last graph whose test succeeded: "Set live" needs the current graph to match. */
	passed?: string;
	/** Set while tests call the demo backend: the demo token per credential type. The graph is not changed. */
	demo?: { credentials: Record<string, CredentialRef> };
	/** Where this action was deployed: the next deploy updates that n8n workflow instead of adding one. */
	deployed?: { baseUrl: string; workflowId: string; active: boolean; chatUrl?: string };
	/** Which dialog is open. */
	dialog?: 'import' | 'export' | 'deploy' | 'preview' | 'shortcuts';
	/** Name field to focus in the side panel (F2), bumped to re-trigger. */
	renameRequest: number;
	openRequest: number;
	paletteRequest: number;
	/** Bumped when the whole view should fit the graph once its nodes are measured (after loading). */
	fitRequest: number;
}

export const editorStore = new Store<EditorState>({
	history: createHistory(emptyDoc()),
	testing: false,
	renameRequest: 0,
	openRequest: 0,
	paletteRequest: 0,
	fitRequest: 0,
});

let lookup: TypeLookup = () => undefined;
let dragOrigin: GraphDoc | undefined;

/** Canvas view controls, registered by the canvas once React Flow is ready. */
export const view = {
	fitView: () => {},
	zoomIn: () => {},
	zoomOut: () => {},
	resetZoom: () => {},
	center: (): { x: number; y: number } | undefined => undefined,
	/** Pans so that a node at this flow position is on screen (n8n does this when adding nodes). */
	reveal: (_position: { x: number; y: number }) => {},
};

export function setLookup(next: TypeLookup) {
	lookup = next;
}

/** Node descriptions by workflow type (set by the app once the server's nodes are loaded). */
export function getLookup(): TypeLookup {
	return lookup;
}

export const doc = () => editorStore.get().history.present;

/** A change worth an undo step. */
export function commit(next: GraphDoc) {
	editorStore.set((state) => ({ history: record(state.history, next) }));
}

/** A change without an undo step (selection, measured sizes, a drag in progress). */
export function patch(next: GraphDoc) {
	editorStore.set((state) => ({ history: replacePresent(state.history, next) }));
}

let lastStructure: GraphDoc | undefined;

/**
 * The graph as of its last change of structure (validation.ts's sameStructure): the same object
 * while a drag moves nodes, so what depends only on the structure is not recomputed on every move.
 */
export function structureOf(doc: GraphDoc): GraphDoc {
	if (!lastStructure || !sameStructure(lastStructure, doc)) lastStructure = doc;
	return lastStructure;
}

/** The workflow as it is now, positions included (for export and deploy). */
export function currentWorkflow(): N8nWorkflow {
	return graphToWorkflow(editorStore.get().history.present);
}

export function selectedNode(state: EditorState = editorStore.get()): GraphNode | undefined {
	const selected = state.history.present.nodes.filter((node) => node.selected);
	return selected.length === 1 ? selected[0] : undefined;
}

// ---- loading -------------------------------------------------------------------------------------

export function loadWorkflow(workflow: N8nWorkflow, message?: string) {
	const next = workflowToGraph(structuredClone(workflow));
	commit(next);
	editorStore.set((state) => ({
		run: undefined,
		// A test of the graph before is no test of this one, even when both look the same.
		passed: undefined,
		demo: undefined,
		// Another graph is another action: it does not update the workflow the previous one became.
		deployed: undefined,
		fitRequest: state.fitRequest + 1,
	}));
	if (message) showToast('success', message, 'Ctrl+Z brings back what was on the canvas before.');
}

// ---- adding and connecting -----------------------------------------------------------------------

export function addNodeOfType(type: string, dropAt?: { x: number; y: number }) {
	const description = lookup(type);
	if (!description) {
		showToast(
			'error',
			`The node type ${type} is not available.`,
			'Reload the page; if it stays missing, the package build is broken.',
		);
		return;
	}
	const current = doc();
	const allowed = canAddNode(current, type, lookup);
	if (!allowed.ok) {
		showToast('warning', allowed.reason);
		return;
	}
	const after = dropAt ? undefined : (selectedNode()?.id ?? lastNodeId(current));
	const position = dropAt ?? nextPosition(current, after);
	const result = addNode(current, type, description, position, lookup, after);
	commit(result.doc);
	if (!dropAt) setTimeout(() => view.reveal(position), 0);
	if (result.notConnected)
		showToast('info', `Added ${description.displayName}, not connected: ${result.notConnected}`);
}

function lastNodeId(current: GraphDoc): string | undefined {
	const working = current.nodes.filter((node) => node.type !== 'sticky');
	if (!working.length) return undefined;
	// The end of the chain: a node without outgoing edges, rightmost first.
	const ends = working.filter((node) => !current.edges.some((edge) => edge.source === node.id));
	return (ends.length ? ends : working).reduce((a, b) => (b.position.x > a.position.x ? b : a)).id;
}

export function addStickyNote() {
	const center = view.center() ?? { x: 0, y: 0 };
	commit(addSticky(doc(), { x: center.x - 120, y: center.y - 80 }).doc);
}

export function isValidConnection(request: ConnectionRequest): boolean {
	return checkConnection(doc(), request, lookup).ok;
}

export function connectNodes(request: ConnectionRequest) {
	const result = connectChecked(doc(), request, lookup);
	if (result.verdict.ok) commit(result.doc);
	else showToast('warning', result.verdict.reason);
}

/** Says why a connection dropped on a node was refused. */
export function explainRefusedConnection(request: ConnectionRequest) {
	const verdict = checkConnection(doc(), request, lookup);
	if (!verdict.ok) showToast('warning', verdict.reason);
}

// ---- React Flow changes --------------------------------------------------------------------------

export function onNodesChange(changes: NodeChange[]) {
	const meaningful = changes.filter((change) => change.type !== 'remove');
	if (!meaningful.length) return;
	const current = doc();
	const nodes = applyNodeChanges(
		meaningful,
		current.nodes as unknown as Node[],
	) as unknown as GraphNode[];
	patch({ ...current, nodes });
}

export function onEdgesChange(changes: EdgeChange[]) {
	const meaningful = changes.filter((change) => change.type !== 'remove');
	if (!meaningful.length) return;
	const current = doc();
	patch({
		...current,
		edges: applyEdgeChanges(
			meaningful,
			current.edges as unknown as Edge[],
		) as unknown as GraphEdge[],
	});
}

/** A drag or resize starts: remember the graph before it, for one undo step at the end. */
export function beginGesture() {
	dragOrigin = doc();
}

export function endGesture() {
	if (!dragOrigin) return;
	const before = dragOrigin;
	dragOrigin = undefined;
	const after = doc();
	const moved = after.nodes.some((node) => {
		const old = before.nodes.find((candidate) => candidate.id === node.id);
		return (
			!old ||
			old.position.x !== node.position.x ||
			old.position.y !== node.position.y ||
			old.width !== node.width ||
			old.height !== node.height
		);
	});
	if (moved)
		editorStore.set((state) => ({ history: record(replacePresent(state.history, before), after) }));
}

// ---- selection and deletion (copy and paste: clipboardActions.ts) --------------------------------------------------------------

export function selectNodes(ids: string[]) {
	patch(selectOnly(doc(), ids));
}

export function selectAll() {
	patch(
		selectOnly(
			doc(),
			doc().nodes.map((node) => node.id),
		),
	);
}

export function deleteSelection() {
	const { nodes, edges } = selectedIds(doc());
	if (!nodes.length && !edges.length) return;
	commit(removeElements(doc(), nodes, edges));
}

export function deleteNode(id: string) {
	commit(removeElements(doc(), [id]));
}

export function deleteEdge(id: string) {
	commit(removeElements(doc(), [], [id]));
}

export function toggleDisabledSelection() {
	const { nodes } = selectedIds(doc());
	if (nodes.length) commit(toggleDisabled(doc(), nodes));
}

// ---- node settings -------------------------------------------------------------------------------

export function rename(id: string, name: string): string | undefined {
	const result = renameNode(doc(), id, name);
	if (!result.verdict.ok) return result.verdict.reason;
	if (result.doc !== doc()) commit(result.doc);
	return undefined;
}

export function setNodeParameters(id: string, parameters: Record<string, unknown>) {
	commit(updateN8nNode(doc(), id, (node) => ({ ...node, parameters })));
}

export function setNodeCredential(
	id: string,
	type: string,
	reference: { id: string; name: string } | undefined,
) {
	commit(
		updateN8nNode(doc(), id, (node) => {
			const credentials = { ...(node.credentials ?? {}) };
			if (reference) credentials[type] = reference;
			else delete credentials[type];
			const { credentials: _old, ...rest } = node;
			return Object.keys(credentials).length ? { ...rest, credentials } : (rest as N8nNode);
		}),
	);
}

// ---- history -------------------------------------------------------------------------------------

export function undoChange() {
	editorStore.set((state) => ({ history: undo(state.history) }));
}

export function redoChange() {
	editorStore.set((state) => ({ history: redo(state.history) }));
}

export function openDialog(dialog: EditorState['dialog']) {
	editorStore.set({ dialog });
}
