// The credentials of a canvas test: which a node needs, the stored ones the run uses (one per type),
// the secrets the report must never hold, and tokens the run refreshed.
import type { ICredentialDataDecryptedObject, INode, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { CredentialStore } from '../credentials';
import { HttpError, isObject } from '../http';
import { isTrigger, type PackageTypes } from './graph';

export interface RunCredentials {
	/** One decrypted credential per type, as runWorkflow takes them. */
	data: Record<string, ICredentialDataDecryptedObject>;
	/** The stored credential's id per type. */
	usedIds: Record<string, string>;
	/** Every secret value of those credentials: redacted from the whole report. */
	secrets: string[];
}

/** A node that needs a credential it does not name fails with a misleading error: say it up front. */
export function checkNodeCredentials(runnable: INode[], types: PackageTypes, warnings: string[]) {
	for (const node of runnable) {
		const type = types.get(node.type);
		if (!type || node.disabled || isTrigger(type)) continue;
		for (const needed of neededCredentials(node, type)) {
			if (!isObject(node.credentials) || !(needed in node.credentials)) {
				warnings.push(
					`Node "${node.name}" needs a ${needed} credential: choose or create one in its settings.`,
				);
			}
		}
	}
}

/** Each node refers to a credential by type and {id, name}; runWorkflow takes one per type. */
export function collectCredentials(
	runnable: INode[],
	store: CredentialStore,
	warnings: string[],
): RunCredentials {
	const data: Record<string, ICredentialDataDecryptedObject> = {};
	const usedIds: Record<string, string> = {};
	const secrets: string[] = [];
	for (const node of runnable) {
		if (node.disabled || !isObject(node.credentials)) continue;
		for (const [type, reference] of Object.entries(node.credentials as Record<string, unknown>)) {
			const ref = isObject(reference) ? reference : { name: reference };
			const found = store.resolveForRun(type, ref);
			if (!found) {
				warnings.push(
					`Node "${node.name}" uses the ${type} credential "${String(ref.name ?? ref.id)}", which is not entered in this canvas: add it under Credentials.`,
				);
				continue;
			}
			if (usedIds[type] && usedIds[type] !== found.id) {
				throw new HttpError(
					400,
					`Two different ${type} credentials are used in one workflow`,
					'A canvas test can use one credential per type: pick the same credential in every node, or test the branches separately.',
				);
			}
			usedIds[type] = found.id;
			data[type] = found.data;
			secrets.push(...store.secretValues(type, found.data));
		}
	}
	return { data, usedIds, secrets };
}

/** Refreshed tokens (preAuthentication) are kept, as n8n saves them, and are secrets too. */
export function keepRefreshedTokens(
	credentials: RunCredentials,
	after: Record<string, ICredentialDataDecryptedObject | undefined>,
	store: CredentialStore,
) {
	for (const [type, id] of Object.entries(credentials.usedIds)) {
		const data = after[type];
		if (data) {
			store.saveFromRun(id, data);
			credentials.secrets.push(...store.secretValues(type, data));
		}
	}
}

/** Credential types the node's current settings require (e.g. API Action with Authentication "Fin Fixed Token"). */
function neededCredentials(node: INode, type: INodeType): string[] {
	const { description } = type;
	const parameters =
		NodeHelpers.getNodeParameters(
			description.properties,
			node.parameters ?? {},
			true,
			false,
			node,
			description,
		) ?? {};
	return (description.credentials ?? [])
		.filter(
			(credential) =>
				credential.required &&
				NodeHelpers.displayParameter(parameters, credential, node, description),
		)
		.map((credential) => credential.name);
}
