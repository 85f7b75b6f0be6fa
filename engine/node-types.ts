// INodeTypes over a fixed set of node classes, named `<package>.<name>` as n8n names community nodes.
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { baseNodesFor } from './base-nodes';
import { loadPackageCredentials, loadPackageNodes, PACKAGE_NAME } from './package-types';

export class FixedNodeTypes implements INodeTypes {
	private readonly byName = new Map<string, INodeType | IVersionedNodeType>();

	/** @param others nodes of other packages, by their full type (e.g. `n8n-nodes-base.set`). */
	constructor(
		nodes: Array<INodeType | IVersionedNodeType>,
		packageName: string,
		others: Map<string, INodeType | IVersionedNodeType> = new Map(),
	) {
		for (const node of nodes) this.byName.set(`${packageName}.${node.description.name}`, node);
		for (const [type, node] of others) this.byName.set(type, node);
	}

	getByName(nodeType: string) {
		const node = this.byName.get(nodeType);
		if (!node)
			throw new Error(
				`Unknown node type "${nodeType}" (known: ${[...this.byName.keys()].join(', ')})`,
			);
		return node;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.byName.keys()].map((name) => [name, {}]));
	}
}

/**
 * The package's node and credential types plus any a test adds, as the engine and credentials helper
 * want them, and n8n's own nodes (n8n-nodes-base, real classes) among `workflowTypes` that the engine
 * runs (base-node-types.ts).
 */
export function packageTypes(
	extraNodes: INodeType[] = [],
	extraCredentials: ICredentialType[] = [],
	workflowTypes: Iterable<string> = [],
) {
	return {
		nodeTypes: new FixedNodeTypes(
			[...loadPackageNodes(), ...extraNodes],
			PACKAGE_NAME,
			baseNodesFor(workflowTypes),
		),
		credentialTypes: new Map(
			[...loadPackageCredentials(), ...extraCredentials].map((type) => [type.name, type]),
		),
	};
}
