import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parseJson } from '../shared/parse-json';
import {
	answerShapeOf,
	compileAnswer,
	fieldSpecs,
	missingRequiredMessage,
	pickFields,
	type FieldParameter,
} from '../shared/response-fields';
import { ACTION_TEMPLATES, templateFieldParameter, templateRequest } from './action-templates';
import {
	fromAiOutsideInputs,
	InputConfigError,
	InputValueError,
	parseInputDeclarations,
	validateInputs,
	type InputDeclaration,
	type InputParameter,
} from './ai-inputs';
import { MissingAttributeError, PlaceholderValueError } from './placeholders';
import { apiActionProperties } from './properties';
import { redactSecrets, redactUrl, scrubSecrets } from '../shared/redact';
import {
	buildRequest,
	RequestConfigError,
	type NameValue,
	type RequestTemplate,
} from './request-builder';
import { checkMethod, refuseExpressions, WRITE_METHODS } from './request-policy';
import { ApiCallFailure, sendWithRetries, type SendFunction } from './send-request';
import { isToolMode, ToolCallError, verifiedConversation } from './tool-mode';
import { TEST_SIGNED_ROOTS, UntrustedAttributeError } from '../shared/provenance';
import { checkRequestTrust, trustPolicyOf } from './trust';
import { checkHeaderClaims, openRequestClaims, SecretClaimError } from './secret-claims';
import { SealedClaimError } from '../shared/sealed-claims';
import { finMessengerApiTest } from '../shared/messenger-credential-test';
import {
	finTriggerItems,
	FOREIGN_IDENTITY_MESSAGE,
	identityOrigin,
} from '../shared/trigger-origin';

const CONVERSATION_KEYS = ['user', 'company', 'conversation', 'message', 'identity'];

