// The demo backend answers like the real APIs (shapes per Shopify's and Statuspage's public docs).
import type { RunningServer } from '../../server/app';
import { call, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const auth = { authorization: 'Bearer any-demo-token' };

describe('GET /demo/customers/:userId/usage', () => {
	it('answers the period so far, the last 7 days, the tariff and an estimated bill', async () => {
		const answer = await call(server, 'GET', '/demo/customers/cus_1001/usage', { headers: auth });
		expect(answer.status).toBe(200);
		const usage = answer.json;
		expect(usage.customer_id).toBe('cus_1001');
		const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
		expect(usage.period.end).toBe(yesterday);
		expect(usage.period.start).toBe(`${yesterday.slice(0, 8)}01`);
		expect(usage.usage_kwh).toBeGreaterThan(0);
		expect(usage.daily_usage).toHaveLength(7);
		expect(usage.daily_usage[6].date).toBe(yesterday);
		for (const day of usage.daily_usage) {
			expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(typeof day.kwh).toBe('number');
		}
		const total = usage.daily_usage.reduce((sum: number, day: { kwh: number }) => sum + day.kwh, 0);
		expect(usage.total_kwh).toBeCloseTo(total, 2);
		expect(usage.tariff).toBe('Green Flex');
		expect(usage.tariff_details).toEqual(
			expect.objectContaining({
				unit_rate_per_kwh: expect.any(Number),
				standing_charge_per_day: expect.any(Number),
			}),
		);
		const bill = usage.estimated_bill;
		expect(bill.amount).toBeCloseTo(bill.energy_charge + bill.standing_charge + bill.vat, 2);
		expect(bill.currency).toBe('EUR');
		// The same day has the same usage in every answer.
		const again = await call(server, 'GET', '/demo/customers/cus_1001/usage', { headers: auth });
		expect(again.json.daily_usage).toEqual(usage.daily_usage);
	});

	it('answers 404 JSON for an unknown customer, naming the demo ids', async () => {
		const answer = await call(server, 'GET', '/demo/customers/nobody/usage', { headers: auth });
		expect(answer.status).toBe(404);
		expect(answer.json.error).toBe('customer_not_found');
		expect(answer.json.hint).toContain('cus_1001');
	});

	it('needs a bearer token, and accepts any non-empty one', async () => {
		const missing = await call(server, 'GET', '/demo/customers/cus_1002/usage');
		expect(missing.status).toBe(401);
		expect(missing.headers['www-authenticate']).toContain('Bearer');
		expect(
			(
				await call(server, 'GET', '/demo/customers/cus_1002/usage', {
					headers: { authorization: 'Bearer x' },
				})
			).status,
		).toBe(200);
		expect(
			(
				await call(server, 'GET', '/demo/customers/cus_1002/usage', {
					headers: { authorization: 'Bearer ' },
				})
			).status,
		).toBe(401);
	});
});

describe('GET /demo/shopify/admin/api/:version/orders.json', () => {
	const path = '/demo/shopify/admin/api/2025-07/orders.json';

	it('filters by email and answers Shopify order objects', async () => {
		const answer = await call(server, 'GET', `${path}?email=ada@example.com&status=any`, {
			headers: { 'x-shopify-access-token': 'shpat_demo' },
		});
		expect(answer.status).toBe(200);
		const { orders } = answer.json;
		expect(orders.length).toBe(2);
		for (const order of orders) {
			expect(order.email).toBe('ada@example.com');
			expect(order).toEqual(
				expect.objectContaining({
					id: expect.any(Number),
					name: expect.stringMatching(/^#\d+$/),
					financial_status: expect.any(String),
					order_status_url: expect.stringMatching(/^https:\/\/.+\/orders\/.+\/authenticate\?key=/),
					total_price: expect.stringMatching(/^\d+\.\d{2}$/),
					currency: expect.any(String),
					created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
				}),
			);
			expect(order).toHaveProperty('fulfillment_status');
			expect(order.line_items[0]).toEqual(
				expect.objectContaining({
					title: expect.any(String),
					quantity: expect.any(Number),
					price: expect.any(String),
					sku: expect.any(String),
				}),
			);
		}
		// Newest first, one of them shipped with tracking.
		expect(orders[0].created_at > orders[1].created_at).toBe(true);
		const shipped = orders.find((order: any) => order.fulfillment_status === 'fulfilled');
		expect(shipped.fulfillments[0].tracking_number).toBeTruthy();
	});

	it('defaults to open orders, honours fields and limit like Shopify', async () => {
		const open = await call(server, 'GET', `${path}?email=grace@example.com`, { headers: auth });
		expect(open.json.orders.map((order: any) => order.cancelled_at)).toEqual([null]);
		const fields = await call(
			server,
			'GET',
			`${path}?status=any&limit=1&fields=id,name,fulfillment_status`,
			{ headers: auth },
		);
		expect(fields.json.orders).toHaveLength(1);
		expect(Object.keys(fields.json.orders[0]).sort()).toEqual(['fulfillment_status', 'id', 'name']);
		const none = await call(server, 'GET', `${path}?email=nobody@example.com`, { headers: auth });
		expect(none.json).toEqual({ orders: [] });
	});

	it("answers 401 in Shopify's error shape without a token", async () => {
		const answer = await call(server, 'GET', path);
		expect(answer.status).toBe(401);
		expect(typeof answer.json.errors).toBe('string');
	});
});

describe('GET /demo/statuspage/api/v2/incidents/unresolved.json', () => {
	it('answers unresolved incidents in Statuspage v2 shape, without a token', async () => {
		const answer = await call(server, 'GET', '/demo/statuspage/api/v2/incidents/unresolved.json');
		expect(answer.status).toBe(200);
		expect(answer.json.page).toEqual(
			expect.objectContaining({
				id: expect.any(String),
				name: expect.any(String),
				url: expect.any(String),
			}),
		);
		expect(answer.json.incidents.length).toBeGreaterThan(0);
		for (const incident of answer.json.incidents) {
			expect(['investigating', 'identified', 'monitoring']).toContain(incident.status);
			expect(['none', 'minor', 'major', 'critical']).toContain(incident.impact);
			expect(incident.resolved_at).toBeNull();
			expect(incident.shortlink).toMatch(/^https:\/\/stspg\.io\//);
			expect(incident.incident_updates[0]).toEqual(
				expect.objectContaining({
					status: expect.any(String),
					body: expect.any(String),
					incident_id: incident.id,
				}),
			);
		}
	});
});

it('answers 404 JSON with the list of demo endpoints for an unknown demo path', async () => {
	const answer = await call(server, 'GET', '/demo/nothing');
	expect(answer.status).toBe(404);
	expect(answer.json.hint).toContain('/demo/customers/:userId/usage');
});

// /demo needs no session secret (the engine's test runs call it with no cookie): it holds nothing
// private. Its answers are the fixtures of demo-fixtures.ts alone: the same for any token, on a
// server whose store holds credentials as on one whose store is empty, and never echo the request.
it('answers only its fixed demo data: the same for any token and any store, echoing nothing sent', async () => {
	const other = await startTestServer();
	try {
		const secret = 'canvas-stored-secret-8c1e';
		const stored = await call(other, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', name: 'Real token', data: { token: secret } },
		});
		expect(stored.status).toBe(201);
		const paths = [
			'/demo/customers/cus_1001/usage',
			'/demo/shopify/admin/api/2025-07/orders.json?status=any',
			'/demo/statuspage/api/v2/incidents/unresolved.json',
		];
		for (const path of paths) {
			const token = 'sent-token-3f9d';
			const here = await call(server, 'GET', path, {
				token: null,
				headers: { authorization: `Bearer ${token}`, cookie: `x=${token}` },
			});
			const there = await call(other, 'GET', path, {
				token: null,
				headers: { authorization: 'Bearer another-token' },
			});
			expect(here.status).toBe(200);
			// The demo dates its data from now: two calls may fall in different seconds.
			const undated = (text: string) =>
				JSON.parse(
					text.replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"/g, '"<time>"'),
				);
			expect(undated(there.text)).toEqual(undated(here.text));
			for (const text of [here.text, there.text]) {
				expect(text).not.toContain(token);
				expect(text).not.toContain(secret);
				expect(text).not.toContain(other.token);
			}
		}
	} finally {
		await other.close();
	}
});
