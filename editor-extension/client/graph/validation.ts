// The canvas rules: one trigger, a trigger takes no input, the outputs of a multi-output node (the
// Audience Filter's "Matched" / "Not matched") lead to different nodes, and no cycles.
import { isRunnableBaseType } from '../../../engine/base-node-types';
import { inputsOf, isTriggerType, outputsOf, type TypeLookup } from './nodeTypes';
import { parseHandle } from './workflow';
import type { GraphDoc, GraphEdge, GraphNode } from './types';
import { STICKY_TYPE } from './types';

export interface ConnectionRequest {
	source: string;
	target: string;
	sourceHandle?: string | null;
	targetHandle?: string | null;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export interface Problem {
	level: 'error' | 'warning';
	message: string;
	nodeIds: string[];
}

const isSticky = (node: GraphNode) => node.data.node.type === STICKY_TYPE;

function nameOf(doc: GraphDoc, id: string): string {
	return doc.nodes.find((node) => node.id === id)?.data.node.name ?? id;
}

/** Where each node's connections lead: built once, so a search costs one pass over the edges. */
function targetsBySource(edges: GraphEdge[]): Map<string, string[]> {
	const targets = new Map<string, string[]>();
	for (const edge of edges) {
		const list = targets.get(edge.source);
		if (list) list.push(edge.target);
		else targets.set(edge.source, [edge.target]);
	}
	return targets;
}

/** Breadth-first from `from`: each reached node with the node it was reached from. */
function reach(edges: GraphEdge[], from: string, stopAt?: string): Map<string, string> {
	const targets = targetsBySource(edges);
	const previous = new Map<string, string>([[from, from]]);
	const queue = [from];
	for (let head = 0; head < queue.length; head++) {
		if (stopAt !== undefined && previous.has(stopAt)) break;
		for (const target of targets.get(queue[head]) ?? []) {
			if (previous.has(target)) continue;
			previous.set(target, queue[head]);
			queue.push(target);
		}
	}
	return previous;
}

/** The path of node ids from `from` to `to` along edges, or undefined when `to` cannot be reached. */
export function findPath(edges: GraphEdge[], from: string, to: string): string[] | undefined {
	const previous = reach(edges, from, to);
	if (!previous.has(to)) return undefined;
	const path = [to];
	while (path[0] !== from) path.unshift(previous.get(path[0])!);
	return path;
}

function outputLabel(doc: GraphDoc, lookup: TypeLookup, nodeId: string, handle: string): string {
	const node = doc.nodes.find((candidate) => candidate.id === nodeId);
	const { connectionType, index } = parseHandle(handle);
	const port = outputsOf(lookup(node?.data.node.type ?? '')).find(
		(p) => p.connectionType === connectionType && p.index === index,
	);
	return port?.label ? `"${port.label}"` : `output ${index + 1}`;
}

export function checkConnection(
	doc: GraphDoc,
	request: ConnectionRequest,
	lookup: TypeLookup,
): Verdict {
	const source = doc.nodes.find((node) => node.id === request.source);
	const target = doc.nodes.find((node) => node.id === request.target);
	if (!source || !target)
		return { ok: false, reason: 'Both ends of a connection must be nodes on the canvas.' };
	const ports = {
		sourceHandle: request.sourceHandle ?? 'main:0',
		targetHandle: request.targetHandle ?? 'main:0',
	};
	const reason =
		endsProblem(source, target, lookup) ??
		portsProblem(target, ports, lookup) ??
		sameEndsProblem(doc, lookup, source, target, ports) ??
		loopProblem(doc, source, target);
	return reason ? { ok: false, reason } : { ok: true };
}

interface Ports {
	sourceHandle: string;
	targetHandle: string;
}

/** Stickies, a node feeding itself, or a trigger as the target. */
function endsProblem(source: GraphNode, target: GraphNode, lookup: TypeLookup): string | undefined {
	if (isSticky(source) || isSticky(target))
		return 'Sticky notes are comments: they cannot be connected.';
	if (source.id === target.id)
		return `${source.data.node.name} cannot feed itself. Connect it to the next step instead.`;
	if (isTriggerType(target.data.node.type, lookup))
		return `${target.data.node.name} is the trigger: it starts the action when a chat message arrives and takes no input. Connect its output to the next step instead.`;
	return undefined;
}

/** An output into an input of another kind, or into a node that takes no input. */
function portsProblem(target: GraphNode, ports: Ports, lookup: TypeLookup): string | undefined {
	const from = parseHandle(ports.sourceHandle);
	const to = parseHandle(ports.targetHandle);
	if (from.connectionType !== to.connectionType)
		return `An output of kind "${from.connectionType}" cannot go into an input of kind "${to.connectionType}".`;
	if (
		inputsOf(lookup(target.data.node.type), target.data.node.type).length === 0 &&
		lookup(target.data.node.type)
	)
		return `${target.data.node.name} takes no input.`;
	return undefined;
}

/** The same connection again, or two outputs of one node leading to the same step. */
function sameEndsProblem(
	doc: GraphDoc,
	lookup: TypeLookup,
	source: GraphNode,
	target: GraphNode,
	{ sourceHandle, targetHandle }: Ports,
): string | undefined {
	const sameEnds = doc.edges.filter(
		(edge) => edge.source === source.id && edge.target === target.id,
	);
	if (
		sameEnds.some(
			(edge) => edge.sourceHandle === sourceHandle && edge.targetHandle === targetHandle,
		)
	)
		return `${source.data.node.name} is already connected to ${target.data.node.name}.`;
	const otherOutput = sameEnds.find((edge) => edge.sourceHandle !== sourceHandle);
	if (!otherOutput) return undefined;
	const here = outputLabel(doc, lookup, source.id, sourceHandle);
	const there = outputLabel(doc, lookup, source.id, otherOutput.sourceHandle);
	return `${here} and ${there} of ${source.data.node.name} must lead to different steps, or both audiences would get the same answer. Add a separate node for ${here}.`;
}

/** A connection that would close a loop. */
function loopProblem(doc: GraphDoc, source: GraphNode, target: GraphNode): string | undefined {
	const loop = findPath(doc.edges, target.id, source.id);
	if (!loop) return undefined;
	const names = [...loop, target.id].map((id) => nameOf(doc, id)).join(' → ');
	return `This would make a loop (${names}). An action runs once, from the trigger to the answer.`;
}

export function canAddNode(doc: GraphDoc, type: string, lookup: TypeLookup): Verdict {
	if (!isTriggerType(type, lookup)) return { ok: true };
	const existing = doc.nodes.find((node) => isTriggerType(node.data.node.type, lookup));
	if (!existing) return { ok: true };
	return {
		ok: false,
		reason: `This action already starts with ${existing.data.node.name}. An action has one trigger: select it to change its settings, or delete it first.`,
	};
}

/** Node ids on a cycle, if any (Kahn's algorithm leaves them unprocessed). */
export function nodesOnCycles(doc: GraphDoc): string[] {
	const indegree = new Map(doc.nodes.map((node) => [node.id, 0]));
	for (const edge of doc.edges)
		if (indegree.has(edge.target) && indegree.has(edge.source))
			indegree.set(edge.target, indegree.get(edge.target)! + 1);
	const queue = [...indegree].filter(([, count]) => count === 0).map(([id]) => id);
	while (queue.length) {
		const id = queue.shift()!;
		indegree.delete(id);
		for (const edge of doc.edges) {
			if (edge.source !== id || !indegree.has(edge.target)) continue;
			const count = indegree.get(edge.target)! - 1;
			indegree.set(edge.target, count);
			if (count === 0) queue.push(edge.target);
		}
	}
	return [...indegree.keys()];
}

/** Everything wrong with the graph as a whole; errors block "Test response", warnings do not. */
export function validateGraph(doc: GraphDoc, lookup: TypeLookup): Problem[] {
	const working = doc.nodes.filter((node) => !isSticky(node));
	const triggers = working.filter((node) => isTriggerType(node.data.node.type, lookup));
	if (working.length === 0) {
		return [
			{
				level: 'error',
				message: 'The canvas is empty. Open a template, or add a Fin Trigger from the palette.',
				nodeIds: [],
			},
		];
	}
	return [
		...triggerProblems(doc, triggers, lookup),
		...loopProblems(doc),
		...working.flatMap((node) => nodeProblems(doc, node, lookup)),
		...(triggers.length === 1 ? unreachedProblems(doc, working, triggers[0]) : []),
	];
}

/** No trigger, more than one, or a connection into one. */
function triggerProblems(doc: GraphDoc, triggers: GraphNode[], lookup: TypeLookup): Problem[] {
	const problems: Problem[] = [];
	if (triggers.length === 0) {
		problems.push({
			level: 'error',
			message: 'Add a Fin Trigger: every action starts when a chat message arrives.',
			nodeIds: [],
		});
	}
	if (triggers.length > 1) {
		problems.push({
			level: 'error',
			message: `An action has one trigger, this one has ${triggers.length} (${triggers.map((t) => t.data.node.name).join(', ')}). Delete all but one.`,
			nodeIds: triggers.map((t) => t.id),
		});
	}
	for (const edge of doc.edges) {
		const target = doc.nodes.find((node) => node.id === edge.target);
		if (target && isTriggerType(target.data.node.type, lookup)) {
			problems.push({
				level: 'error',
				message: `${target.data.node.name} is a trigger and takes no input: remove the connection into it.`,
				nodeIds: [target.id],
			});
		}
	}
	return problems;
}

function loopProblems(doc: GraphDoc): Problem[] {
	const cyclic = nodesOnCycles(doc);
	if (!cyclic.length) return [];
	return [
		{
			level: 'error',
			message: `These steps form a loop: ${cyclic.map((id) => nameOf(doc, id)).join(', ')}. Remove one connection.`,
			nodeIds: cyclic,
		},
	];
}

/** Two outputs of the node leading to one step, and a node type this canvas does not know. */
function nodeProblems(doc: GraphDoc, node: GraphNode, lookup: TypeLookup): Problem[] {
	const problems: Problem[] = [];
	const outgoing = doc.edges.filter((edge) => edge.source === node.id);
	const reported = new Set<string>();
	for (const edge of outgoing) {
		const merged = outgoing.find(
			(other) => other.target === edge.target && other.sourceHandle !== edge.sourceHandle,
		);
		if (merged && !reported.has(edge.target)) {
			reported.add(edge.target);
			problems.push({
				level: 'error',
				message: `Two outputs of ${node.data.node.name} lead to ${nameOf(doc, edge.target)}: each output needs its own next step.`,
				nodeIds: [node.id, edge.target],
			});
		}
	}
	// n8n's own Set, If, ... are run by the test with their real classes (engine/base-node-types.ts).
	if (!lookup(node.data.node.type) && !isRunnableBaseType(node.data.node.type)) {
		problems.push({
			level: 'warning',
			message: `${node.data.node.name} is a "${node.data.node.type}" node, which this canvas does not know: it is kept and exported unchanged, but a test cannot run it.`,
			nodeIds: [node.id],
		});
	}
	return problems;
}

/** Nodes the trigger does not reach: they never run. */
function unreachedProblems(doc: GraphDoc, working: GraphNode[], trigger: GraphNode): Problem[] {
	const reached = reach(doc.edges, trigger.id);
	return working
		.filter((node) => !reached.has(node.id))
		.map((node) => ({
			level: 'warning' as const,
			message: `${node.data.node.name} is not connected to ${trigger.data.node.name}, so it never runs. Drag from an output dot to it.`,
			nodeIds: [node.id],
		}));
}

/**
 * Whether two graphs differ only in what a drag or a selection changes (positions, sizes, selection):
 * same edges and the same nodes with the same data. Validation depends on nothing else, so the
 * canvas re-validates on connect, drop, delete or an edit, never on each mouse move of a drag.
 */
export function sameStructure(a: GraphDoc, b: GraphDoc): boolean {
	if (a === b) return true;
	if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
	return a.nodes.every((node, index) => {
		const other = b.nodes[index];
		return node.id === other.id && node.type === other.type && node.data === other.data;
	});
}
