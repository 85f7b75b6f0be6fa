// The embedded demo backend (/demo/...): lets a newcomer build and test an action with no account
// anywhere. Answers mimic the real services, including their error shapes, so nothing changes
// when the API Action is later pointed at the real API. Any non-empty token is accepted.
import type { IncomingMessage } from 'node:http';

import { sendJson } from './http';
import type { Router } from './router';
import {
	DEMO_CUSTOMERS,
	shopifyOrders,
	unresolvedIncidents,
	usageFor,
	type ShopifyOrderStatus,
} from './demo-fixtures';
import { addVendorDemoRoutes } from './demo-vendors';

function bearer(req: IncomingMessage): string {
	const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
	return match ? match[1].trim() : '';
}

export function addDemoRoutes(router: Router) {
	addUsageRoute(router);
	addShopifyOrdersRoute(router);
	addVendorDemoRoutes(router);
	// Statuspage's v2 API is public on real status pages: no token needed, any is accepted.
	router.add('GET', '/demo/statuspage/api/v2/incidents/unresolved.json', ({ res }) => {
		sendJson(res, 200, unresolvedIncidents());
	});
}

/** A SaaS's usage per customer, behind a bearer token. */
function addUsageRoute(router: Router) {
	router.add('GET', '/demo/customers/:userId/usage', ({ req, res, params }) => {
		if (!bearer(req)) {
			sendJson(
				res,
				401,
				{
					error: 'unauthorized',
					message: 'Missing bearer token',
					hint: 'Send "Authorization: Bearer <token>"; the demo accepts any non-empty token (give the API Action a credential).',
				},
				{ 'www-authenticate': 'Bearer realm="demo"' },
			);
			return;
		}
		const usage = usageFor(params.userId);
		if (!usage) {
			sendJson(res, 404, {
				error: 'customer_not_found',
				message: `No customer with id "${params.userId}"`,
				hint: `Demo customer ids: ${DEMO_CUSTOMERS.map((customer) => customer.id).join(', ')}. Put one in the test user's id.`,
			});
			return;
		}
		sendJson(res, 200, usage);
	});
}

/** Shopify's Admin API orders list, with its version, status, limit and fields parameters. */
function addShopifyOrdersRoute(router: Router) {
	router.add('GET', '/demo/shopify/admin/api/:version/orders.json', ({ req, res, params, url }) => {
		// Shopify's own auth header; a bearer token is accepted too so a generic token credential works.
		const token = String(req.headers['x-shopify-access-token'] ?? '').trim() || bearer(req);
		if (!token) {
			sendJson(res, 401, {
				errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
			});
			return;
		}
		if (!/^(\d{4}-(01|04|07|10)|unstable)$/.test(params.version)) {
			sendJson(res, 404, { errors: 'Not Found' });
			return;
		}
		const status = url.searchParams.get('status') ?? 'open';
		if (!['open', 'closed', 'cancelled', 'any'].includes(status)) {
			sendJson(res, 400, { errors: { status: ['must be one of open, closed, cancelled, any'] } });
			return;
		}
		const limitParam = url.searchParams.get('limit');
		const limit = limitParam === null ? 50 : Number(limitParam);
		if (!Number.isInteger(limit) || limit < 1 || limit > 250) {
			sendJson(res, 400, { errors: { limit: ['must be between 1 and 250'] } });
			return;
		}
		const orders = shopifyOrders({
			email: url.searchParams.get('email') ?? undefined,
			status: status as ShopifyOrderStatus,
			limit,
		});
		const fields = url.searchParams.get('fields');
		const selected = fields
			? orders.map((order) =>
					Object.fromEntries(
						fields
							.split(',')
							.map((field) => field.trim())
							.filter((field) => field in order)
							.map((field) => [field, order[field as keyof typeof order]]),
					),
				)
			: orders;
		sendJson(res, 200, { orders: selected });
	});
}
