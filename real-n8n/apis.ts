// Loopback stand-ins for the APIs the workflow templates call, answering like the real ones
// (fixtures.ts) and checking authentication the way they do: Shopify's X-Shopify-Access-Token
// header, a utility's OAuth client-credentials token endpoint and bearer token, Statuspage's
// public (unauthenticated) API.
import { startLoopbackServer, type LoopbackServer, type ReceivedRequest } from '../engine/testing';
import { shopifyOrders, statuspageUnresolved, utilityUsage } from './fixtures';

export const secrets = {
	identityVerification: 'e2e-identity-verification-secret-0123456789',
	intercomClient: 'e2e-intercom-client-secret-0123456789',
	shopifyToken: 'shpat_e2e0123456789abcdef0123456789ab',
	utilityClientId: 'fin-actions-e2e',
	utilityClientSecret: 'utility-client-secret-0123456789',
	utilityAccessToken: 'utility-access-token-e2e-42',
};

export interface Apis {
	shop: LoopbackServer;
	status: LoopbackServer;
	utility: LoopbackServer;
	close(): Promise<void>;
}

const unauthorized = {
	status: 401,
	body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
};

export async function startApis(): Promise<Apis> {
	const shop = await startLoopbackServer({
		'*': (request: ReceivedRequest) => {
			if (request.headers['x-shopify-access-token'] !== secrets.shopifyToken) return unauthorized;
			if (
				request.method !== 'GET' ||
				!/^\/admin\/api\/\d{4}-\d{2}\/orders\.json$/.test(request.path)
			)
				return { status: 404, body: { errors: 'Not Found' } };
			return { body: shopifyOrders(request.query.get('email') ?? '') };
		},
	});
	const status = await startLoopbackServer({
		'GET /api/v2/incidents/unresolved.json': { body: statuspageUnresolved },
	});
	const utility = await startLoopbackServer({
		'POST /oauth/token': (request: ReceivedRequest) => {
			const form = new URLSearchParams(request.body);
			if (
				form.get('client_id') !== secrets.utilityClientId ||
				form.get('client_secret') !== secrets.utilityClientSecret
			) {
				return { status: 401, body: { error: 'invalid_client' } };
			}
			return {
				body: {
					access_token: secrets.utilityAccessToken,
					token_type: 'Bearer',
					expires_in: 3600,
					scope: form.get('scope'),
				},
			};
		},
		'*': (request: ReceivedRequest) => {
			if (request.headers.authorization !== `Bearer ${secrets.utilityAccessToken}`)
				return { status: 401, body: { error: 'invalid_token' } };
			const match = /^\/customers\/([^/]+)\/usage$/.exec(request.path);
			if (request.method !== 'GET' || !match) return { status: 404, body: { error: 'not_found' } };
			return { body: utilityUsage(decodeURIComponent(match[1])) };
		},
	});
	return {
		shop,
		status,
		utility,
		close: async () => {
			await Promise.all([shop.close(), status.close(), utility.close()]);
		},
	};
}
