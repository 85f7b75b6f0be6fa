// Credential tests that tell the truth, as n8n runs them when a credential is saved: through real
// n8n 2.40.7's POST /rest/credentials/test, against the loopback Shopify-like and token APIs.
import { secrets } from '../../real-n8n/apis';
import { E2eSession, SESSION_TIMEOUT } from './support/session';

const session = new E2eSession('credential-tests');
const { step } = session;
beforeAll(() => session.open(), SESSION_TIMEOUT);
afterAll(() => session.close(), 60000);

async function test(type: string, data: Record<string, unknown>) {
	const answer = await session.value.api.rest('POST', '/rest/credentials/test', {
		credentials: { id: '', name: `${type} under test`, type, data },
	});
	expect(answer.status).toBe(200);
	return answer.json.data as { status: 'OK' | 'Error'; message: string };
}

const shopifyToken = () => ({
	token: secrets.shopifyToken,
	placement: 'header',
	headerName: 'X-Shopify-Access-Token',
	prefix: '',
});

const utilityToken = (extra: Record<string, unknown> = {}) => ({
	tokenUrl: `${session.value.apis.utility.url}/oauth/token`,
	clientId: secrets.utilityClientId,
	clientSecret: secrets.utilityClientSecret,
	...extra,
});

const tokenRequests = () =>
	session.value.apis.utility.requests.filter((request) => request.path === '/oauth/token').length;

describe('Fin Fixed Token', () => {
	step('without a Test URL says plainly that it cannot test, not ERR_INVALID_URL', async () => {
		const result = await test('finFixedTokenApi', shopifyToken());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Not tested: .*Add a Test URL/);
		expect(result.message).not.toMatch(/ERR_INVALID_URL|Invalid URL/i);
	});

	step('with a Test URL sends the token as placed and passes on 2xx', async () => {
		const { shop } = session.value.apis;
		const result = await test('finFixedTokenApi', {
			...shopifyToken(),
			testUrl: `${shop.url}/admin/api/2024-10/orders.json?limit=1`,
		});
		expect(result).toEqual({ status: 'OK', message: 'The Test URL answered 200 with this token.' });
		expect(shop.requests.at(-1)?.headers['x-shopify-access-token']).toBe(secrets.shopifyToken);
	});

	step('with a wrong token fails, naming the status', async () => {
		const result = await test('finFixedTokenApi', {
			...shopifyToken(),
			token: 'shpat_wrong',
			testUrl: `${session.value.apis.shop.url}/admin/api/2024-10/orders.json`,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/answered 401 with this token: the API refuses it/);
		expect(result.message).not.toContain('shpat_wrong');
	});
});

describe('Fin Dynamic Token', () => {
	step('without a Test URL tests exactly the token endpoint, and says so', async () => {
		const before = session.value.apis.utility.requests.length;
		const result = await test('finDynamicTokenApi', utilityToken());
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/token endpoint issued a token.*tested: the Token URL only/);
		const sent = session.value.apis.utility.requests.slice(before);
		expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /oauth/token',
		]);
	});

	step('fetches a fresh token every time, and a wrong client secret fails', async () => {
		// A good test first (a token is then cached in n8n's process), then the wrong secret.
		await test('finDynamicTokenApi', utilityToken());
		const before = tokenRequests();
		const result = await test(
			'finDynamicTokenApi',
			utilityToken({ clientSecret: 'wrong-secret', accessToken: secrets.utilityAccessToken }),
		);
		expect(tokenRequests()).toBe(before + 1);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/token endpoint answered 401/);
		expect(result.message).not.toContain('wrong-secret');
	});

	step('a stored token is not reused: the same credential tested twice fetches twice', async () => {
		const before = tokenRequests();
		const data = utilityToken({
			accessToken: secrets.utilityAccessToken,
			expiresAt: Date.now() + 3600000,
		});
		expect((await test('finDynamicTokenApi', data)).status).toBe('OK');
		expect((await test('finDynamicTokenApi', data)).status).toBe('OK');
		expect(tokenRequests()).toBe(before + 2);
	});

	step('with a Test URL calls it with the fresh token', async () => {
		const { utility } = session.value.apis;
		const result = await test(
			'finDynamicTokenApi',
			utilityToken({ testUrl: `${utility.url}/customers/test-user-1/usage` }),
		);
		expect(result).toEqual({
			status: 'OK',
			message: 'The Test URL answered 200 with a freshly fetched token.',
		});
		expect(utility.requests.at(-1)?.headers.authorization).toBe(
			`Bearer ${secrets.utilityAccessToken}`,
		);
	});
});
