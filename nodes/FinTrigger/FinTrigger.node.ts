// Fin Trigger: a customer's chat message starts the workflow, and only a proven identity may get a
// personalized answer. Two sources share one output item shape (nodes/shared/conversation-item):
// - Messenger: your Messenger backend posts {message, user, company?, conversation?} with Intercom's
//   `user_hash` or a Messenger JWT (HS256, the same identity-verification secret).
// - Intercom webhook: Intercom's signed notification (X-Hub-Signature, the app's client secret).
// A refused request is answered here (400/401/403/413/415 with a JSON error) and starts no execution.
//
// Test runs: n8n runs a webhook trigger in the editor by listening on its test URL ("Listen for
// test event"); n8n never calls a webhook node's `execute` without a request, so Fin Trigger has
// none. Instead, a call to the *test* URL with an empty JSON body (or `{}`) emits the Test Values
// below, marked identity.verified: false and source: 'test'; pinned data works as for any trigger.
// Its caller gets only an acknowledgement: the run's data is seen in the editor, never answered.
// "Require Identity Verification" can be switched off for test runs only: on the production URL
// the node then refuses every call rather than let unverified customers through.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { ConversationItem } from '../shared/conversation-item';
import {
	checkBodySize,
	decodeUtf8,
	DEFAULT_MAX_BODY_KB,
	rawBodyOf,
	type WebhookRequest,
} from './body-limits';
import { checkContentType } from './content-type';
import { verifyIntercomSignature } from './intercom-signature';
import { parseIntercomNotification } from './intercom-envelope';
import { messageOf, parseMessengerBody } from './messenger-body';
import { verifyMessengerIdentity } from './messenger-identity';
import { parseClaimMapping, parseSecretClaims } from './jwt-claims';
import { finMessengerApiTest } from '../shared/messenger-credential-test';
import { DEFAULT_JWT_LEEWAY_SECONDS, DEFAULT_JWT_MAX_LIFETIME_SECONDS } from './messenger-jwt';
import type { JwtPolicy } from './messenger-identity';
import { checkProtectedAttributes, parseProtectedAttributes } from './protected-attributes';
import { deliveryOf, recordDelivery } from './replay-guard';
import { trustOptions } from './trust-properties';
import { accept, refuse, sendJson, sendRejection, type Outcome } from './rejection';
import { isPlainRecord, parseJson, sanitizeJson } from '../shared/parse-json';
import {
	buildTestItem,
	TEST_DEFAULTS,
	TEST_RUN_ACKNOWLEDGEMENT,
	type TestValues,
} from './test-values';

// Plain names: n8n's default rule reads a default only as a literal or a plain name.
const { messageText: TEST_MESSAGE_TEXT, userId: TEST_USER_ID, email: TEST_EMAIL } = TEST_DEFAULTS;
import { finWebhookDescription } from './webhook-description';

interface MessengerSecrets extends ICredentialDataDecryptedObject {
	identityVerificationSecret: string;
	intercomClientSecret: string;
}

type Received =
	{ kind: 'item'; item: ConversationItem } | { kind: 'ignored' | 'duplicate' | 'expired' };

/** Reads the body as JSON from the raw bytes (or, without them, from n8n's parsed body). */
function readJsonBody(
	raw: Buffer | undefined,
	parsedBody: unknown,
): Outcome<Record<string, unknown> | undefined> {
	let value: unknown;
	if (raw) {
		const text = decodeUtf8(raw);
		if (text === undefined)
			return refuse(400, 'invalid_encoding', 'The request body is not valid UTF-8');
		if (text.trim() === '') return accept(undefined);
		const parsed = parseJson(text);
		if (!parsed.ok) {
			return parsed.reason === 'depth'
				? refuse(400, 'body_too_deep', 'The request body nests too deeply')
				: refuse(400, 'invalid_json', 'The request body is not valid JSON');
		}
		value = parsed.value;
	} else {
		if (parsedBody === undefined || parsedBody === null || parsedBody === '')
			return accept(undefined);
		if (typeof parsedBody === 'string')
			return refuse(400, 'invalid_json', 'The request body is not valid JSON');
		value = sanitizeJson(parsedBody);
		if (value === undefined)
			return refuse(400, 'body_too_deep', 'The request body nests too deeply');
	}
	if (!isPlainRecord(value))
		return refuse(400, 'invalid_body', 'The request body must be a JSON object');
	return accept(value);
}

async function secretsOf(context: IWebhookFunctions): Promise<MessengerSecrets> {
	const credentials = await context.getCredentials<MessengerSecrets>('finMessengerApi');
	return {
		identityVerificationSecret: String(credentials.identityVerificationSecret ?? ''),
		intercomClientSecret: String(credentials.intercomClientSecret ?? ''),
	};
}

