// INodeTypes over a fixed set of node classes, named `<package>.<name>` as n8n names community nodes.
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackageCredentials, loadPackageNodes, PACKAGE_NAME } from './package-types';

export class FixedNodeTypes implements INodeTypes {
	private readonly byName = new Map<string, INodeType | IVersionedNodeType>();

	constructor(nodes: Array<INodeType | IVersionedNodeType>, packageName: string) {
		for (const node of nodes) this.byName.set(`${packageName}.${node.description.name}`, node);
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

/** The package's node and credential types plus any a test adds, as the engine and credentials helper want them. */
export function packageTypes(
	extraNodes: INodeType[] = [],
	extraCredentials: ICredentialType[] = [],
) {
	return {
		nodeTypes: new FixedNodeTypes([...loadPackageNodes(), ...extraNodes], PACKAGE_NAME),
		credentialTypes: new Map(
			[...loadPackageCredentials(), ...extraCredentials].map((type) => [type.name, type]),
		),
	};
}
