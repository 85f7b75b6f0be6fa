// The API Action's helpers, as n8n's Webhook node keeps its own in utils.ts: reading the request
// template and the node's parameters, the item's conversation, the model's arguments, the answer.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJson } from '../shared/parse-json';
import { TEST_SIGNED_ROOTS } from '../shared/provenance';
import {
	answerShapeOf,
	compileAnswer,
	fieldSpecs,
	missingRequiredMessage,
	pickFields,
	type FieldParameter,
} from '../shared/response-fields';
import { genericCredentialMigration } from './credential-migration';
import { ACTION_TEMPLATES, templateFieldParameter, templateRequest } from './action-templates';
import {
	fromAiOutsideInputs,
	validateInputs,
	type InputDeclaration,
	type InputParameter,
} from './ai-inputs';
import type { NameValue, RequestTemplate } from './request-builder';
import { WRITE_METHODS } from './request-policy';
import type { SendFunction } from './send-request';

const CONVERSATION_KEYS = ['user', 'company', 'conversation', 'message', 'identity'];

export interface ResolvedTemplate {
	name: string;
	request: RequestTemplate;
	/** The parameters holding the template's fields (they end up in the URL or headers). */
	fieldParameters: string[];
	/** An action template's POST declared a read (a search); never true for a custom request. */
	readOnly: boolean;
}

function listOf(context: IExecuteFunctions, name: string, itemIndex: number): NameValue[] {
	const value = context.getNodeParameter(name, itemIndex, {}) as { parameters?: NameValue[] };
	return value.parameters ?? [];
}

export function readRequestTemplate(
	context: IExecuteFunctions,
	itemIndex: number,
): ResolvedTemplate {
	const id = context.getNodeParameter('template', itemIndex, 'custom') as string;
	if (id === 'custom') {
		const method = context.getNodeParameter('method', itemIndex, 'GET') as string;
		const body = WRITE_METHODS.includes(method)
			? context.getNodeParameter('jsonBody', itemIndex, '')
			: undefined;
		return {
			name: '',
			fieldParameters: [],
			readOnly: false,
			request: {
				method,
				url: context.getNodeParameter('url', itemIndex) as string,
				query: listOf(context, 'queryParameters', itemIndex),
				headers: listOf(context, 'headerParameters', itemIndex),
				body:
					typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
			},
		};
	}
	const template = ACTION_TEMPLATES.find((candidate) => candidate.id === id);
	if (!template)
		throw new NodeOperationError(
			context.getNode(),
			`Unknown template "${id}". Pick one from the list or "Custom".`,
			{ itemIndex },
		);
	const fields = Object.fromEntries(
		template.fields.map((field) => [
			field.name,
			context.getNodeParameter(
				templateFieldParameter(template, field.name),
				itemIndex,
				field.default,
			) as string,
		]),
	);
	return {
		name: template.actionName,
		fieldParameters: template.fields.map((field) => templateFieldParameter(template, field.name)),
		readOnly: template.request.readOnly === true,
		request: templateRequest(template, fields),
	};
}

/** The item's conversation, or, in a manual run of an item without one, the admin's test values. */
export function conversationContext(
	context: IExecuteFunctions,
	item: IDataObject,
	itemIndex: number,
): IDataObject {
	if (CONVERSATION_KEYS.some((key) => key in item) || context.getMode() !== 'manual') return item;
	const raw = context.getNodeParameter('testValues', itemIndex, '{}');
	const values =
		typeof raw === 'string'
			? parseJsonParameter(context, itemIndex, raw, 'Test Values')
			: (raw as IDataObject);
	// The admin's test values count as signed in this manual run only (nodes/shared/provenance).
	return {
		...values,
		identity: { verified: false, method: 'none', kind: 'user', signed: [...TEST_SIGNED_ROOTS] },
		source: 'test',
	};
}

/** The "AI Inputs" list as stored: the `$fromAI` calls are read, not evaluated. */
export function inputParameters(context: IExecuteFunctions, itemIndex: number): InputParameter[] {
	const misplaced = fromAiOutsideInputs(context.getNode().parameters);
	if (misplaced)
		throw new NodeOperationError(
			context.getNode(),
			`"${misplaced}" uses $fromAI: the AI may only fill declared inputs. Add it under "AI Inputs" and write {{input.<name>}} here.`,
			{ itemIndex },
		);
	const list = context.getNode().parameters.aiInputs as { input?: InputParameter[] } | undefined;
	return list?.input ?? [];
}

/**
 * The model's value for each declared input: n8n evaluates `$fromAI` against the tool call's own
 * arguments (not the agent's input item beneath them). Nothing else of the tool item is read.
 */
export function modelArguments(
	context: IExecuteFunctions,
	itemIndex: number,
	inputs: InputDeclaration[],
): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	inputs.forEach((input, index) => {
		try {
			values[input.name] = context.getNodeParameter(
				`aiInputs.input[${index}].argument`,
				itemIndex,
				undefined,
			);
		} catch {
			values[input.name] = undefined;
		}
	});
	return values;
}

/** Outside tool mode, declared inputs come from the item's `input` object, checked the same way. */
export function withInputs(item: IDataObject, inputs: InputDeclaration[]): IDataObject {
	const given = item.input;
	const values = given && typeof given === 'object' && !Array.isArray(given) ? given : {};
	return { ...item, input: validateInputs(inputs, values as IDataObject) };
}

/** What leaves the node: the picked fields (default) or, when the admin chose it, the full body. */
export function shapeResponse(
	context: IExecuteFunctions,
	itemIndex: number,
	body: unknown,
): { answer: unknown; fieldsUsed?: string[] } {
	if (context.getNodeParameter('responseMode', itemIndex, 'picked') === 'full')
		return { answer: body };
	const parameters = context.getNodeParameter('fields.field', itemIndex, []) as FieldParameter[];
	const shape = answerShapeOf(
		context.getNodeParameter('answerShape', itemIndex, ''),
		context.getNode().typeVersion,
	);
	const picked = pickFields(body, compileAnswer(fieldSpecs(parameters), shape));
	const missing = missingRequiredMessage(picked);
	if (missing)
		throw new NodeOperationError(
			context.getNode(),
			`${missing}. Check the pointer, or untick Required and give a default.`,
			{ itemIndex },
		);
	return { answer: picked.answer, fieldsUsed: picked.fieldsUsed };
}

function parseJsonParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: string,
	name: string,
): IDataObject {
	const parsed = parseJson(raw);
	if (!parsed.ok)
		throw new NodeOperationError(
			context.getNode(),
			`"${name}" is not valid JSON: ${parsed.message}. Fix the JSON in the node's settings.`,
			{ itemIndex },
		);
	return parsed.value as IDataObject;
}

export function parseMock(context: IExecuteFunctions, itemIndex: number, raw: unknown): unknown {
	return typeof raw === 'string'
		? parseJsonParameter(context, itemIndex, raw, 'Mock Response')
		: raw;
}

/** The n8n credential type the request is sent with; undefined for "None". */
export function credentialTypeOf(
	context: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	const authentication = context.getNodeParameter('authentication', itemIndex, 'none') as string;
	if (authentication === 'none') return undefined;
	if (authentication === 'genericCredentialType')
		throw genericCredentialMigration(context, itemIndex);
	return authentication;
}

export function senderFor(context: IExecuteFunctions, itemIndex: number): SendFunction {
	const credentialType = credentialTypeOf(context, itemIndex);
	if (credentialType === undefined)
		return async (options) => await context.helpers.httpRequest(options);
	return async (options) =>
		await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options);
}
