// The API Action applies the response fields itself (the picker's shared module), so the raw body
// never becomes node output, and so is never stored with the execution nor read by an AI Agent,
// unless the admin chooses "Full Response". Declared AI inputs outside tool mode come from the
// item's `input` object and are checked and encoded like everything else.
import type { IDataObject } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { runWorkflow } from '../../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../../engine/single-node-workflow';
import { ACTION, conversation } from '../../fixtures/api-action-workflows';

const METER_ANSWER = {
	customer: 'u-42',
	usage_kwh: 312.4,
	tariff: 'Green 12',
	bank: { iban: 'DE89370400440532013000', holder: 'Bob Norman' },
	meter: { serial: 'MTR-99-551-ZX', location: 'basement' },
	card: { number: '4111111111111111', cvv: '737' },
};

/**
 * The action as a new node gets it: no responseMode set, so n8n's default applies. These fixed test
 * URLs read no attribute, so they are marked not customer-specific (the trust rule is in test/integration).
 */
const action = (parameters: IDataObject) =>
	afterFinTrigger(
		singleNodeWorkflow(ACTION, 'apiAction', { customerSpecific: false, ...parameters }),
	);

describe('API Action response fields', () => {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopbackServer({
			'/usage': { body: METER_ANSWER },
			'*': (request) => ({ body: { path: request.rawUrl, status: 'shipped', secret: 'S-1' } }),
		});
	});
	afterAll(async () => server.close());
	beforeEach(() => server.requests.splice(0));

	const fields = {
		field: [
			{ pointer: '/usage_kwh', name: 'Usage (kWh)' },
			{ pointer: '/tariff', name: 'Tariff' },
			{ pointer: '/card', name: 'Card', transform: 'mask', keepLast: 4 },
		],
	};

	it('by default outputs only the picked fields: no IBAN, meter serial or card leaves the node', async () => {
		const result = await runWorkflow(action({ url: `${server.url}/usage`, fields }), {
			input: [conversation()],
		});
		expect(result.errors).toEqual({});
		const json = result.outputs[ACTION][0][0].json;
		expect(json.response).toEqual({
			'Usage (kWh)': 312.4,
			Tariff: 'Green 12',
			Card: { number: '••••••••••••1111', cvv: '•••' },
		});
		expect(json.fieldsUsed).toEqual(['/usage_kwh', '/tariff', '/card']);
		expect(json.user).toMatchObject({ user_id: 'u-42' });
		const everything = JSON.stringify(result.run.data.resultData.runData);
		for (const unpicked of [
			'DE89370400440532013000',
			'MTR-99-551-ZX',
			'basement',
			'Bob Norman',
			'4111111111111111',
			'737',
		])
			expect(everything).not.toContain(unpicked);
	});

	it('with no fields picked nothing of the answer leaves the node', async () => {
		const result = await runWorkflow(action({ url: `${server.url}/usage` }), {
			input: [conversation()],
		});
		expect(result.outputs[ACTION][0][0].json.response).toEqual({});
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain('Green 12');
	});

	it('gives the full answer only when the admin chooses "Full Response"', async () => {
		const result = await runWorkflow(
			action({ url: `${server.url}/usage`, responseMode: 'full', fields }),
			{ input: [conversation()] },
		);
		expect(result.outputs[ACTION][0][0].json.response).toEqual(METER_ANSWER);
	});

	it('fails on a required field that found nothing, naming it', async () => {
		const result = await runWorkflow(
			action({
				url: `${server.url}/usage`,
				fields: { field: [{ pointer: '/bill/total', name: 'Bill', required: true }] },
			}),
			{ input: [conversation()] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/Required field "Bill" \(\/bill\/total\)/);
	});

	it('applies picked fields to the mock response too', async () => {
		const result = await runWorkflow(
			action({
				url: `${server.url}/usage`,
				responseSource: 'mock',
				mockResponse: JSON.stringify(METER_ANSWER),
				fields,
			}),
			{ input: [conversation()] },
		);
		expect(JSON.stringify(result.outputs[ACTION])).not.toContain('DE89370400440532013000');
		expect(server.requests).toHaveLength(0);
	});
});

describe('API Action declared AI inputs outside tool mode', () => {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopbackServer({
			'*': (request) => ({ body: { path: request.rawUrl, status: 'shipped' } }),
		});
	});
	afterAll(async () => server.close());
	beforeEach(() => server.requests.splice(0));

	const orderInput = {
		input: [
			{
				argument: "={{ $fromAI('order_number', 'The order number, e.g. 1001', 'string') }}",
				required: true,
				maxLength: 40,
			},
		],
	};
	const orderAction = (more: IDataObject = {}) =>
		action({
			url: `${server.url}/customers/{{user.user_id}}/orders/{{input.order_number}}?email={{user.email}}`,
			aiInputs: orderInput,
			fields: { field: [{ pointer: '/status', name: 'Status' }] },
			...more,
		});

	it('places an input in the path encoded, and never expands what it contains', async () => {
		const result = await runWorkflow(orderAction(), {
			input: [
				conversation({}, { input: { order_number: '../../admin?x=1&y=2#{{user.user_id}}' } }),
			],
		});
		expect(result.errors).toEqual({});
		expect(server.requests.map((request) => request.rawUrl)).toEqual([
			'/customers/u-42/orders/..%2F..%2Fadmin%3Fx%3D1%26y%3D2%23%7B%7Buser.user_id%7D%7D?email=bob.norman%40mail.example.com',
		]);
		expect(result.outputs[ACTION][0][0].json.response).toEqual({ Status: 'shipped' });
	});

	it('refuses a missing required input before any request', async () => {
		const result = await runWorkflow(orderAction(), { input: [conversation()] });
		expect(result.errors[ACTION]?.message).toMatch(/required input "order_number".*missing/);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses a value the declaration does not allow before any request', async () => {
		const patterned = {
			input: [{ ...orderInput.input[0], pattern: '#?[0-9]{3,10}' }],
		};
		const result = await runWorkflow(orderAction({ aiInputs: patterned }), {
			input: [conversation({}, { input: { order_number: '1001 OR 1=1' } })],
		});
		expect(result.errors[ACTION]?.message).toMatch(/"order_number".*expected format/);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses $fromAI outside "AI Inputs": the model would bypass the declarations and encoding', async () => {
		const result = await runWorkflow(
			orderAction({
				url: `={{ "${server.url}/customers/" + $fromAI('email', 'email', 'string') }}`,
			}),
			{ input: [conversation({}, { input: { order_number: '1' } })] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/"url" uses \$fromAI.*AI Inputs/);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses an input list that is not one $fromAI call per entry, naming the fix', async () => {
		const result = await runWorkflow(
			orderAction({ aiInputs: { input: [{ argument: 'order_number' }] } }),
			{ input: [conversation({}, { input: { order_number: '1' } })] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/exactly one \$fromAI call/);
		expect(server.requests).toHaveLength(0);
	});
});
