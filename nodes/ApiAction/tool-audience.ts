// Who may use the API Action as an AI Agent tool: the Audience Filter's rules, test accounts and
// rollout, checked at every call with the verified customer of this execution (never with anything
// the model sends). A customer outside gets no request; the model is told the action is not
// available, so it does not offer it.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { decideAudience } from '../AudienceFilter/audience';
import { audienceConfigOf } from '../AudienceFilter/audience-parameters';
import { audienceProperties } from '../AudienceFilter/description';
import { ToolCallError } from './tool-mode';

/** A tool is for verified customers only (tool-mode.ts): the filter's kinds of people do not apply. */
const NOT_FOR_TOOLS = new Set(['audienceKinds', 'options']);

export const toolAudienceProperty: INodeProperties = {
	displayName: 'Audience',
	name: 'audience',
	type: 'collection',
	placeholder: 'Add Audience Rule',
	default: {},
	displayOptions: { show: { '@tool': [true] } },
	description:
		'Who may use this action, checked at every call with the verified customer, as the Audience Filter decides. Empty: every verified customer.',
	options: (
		[
			...audienceProperties.filter((property) => !NOT_FOR_TOOLS.has(property.name)),
			{
				displayName: 'Case Sensitive',
				name: 'caseSensitive',
				type: 'boolean',
				default: false,
				description: 'Whether text comparisons and patterns respect upper and lower case',
			},
		] as INodeProperties[]
	).sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

/** The tool's answer when the customer is outside the audience: no data, and what to tell them. */
export class NotAvailableError extends ToolCallError {
	constructor(actionName: string) {
		super(
			`The action "${actionName}" is not available to this customer. Do not offer it and do not guess what it would show; help with something else.`,
			'not_available',
		);
		this.name = 'NotAvailable';
	}
}

export function audienceOf(parameters: IDataObject | undefined): IDataObject {
	return parameters && typeof parameters === 'object' ? parameters : {};
}

/**
 * Names the tool's rollout sample when the audience names none: the action's name, else the node's
 * name (not its id, which Fin Agent Reply cannot read when it tells which actions are available).
 */
export function toolRolloutKey(parameters: IDataObject, nodeName: string): string {
	return String(parameters.actionName ?? '').trim() || nodeName;
}

/** Throws NotAvailableError unless the audience admits the verified customer. */
export function checkToolAudience(
	context: IExecuteFunctions,
	itemIndex: number,
	conversation: IDataObject,
	actionName: string,
): void {
	const parameters = audienceOf(context.getNodeParameter('audience', itemIndex, {}) as IDataObject);
	const config = audienceConfigOf(parameters, {
		manualRun: context.getMode() === 'manual',
		nodeId: toolRolloutKey(context.getNode().parameters, context.getNode().name),
	});
	if (!decideAudience(conversation, config).matched) throw new NotAvailableError(actionName);
}
