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
//
// Shaped as n8n's Webhook node: description.ts (the settings n8n shows), settings.ts (read once per
// request), receive.ts (the request as named steps), sources/ (Messenger, Intercom), identity/ and
// http/ helpers, rejection.ts (how a request is refused).
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { finMessengerApiTest } from '../shared/messenger-credential-test';
import { finTriggerProperties } from './description';
import { receive } from './receive';
import { sendJson, sendRejection } from './rejection';
import { configurationProblem } from './settings';
import { TEST_RUN_ACKNOWLEDGEMENT } from './test-values';
import { finWebhookDescription } from './webhook-description';

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
		properties: finTriggerProperties,
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
