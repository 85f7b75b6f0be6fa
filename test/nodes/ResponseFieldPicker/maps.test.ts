// Maps keyed by ids (`{"orders": {"123": {...}, "456": {...}}}`): `~*` reaches every value of the
// map and `~key` the key it sits under, so picked fields come out as one object per entry, with the
// id only when the admin picked it.
import type { IDataObject } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { runWorkflow } from '../../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../../engine/single-node-workflow';
import { ACTION, conversation } from '../../fixtures/api-action-workflows';
import { pickFrom, pickedField as field } from '../../fixtures/field-picker';

const SHOP = {
	customer: { email: 'ana@acme.com' },
	orders: {
		'123': {
			status: 'shipped',
			total: 12,
			secret_margin: 'MARGIN-SECRET',
			items: { a1: { sku: 'MUG' } },
		},
		'456': { status: 'pending', total: 30, secret_margin: 'MARGIN-SECRET' },
	},
	// PHP's json_encode writes an empty map as [].
	refunds: [],
	'~*': 'literal key',
};

const pick = (fields: IDataObject[], more: IDataObject = {}) => pickFrom(SHOP, fields, more);

describe('Response Field Picker: maps keyed by ids', () => {
	it('groups fields under ~* into one object per entry, keeping the key the admin picked', async () => {
		const { json, error } = await pick([
			field('/orders/~*/~key', 'Order ID'),
			field('/orders/~*/status', 'Status'),
		]);
		expect(error).toBeUndefined();
		expect(json?.answer).toEqual({
			orders: [
				{ 'Order ID': '123', Status: 'shipped' },
				{ 'Order ID': '456', Status: 'pending' },
			],
		});
		expect(json?.fieldsUsed).toEqual(['/orders/~*/~key', '/orders/~*/status']);
		expect(JSON.stringify(json)).not.toContain('MARGIN-SECRET');
	});

	it('leaves the keys out unless picked, and names the key "key" when no name is typed', async () => {
		const { json } = await pick([field('/orders/~*/status')]);
		expect(json?.answer).toEqual({ orders: [{ status: 'shipped' }, { status: 'pending' }] });
		expect(JSON.stringify(json)).not.toContain('123');
		const named = await pick([field('/orders/~*/~key'), field('/orders/~*/total')]);
		expect(named.json?.answer).toEqual({
			orders: [
				{ key: '123', total: 12 },
				{ key: '456', total: 30 },
			],
		});
	});

	it('nests maps, reads an empty map written as [] as no entries, and keeps "*" a key on objects', async () => {
		const { json } = await pick([
			field('/orders/~*/~key', 'Order'),
			field('/orders/~*/items/~*/sku', 'SKU'),
			field('/refunds/~*/amount', 'Amount'),
			field('/~0*', 'Literal'),
		]);
		expect(json?.answer).toEqual({
			orders: [
				{ Order: '123', items: [{ SKU: 'MUG' }] },
				{ Order: '456', items: null },
			],
			refunds: [],
			Literal: 'literal key',
		});
	});

	it('gives plain lists in the flat shape and for a pointer ending in ~* or ~key', async () => {
		const { json } = await pick(
			[field('/orders/~*/~key', 'Ids'), field('/orders/~*/status', 'Statuses')],
			{ answerShape: 'flat' },
		);
		expect(json?.answer).toEqual({ Ids: ['123', '456'], Statuses: ['shipped', 'pending'] });
		const grouped = await pick([field('/orders/~*', 'Orders', { transform: 'truncate' })]);
		expect((grouped.json?.answer as IDataObject).Orders).toHaveLength(2);
	});

	it('refuses ~key anywhere but right after ~*, naming the fix', async () => {
		const { error } = await pick([field('/orders/~key', 'Id')]);
		expect(error?.message).toMatch(/Field 1 \("Id"\).*"~key".*must come right after "~\*"/);
	});
});

describe('API Action: picked fields from a map', () => {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopbackServer({ '/orders': { body: SHOP } });
	});
	afterAll(async () => server.close());

	it('answers one object per map entry with its key, and nothing unpicked', async () => {
		const result = await runWorkflow(
			afterFinTrigger(
				singleNodeWorkflow(
					ACTION,
					'apiAction',
					{
						customerSpecific: false,
						url: `${server.url}/orders`,
						fields: {
							field: [field('/orders/~*/~key', 'Order ID'), field('/orders/~*/status', 'Status')],
						},
					},
					{ typeVersion: 1.1 },
				),
			),
			{ input: [conversation()] },
		);
		expect(result.errors).toEqual({});
		expect(result.outputs[ACTION][0][0].json.response).toEqual({
			orders: [
				{ 'Order ID': '123', Status: 'shipped' },
				{ 'Order ID': '456', Status: 'pending' },
			],
		});
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain('MARGIN-SECRET');
	});
});
