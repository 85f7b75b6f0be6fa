// n8n's own checks of a workflow before it is published: the parameter issues n8n's editor shows on a
// node (n8n-workflow's NodeHelpers.getNodeParametersIssues) and the credentials a node requires for
// its current parameters (the same displayOptions n8n evaluates). n8n refuses to publish a workflow
// with such issues ("Missing required credential: finMessengerApi"), so the canvas says it first.
import {
	NodeHelpers,
	type INode,
	type INodeCredentialDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { PACKAGE_NAME } from '../../engine';
import { isObject, type JsonObject } from './http';
import { packageNodes } from './package-info';

export interface NodeIssue {
	/** The node's name, as in the workflow. */
	node: string;
	kind: 'parameters' | 'credentials';
	message: string;
}

/** Whether a credential reference can be resolved where the workflow will run. */
export type CredentialResolver = (
	type: string,
	reference: { id?: unknown; name?: unknown },
) => boolean;

function descriptions(): Map<string, INodeTypeDescription> {
	try {
		return new Map(
			packageNodes().map((node) => [`${PACKAGE_NAME}.${node.description.name}`, node.description]),
		);
	} catch {
		return new Map();
	}
}

/** Credentials this node needs with its current parameters (n8n's displayOptions on `credentials`). */
function requiredCredentials(node: INode, description: INodeTypeDescription) {
	return (description.credentials ?? []).filter(
		(credential: INodeCredentialDescription) =>
			credential.required === true &&
			NodeHelpers.displayParameter(node.parameters, credential, node, description),
	);
}

/**
 * The issues n8n would find in this workflow. Nodes of other packages are not described here and
 * are left to n8n; disabled nodes are skipped, as n8n skips them.
 */
export function workflowIssues(workflow: JsonObject, resolve?: CredentialResolver): NodeIssue[] {
	const byType = descriptions();
	const issues: NodeIssue[] = [];
	const nodes = Array.isArray(workflow.nodes) ? workflow.nodes : [];
	for (const raw of nodes) {
		if (!isObject(raw) || raw.disabled === true) continue;
		const description = byType.get(String(raw.type));
		if (!description) continue;
		const node = {
			...raw,
			parameters: isObject(raw.parameters) ? raw.parameters : {},
		} as unknown as INode;
		const name = String(node.name);
		// n8n fills in defaults before it checks; a graph from the canvas may leave them out.
		const parameters =
			NodeHelpers.getNodeParameters(
				description.properties,
				node.parameters,
				true,
				false,
				node,
				description,
			) ?? node.parameters;
		const found = NodeHelpers.getNodeParametersIssues(
			description.properties,
			{ ...node, parameters },
			description,
		);
		for (const [parameter, messages] of Object.entries(found?.parameters ?? {}))
			for (const message of messages)
				issues.push({ node: name, kind: 'parameters', message: `${parameter}: ${message}` });
		const references = isObject(raw.credentials) ? raw.credentials : {};
		for (const credential of requiredCredentials({ ...node, parameters }, description)) {
			const reference = references[credential.name];
			const ref = isObject(reference) ? reference : { name: reference };
			const named = typeof ref.name === 'string' && ref.name.trim() !== '';
			if (!named) {
				issues.push({
					node: name,
					kind: 'credentials',
					message: `Missing required credential: ${credential.name}. Choose or create one on the node.`,
				});
			} else if (resolve && !resolve(credential.name, ref)) {
				issues.push({
					node: name,
					kind: 'credentials',
					message: `Credential "${String(ref.name)}" (${credential.name}) is neither on this canvas nor in n8n. Create it on the node.`,
				});
			}
		}
	}
	return issues;
}
