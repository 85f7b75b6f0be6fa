// Grouped answers (Answer Shape "Grouped Lists", the default from version 1.1): fields picked under
// the same array wildcard come out as one list of objects, so the AI reads which order has which
// status instead of lining up parallel lists. Version 1 nodes keep the flat answer they were saved with.
import type { IDataObject } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { runWorkflow } from '../../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../../engine/single-node-workflow';
import { ACTION, conversation } from '../../fixtures/api-action-workflows';
import { pickFrom, pickedField as field } from '../../fixtures/field-picker';

const SHOP = {
	customer: { id: 'cus_81', email: 'ana@acme.com', internal_notes: 'SECRET-NOTE' },
	orders: [
		{
			name: '#1041',
			fulfillment_status: null,
			total: 12,
			line_items: [
				{ title: 'Mug', sku: 'MUG-01', cost: 3 },
				{ title: 'Cap', sku: 'CAP-RED', cost: 4 },
			],
			fulfillments: [],
		},
		{
			name: '#1032',
			fulfillment_status: 'fulfilled',
			total: 30,
			line_items: [{ title: 'T-shirt', cost: 9 }],
			fulfillments: [{ tracking: ['1Z1', '1Z2'] }],
		},
		{ name: '#1020', fulfillment_status: 'partial', total: 5 },
	],
	refunds: [{ id: 'r1', amount: 5 }],
	tags: ['vip', 'eu'],
	empty: [],
};

const pick = (fields: IDataObject[], more: IDataObject = {}, typeVersion = 1.1) =>
	pickFrom(SHOP, fields, more, typeVersion);

