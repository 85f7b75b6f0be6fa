// Secrets that prove who wrote a chat message: Intercom's identity-verification secret (user_hash
// and Messenger JWTs) and the Intercom app's client secret (X-Hub-Signature of webhooks). They
// authenticate no outgoing request, so the test is the Fin Trigger node's `finMessengerApiTest`.
import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class FinMessengerApi implements ICredentialType {
	name = 'finMessengerApi';

	displayName = 'Fin Messenger API';

	icon: Icon = {
		light: 'file:../icons/finMessenger.svg',
		dark: 'file:../icons/finMessenger.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-fin-actions#fin-messenger-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Identity Verification Secret',
			name: 'identityVerificationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Intercom > Settings > Messenger > Security: the secret that signs user_hash values and Messenger JWTs (HS256). Needed for the Messenger source.',
		},
		{
			displayName: 'Intercom Client Secret',
			name: 'intercomClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Developer Hub > your app > Basic information: the client secret that signs webhook notifications (X-Hub-Signature). Needed for the Intercom Webhook source.',
		},
	];
}
