// The two secrets of the Fin Messenger credential, read only when a request needs one.
import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

export interface MessengerSecrets extends ICredentialDataDecryptedObject {
	identityVerificationSecret: string;
	intercomClientSecret: string;
}

export async function secretsOf(context: IWebhookFunctions): Promise<MessengerSecrets> {
	const credentials = await context.getCredentials<MessengerSecrets>('finMessengerApi');
	return {
		identityVerificationSecret: String(credentials.identityVerificationSecret ?? ''),
		intercomClientSecret: String(credentials.intercomClientSecret ?? ''),
	};
}