export class ApiAction implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'API Action',
		name: 'apiAction',
		icon: { light: 'file:../../icons/apiAction.svg', dark: 'file:../../icons/apiAction.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["actionName"] || $parameter["template"]}}',
		description:
			'Read live data for one verified customer from your own API, for the AI to answer with',
		defaults: { name: 'API Action' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'finFixedTokenApi',
				required: true,
				displayOptions: { show: { authentication: ['finFixedTokenApi'] } },
			},
			{
				name: 'finDynamicTokenApi',
				required: true,
				displayOptions: { show: { authentication: ['finDynamicTokenApi'] } },
			},
			// The Fin Trigger's credential, only to open the secret claims it sealed (secret-claims.ts).
			{
				name: 'finMessengerApi',
				required: true,
				testedBy: 'finMessengerApiTest',
				displayOptions: { show: { sendSecretClaims: [true] } },
			},
			// n8n's own generic credential types (n8n-nodes-base), offered as the HTTP Request node offers
			// them: n8n lets a node use only credential types its description names. The community rules
			// forbid naming another package's credential; these are n8n's built-in generic ones, used only
			// when the admin picks "Generic Credential Type" (a deliberate exception, see README).
			/* eslint-disable @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references */
			{
				name: 'httpBasicAuth',
				required: true,
				displayOptions: {
					show: { authentication: ['genericCredentialType'], genericAuthType: ['httpBasicAuth'] },
				},
			},
			{
				name: 'httpBearerAuth',
				required: true,
				displayOptions: {
					show: { authentication: ['genericCredentialType'], genericAuthType: ['httpBearerAuth'] },
				},
			},
			{
				name: 'httpHeaderAuth',
				required: true,
				displayOptions: {
					show: { authentication: ['genericCredentialType'], genericAuthType: ['httpHeaderAuth'] },
				},
			},
			{
				name: 'httpQueryAuth',
				required: true,
				displayOptions: {
					show: { authentication: ['genericCredentialType'], genericAuthType: ['httpQueryAuth'] },
				},
			},
			{
				name: 'httpCustomAuth',
				required: true,
				displayOptions: {
					show: { authentication: ['genericCredentialType'], genericAuthType: ['httpCustomAuth'] },
				},
			},
			/* eslint-enable @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references */
		],
		properties: apiActionProperties,
	};

	methods = { credentialTest: { finMessengerApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		// As an AI Agent tool the item is the agent's input with the model's arguments on top: its
		// conversation keys are never read (tool-mode.ts), and only the answer goes back to the model.
		const toolMode = isToolMode(this);
		// Outside tool mode the item's identity counts only as this execution's Fin Trigger emitted it.
		let triggerItems: IDataObject[] | undefined;
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const incoming = items[itemIndex].json;
			const started = Date.now();
			let secrets: string[] = [];
			const record: IDataObject = {
				name: '',
				method: '',
				url: '',
				status: null,
				durationMs: 0,
				responseBytes: 0,
				source: '',
				attempts: 0,
			};
			try {
				const template = readRequestTemplate(this, itemIndex);
				record.name =
					(this.getNodeParameter('actionName', itemIndex, '') as string) ||
					template.name ||
					this.getNode().name;
				record.method = template.request.method.toUpperCase();
				checkMethod(
					record.method as string,
					this.getNodeParameter('allowWrites', itemIndex, false) as boolean,
				);
				// $fromAI first: its error says where model values belong.
				const inputs = parseInputDeclarations(inputParameters(this, itemIndex));
				refuseExpressions(this.getNode().parameters, template.fieldParameters);
				if (
					!toolMode &&
					identityOrigin(incoming, (triggerItems ??= finTriggerItems(this)), itemIndex) ===
						'foreign'
				)
					throw new UntrustedAttributeError(FOREIGN_IDENTITY_MESSAGE);
				const context = toolMode
					? {
							...verifiedConversation(this, itemIndex),
							input: validateInputs(inputs, modelArguments(this, itemIndex, inputs)),
						}
					: withInputs(conversationContext(this, incoming, itemIndex), inputs);
				checkHeaderClaims(template.request, context);
				const built = buildRequest(
					template.request,
					await openRequestClaims(this, itemIndex, template.request, context),
				);
				// Only signed attributes may choose whose data is read (nodes/shared/provenance).
				// Declared AI inputs are unsigned by nature: declaring one is the admin's explicit allowance,
				// so they may narrow the read, but a customer-specific read still needs a signed attribute.
				const policy = trustPolicyOf(this, itemIndex);
				policy.unverifiedAllowed.push(...inputs.map((input) => `input.${input.name}`));
				const trust = checkRequestTrust(context, template.request, policy);
				if (trust.unverified.length > 0) record.unverifiedAttributes = trust.unverified;
				secrets = built.secrets;
				record.url = redactUrl(built.url, secrets);
				const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
				const responseKey = (options.responseKey as string) || 'response';

				let body: unknown;
				if (this.getNodeParameter('responseSource', itemIndex, 'live') === 'mock') {
					record.source = 'mock';
					body = parseMock(this, itemIndex, this.getNodeParameter('mockResponse', itemIndex, '{}'));
					record.status = 200;
					record.responseBytes = Buffer.byteLength(JSON.stringify(body));
				} else {
					record.source = 'live';
					const result = await sendWithRetries(
						senderFor(this, itemIndex),
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
							credentialType: credentialTypeOf(this, itemIndex),
						},
					);
					body = result.body;
					record.status = result.status;
					record.responseBytes = result.bytes;
					record.attempts = result.attempts;
				}
				record.durationMs = Date.now() - started;
				const { answer, fieldsUsed } = shapeResponse(this, itemIndex, body);
				output.push({
					json: toolMode
						? { answer: answer as IDataObject }
						: {
								// A per-customer secret the request used (a claim in a header) leaves in no output.
								...redactSecrets(incoming, secrets),
								[responseKey]: answer as IDataObject,
								...(fieldsUsed ? { fieldsUsed } : {}),
								action: record,
							},
					pairedItem: { item: itemIndex },
				});
			} catch (caught) {
				record.durationMs = Date.now() - started;
				if (toolMode && (caught instanceof ToolCallError || caught instanceof InputValueError)) {
					// The model's answer: what is wrong and what to do (ask the customer), not a failed run.
					output.push({
						json: { error: caught.message, errorType: caught.name },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				const error = toNodeError(this, caught, record, secrets, itemIndex);
				if (caught instanceof ApiCallFailure) {
					record.status = caught.status ?? null;
					record.attempts = caught.attempts;
				}
				if (!this.continueOnFail()) throw error;
				output.push({
					json: {
						...(toolMode ? {} : redactSecrets(incoming, secrets)),
						action: record,
						error: {
							name: error.name,
							message: error.message,
							description: error.description ?? null,
						},
					},
					// With an error output n8n routes items carrying `error` there; in the regular output n8n
					// would replace the item's JSON with the message, losing the conversation context.
					...(this.getNode().onError === 'continueErrorOutput' ? { error } : {}),
					pairedItem: { item: itemIndex },
				});
			}
		}
		return [output];
	}
}

interface ResolvedTemplate {
	name: string;
	request: RequestTemplate;
	/** The parameters holding the template's fields (they end up in the URL or headers). */
	fieldParameters: string[];
}

function listOf(context: IExecuteFunctions, name: string, itemIndex: number): NameValue[] {
	const value = context.getNodeParameter(name, itemIndex, {}) as { parameters?: NameValue[] };
	return value.parameters ?? [];
}

function readRequestTemplate(context: IExecuteFunctions, itemIndex: number): ResolvedTemplate {
	const id = context.getNodeParameter('template', itemIndex, 'custom') as string;
	if (id === 'custom') {
		const method = context.getNodeParameter('method', itemIndex, 'GET') as string;
		const body = WRITE_METHODS.includes(method)
			? context.getNodeParameter('jsonBody', itemIndex, '')
			: undefined;
		return {
			name: '',
			fieldParameters: [],
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
		request: templateRequest(template, fields),
	};
}

/** The item's conversation, or, in a manual run of an item without one, the admin's test values. */
function conversationContext(
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
function inputParameters(context: IExecuteFunctions, itemIndex: number): InputParameter[] {
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
function modelArguments(
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
function withInputs(item: IDataObject, inputs: InputDeclaration[]): IDataObject {
	const given = item.input;
	const values = given && typeof given === 'object' && !Array.isArray(given) ? given : {};
	return { ...item, input: validateInputs(inputs, values as IDataObject) };
}

/** What leaves the node: the picked fields (default) or, when the admin chose it, the full body. */
function shapeResponse(
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

function parseMock(context: IExecuteFunctions, itemIndex: number, raw: unknown): unknown {
	return typeof raw === 'string'
		? parseJsonParameter(context, itemIndex, raw, 'Mock Response')
		: raw;
}

/** The n8n credential type the request is sent with; undefined for "None". */
function credentialTypeOf(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const authentication = context.getNodeParameter('authentication', itemIndex, 'none') as string;
	if (authentication === 'none') return undefined;
	return authentication === 'genericCredentialType'
		? (context.getNodeParameter('genericAuthType', itemIndex) as string)
		: authentication;
}

function senderFor(context: IExecuteFunctions, itemIndex: number): SendFunction {
	const credentialType = credentialTypeOf(context, itemIndex);
	if (credentialType === undefined)
		return async (options) => await context.helpers.httpRequest(options);
	return async (options) =>
		await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options);
}

function toNodeError(
	context: IExecuteFunctions,
	caught: unknown,
	record: IDataObject,
	secrets: string[],
	itemIndex: number,
) {
	const where = record.url ? ` (${record.method as string} ${record.url as string})` : '';
	if (caught instanceof ApiCallFailure) {
		const message = scrubSecrets(caught.message, secrets);
		return new NodeApiError(context.getNode(), { message, kind: caught.kind } as JsonObject, {
			message,
			description: `Action "${record.name as string}"${where}, attempt ${caught.attempts}.`,
			httpCode: caught.status ? String(caught.status) : undefined,
			itemIndex,
		});
	}
	if (
		// The node's own NodeOperationErrors are rebuilt too: scrubbed, with the action in the description.
		caught instanceof NodeOperationError ||
		caught instanceof MissingAttributeError ||
		caught instanceof InputConfigError ||
		caught instanceof InputValueError ||
		caught instanceof PlaceholderValueError ||
		caught instanceof RequestConfigError ||
		caught instanceof UntrustedAttributeError ||
		caught instanceof SecretClaimError ||
		caught instanceof SealedClaimError
	) {
		return new NodeOperationError(context.getNode(), scrubSecrets(caught.message, secrets), {
			itemIndex,
			description: `Action "${record.name as string}"${where}.`,
		});
	}
	const message = scrubSecrets((caught as Error)?.message ?? String(caught), secrets);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}