async function receive(context: IWebhookFunctions): Promise<Outcome<Received>> {
	const request = context.getRequestObject() as WebhookRequest;
	// Before anything else: nothing of a non-JSON request is read (see content-type.ts).
	const contentType = checkContentType(request.headers['content-type']);
	if (!contentType.ok) return contentType;
	const source = context.getNodeParameter('source', 'messenger') as string;
	const requireVerification = context.getNodeParameter(
		'requireIdentityVerification',
		true,
	) as boolean;
	const options = context.getNodeParameter('options', {}) as {
		maxBodySize?: number;
		jwtLeewaySeconds?: number;
		jwtMaxAgeSeconds?: number;
		jwtMaxLifetimeSeconds?: number;
		jwtAudience?: string;
		jwtIssuer?: string;
		jwtClaimMapping?: string;
		jwtRedactedClaims?: string;
	};
	const isTestRun = context.getMode() === 'manual';
	const now = new Date();

	if (!requireVerification && !isTestRun) {
		return refuse(
			403,
			'verification_required',
			'Identity verification can be switched off for test runs only',
		);
	}

	// Settings no request could satisfy are refused before anything is read (and at activation).
	const protectedParsed = parseProtectedAttributes(
		context.getNodeParameter('protectedAttributes', '') as string,
	);
	if (!protectedParsed.ok) return refuse(500, 'configuration', protectedParsed.error);
	const protectedList = protectedParsed.value;
	const claimMapping = parseClaimMapping(options.jwtClaimMapping ?? '');
	if (claimMapping.error) return refuse(500, 'configuration', claimMapping.error);
	const jwtPolicy: JwtPolicy = {
		checks: {
			leewaySeconds: options.jwtLeewaySeconds ?? DEFAULT_JWT_LEEWAY_SECONDS,
			maxAgeSeconds: options.jwtMaxAgeSeconds ?? 0,
			maxLifetimeSeconds: options.jwtMaxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS,
			audience: options.jwtAudience || undefined,
			issuer: options.jwtIssuer || undefined,
		},
		mappings: claimMapping.mappings,
		secretClaims: parseSecretClaims(options.jwtRedactedClaims ?? ''),
	};

	const raw = await rawBodyOf(request);
	const size = raw ? raw.length : Buffer.byteLength(JSON.stringify(request.body ?? {}) ?? '');
	const sizeCheck = checkBodySize(size, options.maxBodySize ?? DEFAULT_MAX_BODY_KB);
	if (!sizeCheck.ok) return sizeCheck;

	// Intercom's signature covers the bytes, so it is checked before anything of them is read.
	const isIntercom = source === 'intercomWebhook';
	let secrets: MessengerSecrets | undefined;
	const hasContent = raw
		? raw.toString('utf8').trim() !== ''
		: request.body !== undefined && request.body !== '';
	if (requireVerification && isIntercom && (hasContent || !isTestRun)) {
		if (!raw) {
			return refuse(
				500,
				'raw_body_unavailable',
				'The raw request body is not available, so the Intercom signature cannot be checked',
			);
		}
		secrets = await secretsOf(context);
		if (secrets.intercomClientSecret === '') {
			return refuse(
				500,
				'secret_missing',
				'The Fin Messenger credential has no Intercom client secret',
			);
		}
		const signature = verifyIntercomSignature(
			secrets.intercomClientSecret,
			raw,
			request.headers['x-hub-signature'],
		);
		if (signature === 'missing')
			return refuse(401, 'signature_missing', 'The X-Hub-Signature header is missing');
		if (signature !== 'valid')
			return refuse(401, 'signature_invalid', 'The X-Hub-Signature does not match the body');
	}

	const body = readJsonBody(raw, request.body);
	if (!body.ok) return body;
	if (body.value === undefined || Object.keys(body.value).length === 0) {
		if (!isTestRun) return refuse(400, 'empty_body', 'The request body is empty');
		const testValues = context.getNodeParameter('testValues', {}) as TestValues;
		const test = buildTestItem(testValues, now);
		return test.ok ? accept({ kind: 'item', item: test.value }) : test;
	}

	if (isIntercom) {
		const notification = parseIntercomNotification(body.value, now);
		if (!notification.ok) return notification;
		if (notification.value.kind === 'ignored') return accept({ kind: 'ignored' });
		if (requireVerification && !isTestRun) {
			// A signed notification starts one run, however often it is posted (replay-guard.ts).
			const delivery = deliveryOf(body.value);
			if (!delivery.ok) return delivery;
			const seen = recordDelivery(
				context.getWorkflowStaticData('node'),
				`${context.getWorkflow().id ?? ''}\u0000${context.getNode().name}`,
				delivery.value,
				Math.floor(now.getTime() / 1000),
			);
			if (seen !== 'new') return accept({ kind: seen });
		}
		const { parts, audience, signedPaths } = notification.value;
		// Intercom signed the notification, but only a `user` contact is a verified identity: a lead
		// or visitor typed whatever it says about itself.
		const verifiedUser = requireVerification && audience === 'user';
		const signed = verifiedUser ? signedPaths : [];
		const check = checkProtectedAttributes(protectedList, parts, parts, signed);
		if (!check.ok) return check;
		return accept({
			kind: 'item',
			item: {
				...parts,
				identity: {
					verified: verifiedUser,
					method: requireVerification ? 'intercom_signature' : 'none',
					kind: verifiedUser ? 'user' : audience === 'user' ? 'visitor' : audience,
					signed,
				},
				source: 'intercom_webhook',
			},
		});
	}

	const messenger = parseMessengerBody(body.value);
	if (!messenger.ok) return messenger;
	const { user, company, conversation } = messenger.value;
	const base = {
		message: messageOf(messenger.value.message, now),
		company,
		conversation,
		source: 'messenger' as const,
	};

	const unsigned = { user, company, conversation, message: messenger.value.message };
	if (!requireVerification) {
		const check = checkProtectedAttributes(protectedList, unsigned);
		if (!check.ok) return check;
		return accept({
			kind: 'item',
			item: {
				...base,
				user,
				identity: { verified: false, method: 'none', kind: 'visitor', signed: [] },
			} as ConversationItem,
		});
	}

	secrets ??= await secretsOf(context);
	const identity = verifyMessengerIdentity(
		messenger.value,
		request.headers.authorization,
		secrets.identityVerificationSecret,
		Math.floor(now.getTime() / 1000),
		jwtPolicy,
	);
	if (!identity.ok) return identity;
	const { method, signedUser, signedPaths, claims, redactedClaims } = identity.value;
	// With a JWT the identifiers are claims: an unsigned user_id or email must not differ from them.
	const checked =
		method === 'jwt'
			? [...new Set([...protectedList, 'user.user_id', 'user.email'])]
			: protectedList;
	const check = checkProtectedAttributes(checked, unsigned, { user: signedUser }, signedPaths);
	if (!check.ok) return check;
	return accept({
		kind: 'item',
		item: {
			...base,
			user: { ...user, ...signedUser },
			identity: {
				verified: true,
				method,
				kind: 'user',
				signed: signedPaths,
				...(claims ? { claims: claims as IDataObject } : {}),
				...(redactedClaims && redactedClaims.length > 0 ? { redactedClaims } : {}),
			},
		} as ConversationItem,
	});
}

