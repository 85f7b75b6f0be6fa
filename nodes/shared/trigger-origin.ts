// Trigger origin: an item's identity counts only as this execution's Fin Trigger emitted it.
//
// Why: any node can write `identity: {verified: true, signed: [...]}` into an item (a Webhook node
// followed by Edit Fields that makes the posted body the item), and provenance.ts believes what
// `identity` says. Only Fin Trigger's own output is evidence of a signature, so a node that reads
// the identity (API Action, Audience Filter) first finds the Fin Trigger items of this execution
// upstream of it and accepts an item's identity only when it is one of them, with the signed
// attribute values as the trigger emitted them. The AI-tool path reads the trigger's output
// directly (ApiAction/tool-mode.ts) and needs no such check.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAttribute } from './attributes';
import { signedPaths } from './provenance';

const FIN_TRIGGER_TYPE = /(^|\.)finTrigger$/;

/** Where an item's identity comes from: none claimed, this execution's Fin Trigger, or elsewhere. */
export type IdentityOrigin = 'none' | 'trigger' | 'foreign';

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = Object.keys(left);
	return (
		keys.length === Object.keys(right).length &&
		keys.every(
			(key) => Object.prototype.hasOwnProperty.call(right, key) && sameValue(left[key], right[key]),
		)
	);
}

/** The items emitted by the Fin Trigger nodes upstream of `nodeName` that ran in this execution. */
export function finTriggerItems(context: IExecuteFunctions, nodeName?: string): IDataObject[] {
	const names = context
		.getParentNodes(nodeName ?? context.getNode().name)
		.filter((node) => FIN_TRIGGER_TYPE.test(node.type))
		.map((node) => node.name);
	if (names.length === 0) return [];
	const proxy = context.getWorkflowDataProxy(0);
	const items: IDataObject[] = [];
	for (const name of names) {
		const trigger = proxy.$(name) as {
			isExecuted: boolean;
			all: () => Array<{ json: IDataObject }>;
		};
		if (trigger.isExecuted) items.push(...trigger.all().map((entry) => entry.json));
	}
	return items;
}

/**
 * Whether `item`'s identity is one Fin Trigger emitted in this execution: the same `identity`, the
 * same `source`, and every signed attribute with the value the trigger gave it.
 */
export function identityOrigin(
	item: IDataObject,
	triggerItems: IDataObject[],
	itemIndex = 0,
): IdentityOrigin {
	if (!Object.prototype.hasOwnProperty.call(item, 'identity')) return 'none';
	const emittedBy = (trigger: IDataObject | undefined) =>
		trigger !== undefined &&
		sameValue(item.identity, trigger.identity) &&
		item.source === trigger.source &&
		signedPaths(item, true).every((path) =>
			sameValue(readAttribute(item, path).value, readAttribute(trigger, path).value),
		);
	// Items usually keep their position: try the trigger's item at the same index first.
	return emittedBy(triggerItems[itemIndex]) || triggerItems.some(emittedBy) ? 'trigger' : 'foreign';
}

/** What the API Action and the Audience Filter say of an identity that did not come from Fin Trigger. */
export const FOREIGN_IDENTITY_MESSAGE =
	"This item's identity did not come from this execution's Fin Trigger (it was written by another node, or its signed attributes were changed after the trigger), so nothing in it is signed. Start the workflow with Fin Trigger and pass its items on unchanged: only Fin Trigger can say who the customer is.";

/** The item as the trust rules may see it: a foreign identity is dropped, so nothing in it is signed. */
export function withoutForeignIdentity(item: IDataObject, origin: IdentityOrigin): IDataObject {
	if (origin !== 'foreign') return item;
	const rest = { ...item };
	delete rest.identity;
	return rest;
}
