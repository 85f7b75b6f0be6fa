// Response Field Picker: decides what of an API Action's response the AI may see.
//
// Every item leaves with exactly three keys: the answer (key configurable), `fieldsUsed` and
// `actionUsed` (true when the answer holds data from an action's response: with selected fields,
// when at least one field found a value; with the full response, when there is one). Nothing else of the incoming item survives, in either access mode: not the raw
// response, not the API Action's `action` record (it may hold URLs), not the conversation context
// and no binary data, because whatever stays in the item can reach the AI. Later nodes that need
// the conversation (e.g. to post the reply) read it through the paired item, for instance
// `{{ $('Fin Trigger').item.json.conversation.id }}`.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { deepCopy, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	answerShapeOf,
	answerShapeProperties,
	compileAnswer,
	fieldSpecs,
	missingRequiredMessage,
	pickFields,
	responseFieldsProperty,
	type FieldParameter,
} from '../shared/response-fields';

type Access = 'full' | 'selected';

const RESERVED_KEYS = ['fieldsUsed', 'actionUsed'];

export class ResponseFieldPicker implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Response Field Picker',
		name: 'responseFieldPicker',
		icon: {
			light: 'file:../../icons/responseFieldPicker.svg',
			dark: 'file:../../icons/responseFieldPicker.dark.svg',
		},
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["access"] === "full" ? "Full response" : "Selected fields"}}',
		description:
			'Choose which fields of an API response the AI may see, with display names and transforms',
		defaults: { name: 'Response Field Picker' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Response Key',
				name: 'responseKey',
				type: 'string',
				default: 'response',
				description: 'Key under which the API Action put the parsed response body',
			},
			{
				displayName: 'Access',
				name: 'access',
				type: 'options',
				options: [
					{
						name: 'Selected Fields',
						value: 'selected',
						description: 'The AI sees only the fields listed below',
					},
					{
						name: 'Full Response',
						value: 'full',
						description: 'The AI may read the whole response',
					},
				],
				default: 'selected',
			},
			{
				displayName:
					"Everything not picked is removed from the item, including the raw response and the incoming fields. Later nodes read conversation details through the trigger, e.g. $('Fin Trigger').item.json.message.text.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			responseFieldsProperty({ show: { access: ['selected'] } }),
			...answerShapeProperties({ show: { access: ['selected'] } }),
			{
				displayName: 'Answer Key',
				name: 'answerKey',
				type: 'string',
				default: 'answer',
				description: 'Key of the picked data in the output item',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const json = pickItem(this, items[itemIndex].json, itemIndex);
				output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					// Only the error message: the failed item's response must not pass either.
					output.push({
						json: { error: (error as Error).message },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
		return [output];
	}
}

function answerKeyOf(context: IExecuteFunctions, itemIndex: number): string {
	const answerKey = (context.getNodeParameter('answerKey', itemIndex, 'answer') as string).trim();
	if (!answerKey || RESERVED_KEYS.includes(answerKey)) {
		throw new NodeOperationError(
			context.getNode(),
			`The answer key "${answerKey}" cannot be used`,
			{
				itemIndex,
				description: `Choose a key other than ${RESERVED_KEYS.join(' and ')}, e.g. "answer".`,
			},
		);
	}
	return answerKey;
}

/** Full access: the whole response; an API Action that picked its fields says which found something. */
function fullAnswer(item: IDataObject, response: unknown, hasResponse: boolean, answerKey: string) {
	const carried = Array.isArray(item.fieldsUsed) ? (item.fieldsUsed as string[]) : undefined;
	const fieldsUsed = hasResponse ? (carried ?? ['']) : [];
	return {
		[answerKey]: hasResponse ? deepCopy(response as IDataObject) : null,
		fieldsUsed,
		actionUsed: fieldsUsed.length > 0,
	};
}

/** Selected fields: the answer came from the action only when at least one field found something. */
function pickedAnswer(
	context: IExecuteFunctions,
	itemIndex: number,
	response: unknown,
	keys: { responseKey: string; answerKey: string },
): IDataObject {
	const parameters = context.getNodeParameter('fields.field', itemIndex, []) as FieldParameter[];
	const shape = answerShapeOf(
		context.getNodeParameter('answerShape', itemIndex, ''),
		context.getNode().typeVersion,
	);
	const picked = pickFields(response, compileAnswer(fieldSpecs(parameters), shape));
	const missing = missingRequiredMessage(picked);
	if (missing) {
		throw new NodeOperationError(context.getNode(), missing, {
			itemIndex,
			description:
				response !== undefined && response !== null
					? 'The pointer matched no value that is not null. Check the pointer, or untick Required and give a default.'
					: `The item has no "${keys.responseKey}": check the Response Key and that an API Action comes before this node.`,
		});
	}
	return {
		[keys.answerKey]: picked.answer,
		fieldsUsed: picked.fieldsUsed,
		actionUsed: picked.fieldsUsed.length > 0,
	};
}

/** The item's three keys: the answer, fieldsUsed and actionUsed; nothing else of it passes. */
function pickItem(context: IExecuteFunctions, item: IDataObject, itemIndex: number): IDataObject {
	const responseKey = context.getNodeParameter('responseKey', itemIndex, 'response') as string;
	const answerKey = answerKeyOf(context, itemIndex);
	const response = Object.prototype.hasOwnProperty.call(item, responseKey)
		? item[responseKey]
		: undefined;
	// An action's response (API Action puts it beside its `action` record) that is not null.
	const hasResponse = response !== undefined && response !== null;
	if ((context.getNodeParameter('access', itemIndex, 'selected') as Access) === 'full')
		return fullAnswer(item, response, hasResponse, answerKey);
	return pickedAnswer(context, itemIndex, response, { responseKey, answerKey });
}
