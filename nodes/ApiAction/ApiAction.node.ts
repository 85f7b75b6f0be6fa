// API Action: reads live data for one verified customer from your own API. Shaped as n8n's Webhook
// node: the parameters in description.ts, each item's steps in action-item.ts, helpers in utils.ts,
// how an item fails in error.ts.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { finDynamicTokenApiTest, finFixedTokenApiTest } from '../../credentials/token-tests';
import { finMessengerApiTest } from '../shared/messenger-credential-test';
import { actionItem, newActionState, newRunState } from './action-item';
import { failedItem } from './error';
import { apiActionProperties } from './description';
import { withoutFromAiButton } from './from-ai-button';
import { refuseRetryOnFail } from './retry-on-fail';
import { subtitleExpression } from './subtitle';

export class ApiAction implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'API Action',
		name: 'apiAction',
		icon: { light: 'file:../../icons/apiAction.svg', dark: 'file:../../icons/apiAction.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: subtitleExpression(),
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
				// What n8n runs on save: the Test URL with the token, or says it cannot test (token-tests.ts).
				testedBy: 'finFixedTokenApiTest',
				displayOptions: { show: { authentication: ['finFixedTokenApi'] } },
			},
			{
				name: 'finDynamicTokenApi',
				required: true,
				// A fresh token every time, then the Test URL with it if there is one (token-tests.ts).
				testedBy: 'finDynamicTokenApiTest',
				displayOptions: { show: { authentication: ['finDynamicTokenApi'] } },
			},
			// The Fin Trigger's credential, only to open the secret claims it sealed (secret-claims.ts).
			{
				name: 'finMessengerApi',
				required: true,
				testedBy: 'finMessengerApiTest',
				displayOptions: { show: { sendSecretClaims: [true] } },
			},
		],
		properties: withoutFromAiButton(apiActionProperties),
	};

	methods = {
		credentialTest: { finMessengerApiTest, finFixedTokenApiTest, finDynamicTokenApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		refuseRetryOnFail(this);
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		const run = newRunState(this);
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const action = newActionState(items[itemIndex].json);
			try {
				output.push(await actionItem(this, itemIndex, run, action));
			} catch (caught) {
				output.push(failedItem(this, itemIndex, caught, run, action));
			}
		}
		return [output];
	}
}