describe('Response Field Picker: grouped answers', () => {
	it('gives fields under one wildcard as one list of objects', async () => {
		const { json, error } = await pick([
			field('/orders/*/name', 'Name'),
			field('/orders/*/fulfillment_status', 'Fulfillment status'),
		]);
		expect(error).toBeUndefined();
		expect(json?.answer).toEqual({
			orders: [
				{ Name: '#1041', 'Fulfillment status': null },
				{ Name: '#1032', 'Fulfillment status': 'fulfilled' },
				{ Name: '#1020', 'Fulfillment status': 'partial' },
			],
		});
		expect(json?.fieldsUsed).toEqual(['/orders/*/name', '/orders/*/fulfillment_status']);
		expect(JSON.stringify(json)).not.toContain('SECRET');
	});

	it('keeps several wildcards apart, beside plain fields', async () => {
		const { json } = await pick([
			field('/orders/*/name', 'Order'),
			field('/customer/email', 'Email'),
			field('/refunds/*/amount', 'Amount', { transform: 'currency', currency: 'EUR' }),
			field('/orders/*/total', 'Total', { transform: 'number', decimals: 1 }),
		]);
		expect(json?.answer).toEqual({
			orders: [
				{ Order: '#1041', Total: '12.0' },
				{ Order: '#1032', Total: '30.0' },
				{ Order: '#1020', Total: '5.0' },
			],
			Email: 'ana@acme.com',
			refunds: [{ Amount: '€5.00' }],
		});
	});

	it('nests lists for nested wildcards, with empty and missing arrays', async () => {
		const { json } = await pick([
			field('/orders/*/name', 'Order'),
			field('/orders/*/line_items/*/title', 'Item'),
			field('/orders/*/line_items/*/sku', 'SKU', { defaultValue: 'no SKU' }),
			field('/orders/*/fulfillments/*/tracking/*', 'Tracking'),
		]);
		expect(json?.answer).toEqual({
			orders: [
				{
					Order: '#1041',
					line_items: [
						{ Item: 'Mug', SKU: 'MUG-01' },
						{ Item: 'Cap', SKU: 'CAP-RED' },
					],
					fulfillments: [],
				},
				{
					Order: '#1032',
					line_items: [{ Item: 'T-shirt', SKU: 'no SKU' }],
					fulfillments: [{ Tracking: ['1Z1', '1Z2'] }],
				},
				// The third order has neither list: null says so, and every object keeps its keys.
				{ Order: '#1020', line_items: null, fulfillments: null },
			],
		});
	});

	it('gives an empty list for an empty array and leaves out a list the response does not have', async () => {
		const { json } = await pick([
			field('/empty/*/id', 'Id'),
			field('/subscriptions/*/plan', 'Plan'),
			field('/orders/*/coupon', 'Coupon'),
		]);
		expect(json?.answer).toEqual({
			empty: [],
			orders: [{ Coupon: null }, { Coupon: null }, { Coupon: null }],
		});
		expect(json?.fieldsUsed).toEqual([]);
		expect(json?.actionUsed).toBe(false);
	});

	it('keeps a list of plain values and a joined list as they are', async () => {
		const { json } = await pick([
			field('/tags/*', 'Tags'),
			field('/orders/*/line_items/*/sku', 'SKUs', { transform: 'join', separator: ' | ' }),
		]);
		expect(json?.answer).toEqual({ Tags: ['vip', 'eu'], SKUs: 'MUG-01 | CAP-RED' });
	});

	it('makes names left empty unique, and allows one typed name in different lists', async () => {
		const { json, error } = await pick([
			field('/orders/*/name'),
			field('/orders/*/line_items/*/title', 'Name'),
			field('/customer/id'),
			field('/refunds/*/id'),
			field('/orders/*/line_items/*/title'),
			field('/orders/*/line_items/*/cost', 'title'),
			field('/orders', 'orders', { transform: 'truncate', maxLength: 3 }),
		]);
		expect(error).toBeUndefined();
		const answer = json?.answer as IDataObject;
		// A typed name keeps its key; the list named after the pointer takes the next number.
		expect(Object.keys(answer)).toEqual(['orders 2', 'id', 'refunds', 'orders']);
		expect((answer.refunds as IDataObject[])[0]).toEqual({ id: 'r1' });
		expect((answer['orders 2'] as IDataObject[])[0]).toEqual({
			name: '#1041',
			line_items: [
				{ Name: 'Mug', title: 3, 'title 2': 'Mug' },
				{ Name: 'Cap', title: 4, 'title 2': 'Cap' },
			],
		});
	});

	it('still refuses two typed names that would be the same key', async () => {
		const { error } = await pick([
			field('/orders/*/name', 'Name'),
			field('/orders/*/total', 'Name'),
		]);
		expect(error?.message).toMatch(/Field 2 \("Name"\): another field is already named "Name"/);
	});

	it('gives the flat answer when the admin chooses it', async () => {
		const { json } = await pick(
			[field('/orders/*/name', 'Name'), field('/orders/*/fulfillment_status', 'Status')],
			{ answerShape: 'flat' },
		);
		expect(json?.answer).toEqual({
			Name: ['#1041', '#1032', '#1020'],
			Status: [null, 'fulfilled', 'partial'],
		});
	});

	it('keeps the flat answer for a node saved with version 1', async () => {
		const { json } = await pick(
			[field('/orders/*/name', 'Name'), field('/orders/*/fulfillment_status', 'Status')],
			{},
			1,
		);
		expect(json?.answer).toEqual({
			Name: ['#1041', '#1032', '#1020'],
			Status: [null, 'fulfilled', 'partial'],
		});
	});
});

describe('API Action: grouped picked response', () => {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopbackServer({ '/orders': { body: SHOP } });
	});
	afterAll(async () => server.close());

	const run = (typeVersion: number) =>
		runWorkflow(
			afterFinTrigger(
				singleNodeWorkflow(
					ACTION,
					'apiAction',
					{
						customerSpecific: false,
						url: `${server.url}/orders`,
						fields: {
							field: [
								field('/orders/*/name', 'Name'),
								field('/orders/*/fulfillment_status', 'Status'),
							],
						},
					},
					{ typeVersion },
				),
			),
			{ input: [conversation()] },
		);

	it('groups a new node (version 1.1) by default', async () => {
		const result = await run(1.1);
		expect(result.errors).toEqual({});
		expect(result.outputs[ACTION][0][0].json.response).toEqual({
			orders: [
				{ Name: '#1041', Status: null },
				{ Name: '#1032', Status: 'fulfilled' },
				{ Name: '#1020', Status: 'partial' },
			],
		});
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain('SECRET-NOTE');
	});

	it('keeps version 1 flat', async () => {
		const result = await run(1);
		expect(result.outputs[ACTION][0][0].json.response).toEqual({
			Name: ['#1041', '#1032', '#1020'],
			Status: [null, 'fulfilled', 'partial'],
		});
	});
});
