import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { fixedTokenPlacementProperties, placeToken } from './token-placement';

export class FinFixedTokenApi implements ICredentialType {
	name = 'finFixedTokenApi';

	displayName = 'Fin Fixed Token API';

	icon: Icon = { light: 'file:../icons/finToken.svg', dark: 'file:../icons/finToken.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-fin-actions#fin-fixed-token-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The token or API key; with Basic Auth, the password',
		},
		...fixedTokenPlacementProperties,
		{
			displayName: 'Test URL',
			name: 'testUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com/me',
			description:
				'An address of your API that answers 2xx for a valid token. n8n tests the token there when you save; without it the token cannot be tested.',
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => placeToken(credentials, credentials.token as string, options);
}
