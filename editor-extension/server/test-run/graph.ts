// The graph a canvas test runs: sticky notes left out, this package's nodes and n8n's runnable base
// nodes kept, every other node (it exists only in n8n) left out of the run, and the one trigger found.
import type { IConnections, INode, INodeType } from 'n8n-workflow';

import { isRunnableBaseType, PACKAGE_NAME } from '../../../engine/index';
import type { NodeReport } from '../../shared/api';
import { HttpError, isObject, type JsonObject } from '../http';
import { packageNodes } from '../package-info';

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

/** This package's node types by their full type name. */
export type PackageTypes = Map<string, INodeType>;

export function packageTypes(): PackageTypes {
	return new Map(packageNodes().map((type) => [`${PACKAGE_NAME}.${type.description.name}`, type]));
}

export interface RunnableGraph {
	/** Every node but sticky notes, as the report lists them. */
	nodes: INode[];
	/** The nodes the canvas runs. */
	runnable: INode[];
	/** Names of the nodes that run only in n8n. */
	foreign: Set<string>;
	trigger: INode | undefined;
	startNode: string | undefined;
}

export function isTrigger(type: INodeType | undefined): boolean {
	return (
		!!type && (type.description.group.includes('trigger') || !!type.description.webhooks?.length)
	);
}

export function runnableGraph(
	workflow: JsonObject,
	types: PackageTypes,
	warnings: string[],
): RunnableGraph {
	// Sticky notes only annotate the canvas and never run.
	const nodes = (workflow.nodes as unknown[]).filter(
		(node) => !(isObject(node) && node.type === STICKY_NOTE),
	) as INode[];
	for (const [index, node] of nodes.entries()) {
		if (!isObject(node) || typeof node.name !== 'string' || typeof node.type !== 'string') {
			throw new HttpError(
				400,
				`nodes[${index}] needs a "name" and a "type"`,
				'Export the workflow again from the canvas.',
			);
		}
	}
	// n8n's own Set, If, ... (e.g. the templates' "Not In Audience") run through n8n-nodes-base's real
	// classes (engine/base-nodes.ts). Nodes of other packages exist only in n8n: they are left out of
	// the run, and the report says when an item would have reached one.
	const runs = (node: INode) => types.has(node.type) || isRunnableBaseType(node.type);
	const runnable = nodes.filter(runs);
	const foreign = new Set(nodes.filter((node) => !runs(node)).map((node) => node.name));
	const triggers = nodes.filter((node) => isTrigger(types.get(node.type)));
	if (triggers.length > 1) {
		throw new HttpError(
			400,
			`The workflow has ${triggers.length} triggers (${triggers.map((node) => node.name).join(', ')})`,
			'Keep exactly one Fin Trigger.',
		);
	}
	const trigger = triggers[0];
	const startNode = trigger?.name;
	if (!startNode)
		warnings.push(
			'The workflow has no Fin Trigger: the test message was given to the first node instead.',
		);
	return { nodes, runnable, foreign, trigger, startNode };
}

/** The connections without those from or to the given nodes; output positions are kept. */
export function withoutNodes(connections: IConnections, removed: Set<string>): IConnections {
	return Object.fromEntries(
		Object.entries(connections)
			.filter(([source]) => !removed.has(source))
			.map(([source, byType]) => [
				source,
				Object.fromEntries(
					Object.entries(byType).map(([type, outputs]) => [
						type,
						outputs.map((targets) => (targets ?? []).filter((target) => !removed.has(target.node))),
					]),
				),
			]),
	);
}

/** Nodes left out of the run that an item would have reached (a run node sent items on an output leading to them). */
export function reachedForeignNodes(
	connections: IConnections,
	foreign: Set<string>,
	reports: Record<string, NodeReport>,
): string[] {
	const reached = new Set<string>();
	for (const [source, byType] of Object.entries(connections)) {
		const output = reports[source]?.output ?? [];
		(byType.main ?? []).forEach((targets, index) => {
			if (!output[index]?.length) return;
			for (const target of targets ?? []) if (foreign.has(target.node)) reached.add(target.node);
		});
	}
	return [...reached];
}
