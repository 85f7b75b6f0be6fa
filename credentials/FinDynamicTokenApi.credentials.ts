import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { fetchToken } from './token-endpoint';
import { placeToken, tokenPlacementProperties } from './token-placement';
import { singleFlightToken } from './token-single-flight';

/** Thrown before any request leaves with a stale token: n8n treats it as a 401, refreshes once and retries. */
function tokenExpired(): Error {
	return Object.assign(new Error('Fin Dynamic Token: the cached token has expired'), {
		response: { status: 401 },
	});
}

export class FinDynamicTokenApi implements ICredentialType {
	name = 'finDynamicTokenApi';

	displayName = 'Fin Dynamic Token API';

	icon: Icon = { light: 'file:../icons/finToken.svg', dark: 'file:../icons/finToken.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-fin-actions#fin-dynamic-token-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://auth.example.com/oauth/token',
		},
		{
			displayName: 'Token Request Method',
			name: 'requestMethod',
			type: 'options',
			default: 'POST',
			options: [
				{ name: 'POST', value: 'POST' },
				{ name: 'GET', value: 'GET' },
			],
		},
		{
			displayName: 'Body Format',
			name: 'bodyFormat',
			type: 'options',
			default: 'form',
			options: [
				{ name: 'Form (application/x-www-form-urlencoded)', value: 'form' },
				{ name: 'JSON', value: 'json' },
			],
		},
		{
			displayName: 'Grant',
			name: 'grantType',
			type: 'options',
			default: 'clientCredentials',
			options: [
				{ name: 'Client ID and Secret', value: 'clientCredentials' },
				{ name: 'User Name and Password', value: 'password' },
			],
		},
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'User Name',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: { show: { grantType: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { grantType: ['password'] } },
		},
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{
			displayName: 'Token Pointer',
			name: 'answerPointer',
			type: 'string',
			default: '/access_token',
			description: 'JSON pointer to the token in the answer',
		},
		{
			displayName: 'Lifetime Pointer',
			name: 'lifetimePointer',
			type: 'string',
			default: '/expires_in',
			description: 'JSON pointer to the lifetime in seconds',
		},
		{
			displayName: 'Default Lifetime (Seconds)',
			name: 'defaultLifetime',
			type: 'number',
			default: 3600,
			description: 'Used when the answer gives no lifetime',
		},
		...tokenPlacementProperties,
		{
			displayName: 'Test URL',
			name: 'testUrl',
			type: 'string',
			default: '',
			description:
				'An address of your API that answers 2xx with a valid token. Saving always fetches a fresh token, then tests it here; without a Test URL only the token endpoint is tested.',
		},
		// Kept by n8n in its database, so every worker in queue mode reuses the same token.
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{ displayName: 'Use Until', name: 'expiresAt', type: 'hidden', default: 0 },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// Concurrent executions in this process share one fetch (token-single-flight.ts).
		const { accessToken, expiresAt } = await singleFlightToken(credentials, async () =>
			fetchToken(this, credentials),
		);
		return { accessToken, expiresAt };
	}

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const token = credentials.accessToken as string;
		if (!token || Date.now() >= Number(credentials.expiresAt ?? 0)) throw tokenExpired();
		return placeToken(credentials, token, options);
	};
}