/** A Protected Attributes or JWT claim mapping entry the node cannot honour, or undefined. */
function configurationProblem(context: IHookFunctions): string | undefined {
	const parsed = parseProtectedAttributes(
		context.getNodeParameter('protectedAttributes', '') as string,
	);
	if (!parsed.ok) return parsed.error;
	const options = context.getNodeParameter('options', {}) as { jwtClaimMapping?: string };
	return parseClaimMapping(options.jwtClaimMapping ?? '').error;
}

export class FinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fin Trigger',
		name: 'finTrigger',
		icon: {
			light: 'file:../../icons/finTrigger.svg',
			dark: 'file:../../icons/finTrigger.dark.svg',
		},
		group: ['trigger'],
		// Version 2 behaves as 1; it exists because n8n evaluates `options.binaryData` through the
		// expression engine on every request for a start node whose typeVersion is exactly 1
		// (webhook-helpers parseRequestBody). Saved v1 workflows keep working unchanged.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["source"] === "intercomWebhook" ? "Intercom webhook" : "Messenger"}}',
		description:
			"Starts the workflow when a customer's chat message arrives, with the customer's identity verified",
		defaults: { name: 'Fin Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'finMessengerApi', required: true, testedBy: 'finMessengerApiTest' }],
		// Resolved without the expression engine in n8n's webhook phase (see webhook-description.ts).
		webhooks: [finWebhookDescription()],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Messenger',
						value: 'messenger',
						description:
							'Your Messenger backend posts the message with a user_hash or a Messenger JWT',
					},
					{
						name: 'Intercom Webhook',
						value: 'intercomWebhook',
						description:
							"Intercom posts conversation notifications signed with your app's client secret",
					},
				],
				default: 'messenger',
			},
			{
				displayName:
					'Messenger body: {"message": {"text": "..."}, "user": {"user_id": "...", "email": "..."}, "user_hash": "..."} or a JWT in "Authorization: Bearer ...". In Intercom, subscribe the webhook to conversation.user.created and conversation.user.replied.',
				name: 'sourceNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Require Identity Verification',
				name: 'requireIdentityVerification',
				type: 'boolean',
				default: true,
				description:
					"Whether every message must prove the customer's identity. Switch off for test runs only: on the test URL every item then says identity.verified: false, and on the production URL the node refuses all calls.",
			},
			{
				displayName:
					'Identity verification is off: only test runs are accepted, and every item says identity.verified: false',
				name: 'verificationOffNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { requireIdentityVerification: [false] } },
			},
			{
				displayName: 'Protected Attributes',
				name: 'protectedAttributes',
				type: 'string',
				default: '',
				placeholder: 'plan, user.account.tier, company.plan, conversation.priority',
				description:
					'Comma-separated attributes that may only come from a signed source (the user_hash identifier, a mapped JWT claim, a verified Intercom user). A request that sets one without a signature is refused with 403, for both sources. A bare name is a user attribute; nested paths and the company., conversation. and message. roots work too. With a JWT, user_id and email are always protected.',
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{
						name: "With Last Node's Output",
						value: 'lastNode',
						description:
							'The chat system receives the personalized data of the last node synchronously',
					},
					{
						name: 'At Once With 202 Accepted',
						value: 'onReceived',
						description: 'Answer immediately; the workflow runs on its own',
					},
				],
				default: 'lastNode',
			},
			{
				displayName: 'Test Values',
				name: 'testValues',
				type: 'collection',
				placeholder: 'Add Test Value',
				default: {},
				description:
					'Used when the test URL receives an empty JSON body (or {} sent as JSON), e.g. after "Listen for test event". The item says identity.verified: false and source: test; its values count as signed in manual (editor) runs only, never in production. The caller of the test URL gets only an acknowledgement: the run and its data are shown in the editor.',
				options: [
					{
						displayName: 'Message Text',
						name: 'messageText',
						type: 'string',
						default: TEST_MESSAGE_TEXT,
					},
					{
						displayName: 'User ID',
						name: 'userId',
						type: 'string',
						default: TEST_USER_ID,
					},
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: TEST_EMAIL,
					},
					{
						displayName: 'Attributes (JSON)',
						name: 'attributes',
						type: 'json',
						default: '{}',
						description:
							'User attributes; "company" and "conversation" keys fill those parts of the item',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Body Size (KB)',
						name: 'maxBodySize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 16384 },
						default: DEFAULT_MAX_BODY_KB,
						description: 'Larger requests are refused with 413',
					},
					...trustOptions,
				],
			},
		],
	};

	// Neither secret can be checked against an API (Intercom has no endpoint that accepts them).
	methods = { credentialTest: { finMessengerApiTest } };

	/**
	 * Nothing is registered remotely: Messenger calls come from your own backend, and Intercom
	 * webhooks are configured in Intercom's Developer Hub (its API offers no subscription endpoint).
	 * The methods keep, in the node's static data, the URL n8n activated, so checkExists answers
	 * truthfully and a changed URL (e.g. another host) is recorded again.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				return (
					staticData.webhookUrl !== undefined &&
					staticData.webhookUrl === this.getNodeWebhookUrl('default')
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Refuse at activation what the node could never enforce, rather than at the first chat.
				const configuration = configurationProblem(this);
				if (configuration) throw new NodeOperationError(this.getNode(), configuration);
				const staticData = this.getWorkflowStaticData('node');
				staticData.webhookUrl = this.getNodeWebhookUrl('default');
				staticData.registeredAt = new Date().toISOString();
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				delete staticData.webhookUrl;
				delete staticData.registeredAt;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const outcome = await receive(this);
		if (!outcome.ok) {
			sendRejection(this.getResponseObject(), outcome.rejection);
			return { noWebhookResponse: true };
		}
		if (outcome.value.kind !== 'item') return { webhookResponse: { status: outcome.value.kind } };
		const workflowData = [[{ json: outcome.value.item, pairedItem: { item: 0 } }]];
		if (outcome.value.item.source === 'test') {
			// Answered here, so n8n sends neither the last node's output nor anything else of the run:
			// n8n 2.x ignores `webhookResponse` when workflowData is returned (it answers per response
			// mode), but runs the workflow after a `noWebhookResponse` and sends nothing more.
			sendJson(this.getResponseObject(), 200, TEST_RUN_ACKNOWLEDGEMENT);
			return { noWebhookResponse: true, workflowData };
		}
		return {
			webhookResponse: { status: 'accepted' },
			workflowData,
		};
	}
}
