// The Shopify and Statuspage templates against loopback servers that answer in the shape of the
// real APIs (fixtures written from Shopify's Admin API and Statuspage's v2 API documentation).
import shopifyOrders from '../../fixtures/shopify-orders.json';
import statuspageUnresolved from '../../fixtures/statuspage-unresolved.json';
import { runWorkflow } from '../../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import {
	ACTION,
	apiActionWorkflow,
	conversation,
	fixedTokenCredential,
} from '../../fixtures/api-action-workflows';

const SHOP_TOKEN = 'shpat_0123456789abcdef';

describe('API Action templates', () => {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopbackServer({
			'GET /admin/api/2025-07/orders.json': (req) => {
				if (req.headers['x-shopify-access-token'] !== SHOP_TOKEN)
					return { status: 401, body: { errors: '[API] Invalid API key or access token' } };
				const orders = shopifyOrders.orders.filter(
					(order) => order.email === req.query.get('email'),
				);
				return { body: { orders } };
			},
			'GET /api/v2/incidents/unresolved.json': { body: statuspageUnresolved },
		});
	});
	afterAll(async () => server?.close());
	beforeEach(() => server.requests.splice(0));

	it("Shopify order status reads the orders of the customer's email", async () => {
		const result = await runWorkflow(
			apiActionWorkflow(
				{
					template: 'shopifyOrderStatus',
					shopifyOrderStatus_shopUrl: server.url,
					shopifyOrderStatus_apiVersion: '2025-07',
					authentication: 'finFixedTokenApi',
				},
				{ credentials: fixedTokenCredential },
			),
			{
				input: [conversation({ email: 'bob.norman@mail.example.com' })],
				credentials: {
					finFixedTokenApi: {
						token: SHOP_TOKEN,
						placement: 'header',
						headerName: 'X-Shopify-Access-Token',
					},
				},
			},
		);
		expect(result.errors).toEqual({});
		const [request] = server.requests;
		expect(request.path).toBe('/admin/api/2025-07/orders.json');
		expect(request.query.get('email')).toBe('bob.norman@mail.example.com');
		expect(request.query.get('status')).toBe('any');
		const json = result.outputs[ACTION][0][0].json as Record<string, any>;
		expect(json.response.orders.map((order: { name: string }) => order.name)).toEqual([
			'#1001',
			'#1002',
		]);
		expect(json.action).toMatchObject({
			name: 'Shopify order status',
			status: 200,
			source: 'live',
		});
	});

	it('Shopify order status returns no orders for another email', async () => {
		const result = await runWorkflow(
			apiActionWorkflow(
				{
					template: 'shopifyOrderStatus',
					shopifyOrderStatus_shopUrl: server.url,
					shopifyOrderStatus_apiVersion: '2025-07',
					authentication: 'finFixedTokenApi',
				},
				{ credentials: fixedTokenCredential },
			),
			{
				input: [conversation({ email: 'someone.else@example.com' })],
				credentials: {
					finFixedTokenApi: {
						token: SHOP_TOKEN,
						placement: 'header',
						headerName: 'X-Shopify-Access-Token',
					},
				},
			},
		);
		expect(result.outputs[ACTION][0][0].json.response).toEqual({ orders: [] });
	});

	it('Statuspage ongoing incidents reads the unresolved incidents of the page', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({
				template: 'statuspageIncidents',
				statuspageIncidents_pageUrl: `${server.url}/`,
			}),
			{ input: [conversation()] },
		);
		expect(result.errors).toEqual({});
		expect(server.requests[0].path).toBe('/api/v2/incidents/unresolved.json');
		const json = result.outputs[ACTION][0][0].json as Record<string, any>;
		expect(json.response.incidents[0]).toMatchObject({
			name: 'Elevated API error rates',
			status: 'identified',
			impact: 'major',
		});
		expect(json.action.name).toBe('Ongoing incidents');
	});

	it('refuses a template field that holds a placeholder', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({
				template: 'statuspageIncidents',
				statuspageIncidents_pageUrl: 'https://{{user.host}}',
			}),
			{ input: [conversation()] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/must not contain placeholders/);
	});
});
