// The Fin Messenger credential's test (n8n runs it when the credential is saved), shared by every
// node that uses the credential: Fin Trigger verifies with it, the API Action opens sealed claims.
// The secrets are only ever compared locally, so the test checks what can go wrong here: a missing
// or mis-pasted secret.
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

export async function finMessengerApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const secrets = [
		['Identity Verification Secret', data.identityVerificationSecret],
		['Intercom Client Secret', data.intercomClientSecret],
	].filter(([, value]) => typeof value === 'string' && value !== '') as Array<[string, string]>;
	if (secrets.length === 0) {
		return {
			status: 'Error',
			message: 'Enter the identity-verification secret, the Intercom client secret, or both',
		};
	}
	for (const [label, value] of secrets) {
		if (value.trim() !== value)
			return { status: 'Error', message: `${label} starts or ends with white space` };
		if (value.length < 16)
			return { status: 'Error', message: `${label} is shorter than 16 characters` };
	}
	return {
		status: 'OK',
		message: `Secrets look usable: ${secrets.map(([label]) => label).join(', ')}`,
	};
}
