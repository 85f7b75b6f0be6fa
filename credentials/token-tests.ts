// The tests n8n runs when a Fin Fixed Token or Fin Dynamic Token credential is saved (the API
// Action names them as `testedBy`). They tell what was tested: the Test URL with the token, or,
// without one, for a dynamic token exactly the token endpoint, and for a fixed token that nothing
// could be tested. The dynamic token is always fetched afresh: the token n8n stored, or one cached
// in this process, would say nothing about the client secret just entered.
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { fetchToken } from './token-endpoint';
import { placeToken } from './token-placement';

interface LegacyResponse {
	statusCode: number;
	body: unknown;
}

/** One request through n8n's credential-test helper, never following a redirect; the full response. */
async function send(
	context: ICredentialTestFunctions,
	options: IHttpRequestOptions,
): Promise<LegacyResponse> {
	return (await context.helpers.request({
		uri: options.url,
		method: options.method ?? 'GET',
		headers: options.headers,
		qs: options.qs,
		body: options.body,
		json: options.json,
		auth: options.auth ? { user: options.auth.username, pass: options.auth.password } : undefined,
		timeout: options.timeout ?? 10000,
		followRedirect: false,
		followAllRedirects: false,
		resolveWithFullResponse: true,
		simple: false,
	})) as LegacyResponse;
}

/** fetchToken's helper, on n8n's credential-test helper: a non-2xx answer fails with its status. */
function tokenHelper(context: ICredentialTestFunctions): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				const response = await send(context, options);
				if (response.statusCode >= 300)
					throw Object.assign(new Error(`token endpoint answered ${response.statusCode}`), {
						response: { status: response.statusCode },
					});
				return response.body;
			},
		},
	} as IHttpRequestHelper;
}

/** Whether Allowed Domain (comma-separated hosts, `*.` wildcards) admits the URL's host. */
function allowedHost(credentials: ICredentialDataDecryptedObject, url: string): boolean {
	const allowed = String(credentials.allowedDomain ?? '')
		.split(',')
		.map((host) => host.trim().toLowerCase())
		.filter(Boolean);
	if (allowed.length === 0) return true;
	const host = new URL(url).hostname.toLowerCase();
	return allowed.some((domain) =>
		domain.startsWith('*.') ? host.endsWith(domain.slice(1)) : host === domain,
	);
}

/** GET the Test URL with the token placed as configured: OK on 2xx, else what it answered. */
async function testUrlWithToken(
	context: ICredentialTestFunctions,
	credentials: ICredentialDataDecryptedObject,
	token: string,
	which: string,
): Promise<INodeCredentialTestResult> {
	const url = String(credentials.testUrl).trim();
	if (!URL.canParse(url))
		return {
			status: 'Error',
			message: `The Test URL is not a valid absolute URL (e.g. https://api.example.com/me).`,
		};
	if (!allowedHost(credentials, url))
		return {
			status: 'Error',
			message: `The Test URL's host is not in "Allowed Domain", so the token is never sent there. Use a Test URL on an allowed host.`,
		};
	let placed: IHttpRequestOptions;
	try {
		placed = placeToken(credentials, token, { url, method: 'GET' });
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const response = await send(context, placed).catch((error: Error) => error);
	if (response instanceof Error)
		return {
			status: 'Error',
			message: `The Test URL could not be reached (${(response as { code?: string }).code ?? 'network error'}). Check the address and that n8n can reach it.`,
		};
	if (response.statusCode >= 200 && response.statusCode < 300)
		return { status: 'OK', message: `The Test URL answered ${response.statusCode} with ${which}.` };
	return {
		status: 'Error',
		message: `The Test URL answered ${response.statusCode} with ${which}${response.statusCode === 401 || response.statusCode === 403 ? ': the API refuses it. Check the token and "Send Token As"' : ''}.`,
	};
}

export async function finFixedTokenApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	if (!String(data.testUrl ?? '').trim())
		return {
			status: 'Error',
			message:
				'Not tested: a fixed token can only be tested against your API. Add a Test URL (an address of your API that answers 2xx for a valid token) to test it; the credential is saved either way.',
		};
	return await testUrlWithToken(this, data, String(data.token ?? ''), 'this token');
}

export async function finDynamicTokenApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	// Always a fresh token: never the stored one, never the in-process cache (token-single-flight.ts).
	const fetched = await fetchToken(tokenHelper(this), data).catch((error: Error) => error);
	if (fetched instanceof Error) return { status: 'Error', message: fetched.message };
	if (!String(data.testUrl ?? '').trim())
		return {
			status: 'OK',
			message:
				'The token endpoint issued a token for these client credentials (tested: the Token URL only). Add a Test URL to also test the token against your API.',
		};
	return await testUrlWithToken(this, data, fetched.accessToken, 'a freshly fetched token');
}
