// Audience Filter: decides who gets an action. Items leave on "Matched" or "Not matched", each with
// an `audience` record naming the test account, rule or rollout bucket that decided.
//
// Why a fixedCollection and not n8n's `filter` parameter type: the filter type resolves each left
// value as an expression and returns one boolean for all conditions, so the node could neither name
// the condition that decided nor tell a missing attribute from an empty one; its strict type
// validation throws on mismatched types where a missing attribute must simply make the rule false;
// it has one combinator (no groups); and its regex operator has no static guard.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { decideAudience, type AudienceConfig, type AudienceRecord } from './audience';
import {
	AUDIENCE_PARAMETER_NAMES,
	audienceConfigOf,
	type AudienceParameters,
} from './audience-parameters';
import { audienceProperties } from './description';
import {
	finTriggerItems,
	FOREIGN_IDENTITY_MESSAGE,
	identityOrigin,
	withoutForeignIdentity,
} from '../shared/trigger-origin';

/** The node's parameters as one object, read the way audienceConfigOf expects them. */
function readConfig(context: IExecuteFunctions, itemIndex: number): AudienceConfig {
	const parameters: AudienceParameters = {};
	for (const name of AUDIENCE_PARAMETER_NAMES)
		parameters[name] = context.getNodeParameter(name, itemIndex, undefined) as never;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	parameters.caseSensitive = options.caseSensitive === true;
	return audienceConfigOf(parameters, {
		manualRun: context.getMode() === 'manual',
		nodeId: context.getNode().id,
	});
}

export class AudienceFilter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Audience Filter',
		name: 'audienceFilter',
		icon: {
			light: 'file:../../icons/audienceFilter.svg',
			dark: 'file:../../icons/audienceFilter.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{$parameter["status"] === "testing" ? "Testing: test accounts only" : "Rollout " + $parameter["rolloutPercentage"] + "%"}}',
		description:
			'Decide which users get an action: attribute rules, test accounts and a stable phased rollout',
		defaults: { name: 'Audience Filter' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Matched', 'Not matched'],
		properties: audienceProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const matched: INodeExecutionData[] = [];
		const notMatched: INodeExecutionData[] = [];
		// An identity counts only as this execution's Fin Trigger emitted it (nodes/shared/trigger-origin).
		let triggerItems: IDataObject[] | undefined;
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			let audience: AudienceRecord;
			try {
				const origin = Object.prototype.hasOwnProperty.call(item.json, 'identity')
					? identityOrigin(item.json, (triggerItems ??= finTriggerItems(this)), itemIndex)
					: 'none';
				audience = decideAudience(
					withoutForeignIdentity(item.json, origin),
					readConfig(this, itemIndex),
				);
				if (origin === 'foreign')
					audience = { ...audience, identity: 'foreign', identityNote: FOREIGN_IDENTITY_MESSAGE };
			} catch (error) {
				if (this.continueOnFail()) {
					// Fail closed: an item whose audience cannot be decided does not get the action.
					notMatched.push({
						json: {
							...item.json,
							audience: { matched: false, decidedBy: 'error', reason: (error as Error).message },
						},
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				throw new NodeOperationError(this.getNode(), error as Error, {
					itemIndex,
					description:
						'Check the rules, the rollout percentage and the bucketing attribute of this Audience Filter.',
				});
			}
			const output: INodeExecutionData = {
				json: { ...item.json, audience },
				pairedItem: { item: itemIndex },
			};
			if (item.binary) output.binary = item.binary;
			(audience.matched ? matched : notMatched).push(output);
		}
		return [matched, notMatched];
	}
}
