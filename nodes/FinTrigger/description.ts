// Fin Trigger's settings as n8n shows and stores them (the node class holds the rest of its
// description, as n8n's Webhook node does).
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_BODY_KB } from './http/body-limits';
import { TEST_DEFAULTS } from './test-values';
import { trustOptions } from './trust-properties';

// Plain names: n8n's default rule reads a default only as a literal or a plain name.
const { messageText: TEST_MESSAGE_TEXT, userId: TEST_USER_ID, email: TEST_EMAIL } = TEST_DEFAULTS;

export const finTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Messenger',
				value: 'messenger',
				description: 'Your Messenger backend posts the message with a user_hash or a Messenger JWT',
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
];
