// One item through the API Action, as named steps: prepare the request (template, checks, whose
// data, claims, trust), fetch the body (mock or live), answer with the picked fields.
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { UntrustedAttributeError } from '../shared/provenance';
import { redactSecrets, redactUrl } from '../shared/redact';
import {
	finTriggerItems,
	FOREIGN_IDENTITY_MESSAGE,
	identityOrigin,
} from '../shared/trigger-origin';
import { parseInputDeclarations, validateInputs, type InputDeclaration } from './ai-inputs';
import { buildRequest, type BuiltRequest, type RequestTemplate } from './request-builder';
import { checkMethod, refuseExpressions } from './request-policy';
import { checkHeaderClaims, openRequestClaims } from './secret-claims';
import { sendWithRetries } from './send-request';
import { checkToolAudience } from './tool-audience';
import { isToolMode, verifiedConversation } from './tool-mode';
import { checkRequestTrust, trustPolicyOf } from './trust';
import {
	conversationContext,
	credentialTypeOf,
	inputParameters,
	modelArguments,
	parseMock,
	readRequestTemplate,
	senderFor,
	shapeResponse,
	withInputs,
} from './utils';

/** What holds for every item of one execution. */
export interface RunState {
	// As an AI Agent tool the item is the agent's input with the model's arguments on top: its
	// conversation keys are never read (tool-mode.ts), and only the answer goes back to the model.
	toolMode: boolean;
	// Outside tool mode the item's identity counts only as this execution's Fin Trigger emitted it.
	triggerItems?: IDataObject[];
}

/** One item's action as it goes: its record (the `action` output) and the secrets its request used. */
export interface ActionState {
	incoming: IDataObject;
	started: number;
	secrets: string[];
	record: IDataObject;
}

interface PreparedRequest {
	built: BuiltRequest;
	options: IDataObject;
	responseKey: string;
}

export function newRunState(context: IExecuteFunctions): RunState {
	return { toolMode: isToolMode(context) };
}

export function newActionState(incoming: IDataObject): ActionState {
	return {
		incoming,
		started: Date.now(),
		secrets: [],
		record: {
			name: '',
			method: '',
			url: '',
			status: null,
			durationMs: 0,
			responseBytes: 0,
			source: '',
			attempts: 0,
		},
	};
}

/** The values the request's placeholders read: the verified conversation and the declared inputs. */
function requestContextOf(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunState,
	incoming: IDataObject,
	inputs: InputDeclaration[],
	actionName: string,
): IDataObject {
	if (
		!run.toolMode &&
		identityOrigin(incoming, (run.triggerItems ??= finTriggerItems(context)), itemIndex) ===
			'foreign'
	)
		throw new UntrustedAttributeError(FOREIGN_IDENTITY_MESSAGE);
	if (!run.toolMode) return withInputs(conversationContext(context, incoming, itemIndex), inputs);
	const conversation = verifiedConversation(context, itemIndex);
	// Outside the tool's audience the model learns only that the action is not available.
	checkToolAudience(context, itemIndex, conversation, actionName);
	return {
		...conversation,
		input: validateInputs(inputs, modelArguments(context, itemIndex, inputs)),
	};
}

/**
 * Only signed attributes may choose whose data is read (nodes/shared/provenance). Declared AI inputs
 * are unsigned by nature: declaring one is the admin's explicit allowance, so they may narrow the
 * read, but a customer-specific read still needs a signed attribute.
 */
function checkTrust(
	context: IExecuteFunctions,
	itemIndex: number,
	request: RequestTemplate,
	requestContext: IDataObject,
	inputs: InputDeclaration[],
	record: IDataObject,
): void {
	const policy = trustPolicyOf(context, itemIndex);
	policy.unverifiedAllowed.push(...inputs.map((input) => `input.${input.name}`));
	const trust = checkRequestTrust(requestContext, request, policy);
	if (trust.unverified.length > 0) record.unverifiedAttributes = trust.unverified;
}

async function prepareRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunState,
	action: ActionState,
): Promise<PreparedRequest> {
	const { record } = action;
	const template = readRequestTemplate(context, itemIndex);
	record.name =
		(context.getNodeParameter('actionName', itemIndex, '') as string) ||
		template.name ||
		context.getNode().name;
	record.method = template.request.method.toUpperCase();
	checkMethod(
		record.method as string,
		context.getNodeParameter('allowWrites', itemIndex, false) as boolean,
		template.readOnly,
	);
	// $fromAI first: its error says where model values belong.
	const inputs = parseInputDeclarations(inputParameters(context, itemIndex));
	refuseExpressions(context.getNode().parameters, template.fieldParameters);
	const requestContext = requestContextOf(
		context,
		itemIndex,
		run,
		action.incoming,
		inputs,
		record.name as string,
	);
	checkHeaderClaims(template.request, requestContext);
	const built = buildRequest(
		template.request,
		await openRequestClaims(context, itemIndex, template.request, requestContext),
	);
	checkTrust(context, itemIndex, template.request, requestContext, inputs, record);
	action.secrets = built.secrets;
	record.url = redactUrl(built.url, action.secrets);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return { built, options, responseKey: (options.responseKey as string) || 'response' };
}

/** The response body: the admin's mock, or the API's answer (with retries and limits). */
async function fetchBody(
	context: IExecuteFunctions,
	itemIndex: number,
	{ built, options }: PreparedRequest,
	record: IDataObject,
): Promise<unknown> {
	if (context.getNodeParameter('responseSource', itemIndex, 'live') === 'mock') {
		record.source = 'mock';
		const body = parseMock(
			context,
			itemIndex,
			context.getNodeParameter('mockResponse', itemIndex, '{}'),
		);
		record.status = 200;
		record.responseBytes = Buffer.byteLength(JSON.stringify(body));
		return body;
	}
	record.source = 'live';
	const result = await sendWithRetries(
		senderFor(context, itemIndex),
		{
			method: built.method as IHttpRequestOptions['method'],
			url: built.url,
			headers: built.headers,
			body: built.body as IDataObject,
			json: built.body !== undefined,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		{
			timeoutMs: (options.timeoutMs as number) ?? 10000,
			maxResponseBytes: (options.maxResponseBytes as number) ?? 1048576,
			maxRetries: (options.maxRetries as number) ?? 2,
			backoffMs: 250,
			maxRetryAfterMs: 30000,
			credentialType: credentialTypeOf(context, itemIndex),
		},
	);
	record.status = result.status;
	record.responseBytes = result.bytes;
	record.attempts = result.attempts;
	return result.body;
}

/** The output item: the answer alone for the model, else the item with the answer and the record. */
function answerItem(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunState,
	action: ActionState,
	body: unknown,
	responseKey: string,
): INodeExecutionData {
	const { record } = action;
	record.durationMs = Date.now() - action.started;
	const { answer, fieldsUsed } = shapeResponse(context, itemIndex, body);
	return {
		json: run.toolMode
			? { answer: answer as IDataObject }
			: {
					// A per-customer secret the request used (a claim in a header) leaves in no output.
					...redactSecrets(action.incoming, action.secrets),
					[responseKey]: answer as IDataObject,
					...(fieldsUsed ? { fieldsUsed } : {}),
					action: record,
				},
		pairedItem: { item: itemIndex },
	};
}

export async function actionItem(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunState,
	action: ActionState,
): Promise<INodeExecutionData> {
	const prepared = await prepareRequest(context, itemIndex, run, action);
	const body = await fetchBody(context, itemIndex, prepared, action.record);
	return answerItem(context, itemIndex, run, action, body, prepared.responseKey);
}
