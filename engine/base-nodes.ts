// Loads the real n8n-nodes-base classes named in base-node-types.ts, one file each and only those a
// workflow uses: the whole package would load hundreds of nodes and their libraries. The version
// installed is the one n8n 2.40.7 ships (package.json pins it beside n8n-core and n8n-workflow).
import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

import { BASE_NODE_FILES, isRunnableBaseType } from './base-node-types';

const loaded = new Map<string, INodeType | IVersionedNodeType>();

function load(type: string): INodeType | IVersionedNodeType {
	const known = loaded.get(type);
	if (known) return known;
	const file = require.resolve(`n8n-nodes-base/dist/nodes/${BASE_NODE_FILES[type]}`);
	const moduleExports = require(file) as Record<string, new () => INodeType | IVersionedNodeType>;
	const classes = Object.values(moduleExports).filter((value) => typeof value === 'function');
	if (classes.length !== 1) throw new Error(`${file} must export exactly one class`);
	const node = new classes[0]();
	loaded.set(type, node);
	return node;
}

/** The n8n-nodes-base classes for the given node types (types the engine does not run are left out). */
export function baseNodesFor(types: Iterable<string>): Map<string, INodeType | IVersionedNodeType> {
	const found = new Map<string, INodeType | IVersionedNodeType>();
	for (const type of types) if (isRunnableBaseType(type)) found.set(type, load(type));
	return found;
}
