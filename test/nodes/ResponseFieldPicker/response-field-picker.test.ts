// Response Field Picker through n8n-core's engine, on items shaped like API Action's output:
// the incoming conversation fields, the parsed body under `response` and an `action` record.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { runWorkflow, type WorkflowJson } from '../../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../../engine/single-node-workflow';

const NODE = 'Response Field Picker';

/** A shop's order lookup: orders with line items and fulfillments, nulls, odd keys, secrets. */
function orderResponse(): IDataObject {
	return {
		customer: {
			id: 'cus_81',
			email: 'ana@acme.com',
			phone: '+1 555 010 9876',
			internal_notes: 'SECRET-NOTE gave a 20% goodwill discount',
			api_token: 'SECRET-TOKEN-7f3a',
		},
		orders: [
			{
				id: 1042,
				name: '#1042',
				created_at: '2024-04-28T09:15:00Z',
				total_cents: 12990,
				currency: 'EUR',
				fulfillment_status: 'fulfilled',
				cancel_reason: null,
				note: 'Please leave the parcel with the neighbour at number 12 if nobody is home.',
				line_items: [
					{ sku: 'TSHIRT-M', title: 'T-shirt', quantity: 2, cost_price: 'SECRET-COST-4.10' },
					{ sku: 'MUG-01', title: 'Mug', quantity: 1, cost_price: 'SECRET-COST-1.90' },
				],
				fulfillments: [
					{
						id: 'ful_1',
						tracking_numbers: ['1Z999AA1', '1Z999AA2'],
						tracking_company: 'UPS',
						shipped_at: 1714300000,
					},
				],
			},
			{
				id: 1043,
				name: '#1043',
				created_at: '2024-05-02T17:40:00Z',
				total_cents: 4500,
				currency: 'EUR',
				fulfillment_status: null,
				cancel_reason: null,
				note: null,
				line_items: [{ sku: 'CAP-RED', title: 'Cap', quantity: 1, cost_price: 'SECRET-COST-2.00' }],
				fulfillments: [],
			},
			{
				id: 1044,
				name: '#1044',
				created_at: '2024-05-03T08:00:00Z',
				total_cents: 999,
				currency: 'EUR',
				fulfillment_status: 'partial',
				cancel_reason: null,
				note: '',
				line_items: [],
				fulfillments: [
					{ id: 'ful_2', tracking_numbers: [], tracking_company: null, shipped_at: null },
				],
			},
		],
		pagination: { page: 1, per_page: 3, total: 7, next_cursor: 'SECRET-CURSOR-eyJwIjoyfQ' },
		'a/b': { '~tilde': 'escaped keys work', '~1': 'not an escape once unescaped' },
		matrix: [
			[1, 2],
			[3, [4, 5]],
		],
		'*': 'a key named star',
	};
}

/** What API Action emits: the incoming item, the parsed body and an action record with a URL. */
function actionItem(
	response: IDataObject = orderResponse(),
	responseKey = 'response',
): IDataObject {
	return {
		message: { id: 'm_1', text: 'Where is my order?', createdAt: '2024-05-04T10:00:00Z' },
		user: { user_id: 'u_1', email: 'ana@acme.com', name: 'SECRET-USER Ana Lima' },
		company: { name: 'Acme' },
		conversation: { id: 'c_1' },
		identity: { verified: true, method: 'jwt', claims: { api_token: 'SECRET-CLAIM-TOKEN' } },
		audience: { matched: true, decidedBy: 'everyone' },
		[responseKey]: response,
		action: {
			name: 'Order status',
			method: 'GET',
			url: 'https://shop.example.test/orders?email=ana@acme.com&access_token=SECRET-URL-TOKEN',
			statusCode: 200,
			durationMs: 83,
		},
	};
}

function field(pointer: string, name: string, more: IDataObject = {}): IDataObject {
	return { pointer, name, ...more };
}

const workflow = (parameters: IDataObject, extra: IDataObject = {}) =>
	singleNodeWorkflow(NODE, 'responseFieldPicker', parameters, {
		id: 'b2f0c2e4-0000-4000-8000-000000000002',
		...extra,
	});

async function pick(parameters: IDataObject, input: IDataObject[], extra: IDataObject = {}) {
	const result = await runWorkflow(workflow(parameters, extra), { input });
	return { items: result.outputs[NODE]?.[0] ?? [], error: result.errors[NODE] };
}

const selected = (fields: IDataObject[], more: IDataObject = {}) => ({
	access: 'selected',
	fields: { field: fields },
	...more,
});

/** Every string anywhere in a value, to prove what did not get through. */
function allText(value: unknown): string {
	return JSON.stringify(value);
}

describe('Response Field Picker: selected fields', () => {
	const fields = [
		field('/orders/*/fulfillment_status', 'Order status', {
			transform: 'valueMap',
			mappings: {
				mapping: [
					{ from: 'fulfilled', to: 'Shipped' },
					{ from: 'partial', to: 'Partly shipped' },
				],
			},
			defaultValue: 'Not shipped yet',
		}),
		field('/orders/*/name', 'Order'),
		field('/orders/0/created_at', 'Ordered on', { transform: 'date', dateFormat: 'd LLL yyyy' }),
		field('/orders/0/fulfillments/0/shipped_at', 'Shipped on', {
			transform: 'date',
			dateFormat: 'yyyy-MM-dd HH:mm',
			timezone: 'Europe/Paris',
		}),
		field('/orders/0/total_cents', 'Total', {
			transform: 'currency',
			currency: 'EUR',
			minorUnits: true,
		}),
		field('/orders/*/line_items/*/sku', 'Items', { transform: 'join', separator: ', ' }),
		field('/orders/*/fulfillments/*/tracking_numbers/*', 'Tracking numbers'),
		field('/customer/phone', 'Phone', { transform: 'mask', keepLast: 4 }),
		field('/orders/0/note', 'Note', { transform: 'truncate', maxLength: 20 }),
		field('/pagination/total', 'Orders in total', {
			transform: 'number',
			decimals: 1,
			locale: 'de-DE',
		}),
		field('/a~1b/~0tilde', 'Escaped'),
		field('/a~1b/~01', 'Escape order'),
		field('/matrix/*/*', 'Matrix'),
		field('/*', 'Star key'),
		field('/orders/0/cancel_reason', 'Cancel reason'),
		field('/orders/7/id', 'Eighth order'),
		field('/orders/-/id', 'Past the end'),
		field('/customer/loyalty_tier', 'Loyalty', { defaultValue: 'none' }),
		field('/orders/0/line_items/0/title', ''),
	];

	it('builds the answer from the picked fields only', async () => {
		const { items, error } = await pick(selected(fields), [actionItem()]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const { json } = items[0];
		expect(Object.keys(json).sort()).toEqual(['actionUsed', 'answer', 'fieldsUsed']);
		expect(json.actionUsed).toBe(true);
		expect(json.answer).toEqual({
			'Order status': ['Shipped', 'Not shipped yet', 'Partly shipped'],
			Order: ['#1042', '#1043', '#1044'],
			'Ordered on': '28 Apr 2024',
			'Shipped on': '2024-04-28 12:26',
			Total: '€129.90',
			Items: 'TSHIRT-M, MUG-01, CAP-RED',
			'Tracking numbers': ['1Z999AA1', '1Z999AA2'],
			Phone: '•••••••••••9876',
			Note: 'Please leave the pa…',
			'Orders in total': '7,0',
			Escaped: 'escaped keys work',
			'Escape order': 'not an escape once unescaped',
			Matrix: [1, 2, 3, [4, 5]],
			'Star key': 'a key named star',
			Loyalty: 'none',
			title: 'T-shirt',
		});
		expect(json.fieldsUsed).toEqual([
			'/orders/*/fulfillment_status',
			'/orders/*/name',
			'/orders/0/created_at',
			'/orders/0/fulfillments/0/shipped_at',
			'/orders/0/total_cents',
			'/orders/*/line_items/*/sku',
			'/orders/*/fulfillments/*/tracking_numbers/*',
			'/customer/phone',
			'/orders/0/note',
			'/pagination/total',
			'/a~1b/~0tilde',
			'/a~1b/~01',
			'/matrix/*/*',
			'/*',
			'/orders/0/line_items/0/title',
		]);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('lets nothing unpicked reach the output: no response, action URL, context or binary', async () => {
		const input = actionItem();
		const result = await runWorkflow(workflow(selected(fields)), { input: [input] });
		const out = result.outputs[NODE][0][0];
		const text = allText(out.json);
		expect(text).not.toMatch(/SECRET/);
		expect(text).not.toContain('shop.example.test');
		expect(text).not.toContain('ana@acme.com');
		expect(text).not.toContain('cus_81');
		expect(out.binary).toBeUndefined();
		// The conversation stays reachable for later nodes through the paired item.
		expect(out.pairedItem).toEqual({ item: 0 });
	});

	it('drops binary data that came with the item', async () => {
		/** Test-only node: passes its input on with a file attached, like a download step would. */
		class AttachFile implements INodeType {
			description = {
				displayName: 'Attach File',
				name: 'attachFile',
				group: ['transform'],
				version: 1,
				description: 'test only',
				defaults: { name: 'Attach File' },
				inputs: ['main'],
				outputs: ['main'],
				properties: [],
			} as unknown as INodeTypeDescription;

			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				return [
					this.getInputData().map((item, index) => ({
						json: item.json,
						binary: {
							data: { data: Buffer.from('SECRET-FILE').toString('base64'), mimeType: 'text/plain' },
						},
						pairedItem: { item: index },
					})),
				];
			}
		}
		const workflowJson = workflow(selected([field('/orders/0/id', 'Id')]));
		workflowJson.nodes.unshift({
			id: 'attach',
			name: 'Attach File',
			type: 'n8n-nodes-fin-actions.attachFile',
			typeVersion: 1,
			position: [-200, 0],
			parameters: {},
		});
		workflowJson.connections = {
			'Attach File': { main: [[{ node: NODE, type: 'main', index: 0 }]] },
		};
		const result = await runWorkflow(workflowJson, {
			input: [actionItem()],
			extraNodes: [new AttachFile()],
		});
		expect(result.outputs['Attach File'][0][0].binary).toBeDefined();
		const out = result.outputs[NODE][0][0];
		expect(out.json).toEqual({
			answer: { Id: 1042 },
			fieldsUsed: ['/orders/0/id'],
			actionUsed: true,
		});
		expect(out.binary).toBeUndefined();
	});

	it('reads a paginated list with its own response and answer keys', async () => {
		const page = {
			object: 'list',
			data: [
				{
					id: 'in_1',
					status: 'paid',
					amount_due: 2500,
					hosted_invoice_url: 'https://pay.example.test/SECRET-1',
				},
				{
					id: 'in_2',
					status: 'open',
					amount_due: 105000,
					hosted_invoice_url: 'https://pay.example.test/SECRET-2',
				},
			],
			has_more: true,
			url: '/v1/invoices?starting_after=SECRET-CURSOR',
		};
		const { items } = await pick(
			selected(
				[
					field('/data/*/id', 'Invoice'),
					field('/data/*/amount_due', 'Amount', {
						transform: 'currency',
						currency: 'usd',
						minorUnits: true,
					}),
					field('/has_more', 'More invoices'),
				],
				{ responseKey: 'body', answerKey: 'invoices' },
			),
			[actionItem(page, 'body')],
		);
		expect(items[0].json).toEqual({
			invoices: {
				Invoice: ['in_1', 'in_2'],
				Amount: ['$25.00', '$1,050.00'],
				'More invoices': true,
			},
			fieldsUsed: ['/data/*/id', '/data/*/amount_due', '/has_more'],
			actionUsed: true,
		});
		expect(allText(items[0].json)).not.toMatch(/SECRET|example\.test/);
	});

	it('answers each item from its own response', async () => {
		const second = orderResponse();
		(second.orders as IDataObject[])[0].fulfillment_status = 'restocked';
		const { items } = await pick(selected([field('/orders/0/fulfillment_status', 'Status')]), [
			actionItem(),
			actionItem(second),
		]);
		expect(items.map((item) => (item.json.answer as IDataObject).Status)).toEqual([
			'fulfilled',
			'restocked',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('keeps nulls in line inside lists, or gives them the default', async () => {
		const { items } = await pick(
			selected([
				field('/orders/*/fulfillment_status', 'Raw status'),
				field('/orders/*/fulfillments/*/tracking_company', 'Carrier', { defaultValue: 'unknown' }),
				field('/orders/*/cancel_reason', 'Cancel reasons'),
			]),
			[actionItem()],
		);
		expect(items[0].json.answer).toEqual({
			'Raw status': ['fulfilled', null, 'partial'],
			Carrier: ['UPS', 'unknown'],
		});
		expect(items[0].json.fieldsUsed).toEqual([
			'/orders/*/fulfillment_status',
			'/orders/*/fulfillments/*/tracking_company',
		]);
	});

	it('marks items that did not come from an action with actionUsed false', async () => {
		const { items } = await pick(
			selected([field('/orders/0/id', 'Id', { defaultValue: 'no order' })]),
			[{ message: { text: 'hi' }, user: { user_id: 'u_2' } }],
		);
		expect(items[0].json).toEqual({
			answer: { Id: 'no order' },
			fieldsUsed: [],
			actionUsed: false,
		});
	});

	it('marks an action record without a response (a failed call passed on) with actionUsed false', async () => {
		const failed = actionItem();
		delete failed.response;
		const { items } = await pick(selected([field('/orders/0/id', 'Id')]), [
			failed,
			{ ...actionItem(), response: null },
		]);
		expect(items.map((item) => item.json)).toEqual([
			{ answer: {}, fieldsUsed: [], actionUsed: false },
			{ answer: {}, fieldsUsed: [], actionUsed: false },
		]);
		const full = await pick({ access: 'full' }, [failed]);
		expect(full.items[0].json).toEqual({ answer: null, fieldsUsed: [], actionUsed: false });
	});
});

describe('Response Field Picker: full response', () => {
	it('gives the whole response as the answer and still drops the rest of the item', async () => {
		const { items } = await pick({ access: 'full' }, [actionItem()]);
		expect(items[0].json).toEqual({ answer: orderResponse(), fieldsUsed: [''], actionUsed: true });
		expect(allText(items[0].json)).not.toContain('SECRET-URL-TOKEN');
		expect(allText(items[0].json)).not.toContain('SECRET-CLAIM-TOKEN');
	});
});

describe('Response Field Picker: errors', () => {
	it('a required field that matches nothing stops the node and names the field', async () => {
		const { error, items } = await pick(
			selected([field('/orders/0/tracking_url', 'Tracking link', { required: true })]),
			[actionItem()],
		);
		expect(error?.message).toBe(
			'Required field "Tracking link" (/orders/0/tracking_url) found nothing in the response',
		);
		expect(items).toEqual([]);
	});

	it('an optional field that matches nothing is no error', async () => {
		const { error, items } = await pick(
			selected([field('/orders/0/tracking_url', 'Tracking link')]),
			[actionItem()],
		);
		expect(error).toBeUndefined();
		// Nothing of the response is in the answer, so it is not an action's answer.
		expect(items[0].json).toEqual({ answer: {}, fieldsUsed: [], actionUsed: false });
	});

	it('with "continue on error" only the message passes, never the response', async () => {
		const { error, items } = await pick(
			selected([field('/orders/0/tracking_url', 'Tracking link', { required: true })]),
			[actionItem()],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			error:
				'Required field "Tracking link" (/orders/0/tracking_url) found nothing in the response',
		});
	});

	const malformed: Array<[string, RegExp]> = [
		[
			'orders/0/id',
			/Field 1 \("Broken"\): the JSON pointer "orders\/0\/id" is malformed: it must be empty \(the whole response\) or start with "\/", e\.g\. "\/orders\/0\/id"/,
		],
		['/a~2b', /"~2" at character 3 is not an escape; write ~0 for "~" and ~1 for "\/"/],
		['/trailing~', /"~" at character 10 is not an escape/],
		['#/orders/0', /the URI fragment form is not supported; write "\/orders\/0" instead/],
	];

	it.each(malformed)(
		'the malformed pointer %s is a configuration error that says what is wrong',
		async (pointer, message) => {
			const { error } = await pick(selected([field(pointer, 'Broken')]), [actionItem()]);
			expect(error?.message).toMatch(message);
		},
	);

	it.each([
		[{ transform: 'currency', currency: 'EURO' }, /"EURO" is not an ISO 4217 currency code/],
		[{ transform: 'date', timezone: 'Mars/Olympus' }, /"Mars\/Olympus" is not a time zone/],
		[{ transform: 'truncate', maxLength: 0 }, /the maximum length must be a whole number from 1/],
	])(
		'transform settings that cannot work are configuration errors: %j',
		async (settings, message) => {
			const { error } = await pick(selected([field('/orders/0/id', 'Id', settings)]), [
				actionItem(),
			]);
			expect(error?.message).toMatch(message);
		},
	);

	it('two fields with one display name are a configuration error', async () => {
		const { error } = await pick(
			selected([field('/orders/0/id', 'Id'), field('/orders/1/id', 'Id')]),
			[actionItem()],
		);
		expect(error?.message).toMatch(/Field 2 \("Id"\): another field is already named "Id"/);
	});

	it('the answer key cannot hide fieldsUsed or actionUsed', async () => {
		const { error } = await pick(
			selected([field('/orders/0/id', 'Id')], { answerKey: 'actionUsed' }),
			[actionItem()],
		);
		expect(error?.message).toMatch(/The answer key "actionUsed" cannot be used/);
	});
});

describe('Audience Filter and Response Field Picker together', () => {
	it('only matched users reach the picker, and the picker passes only the answer on', async () => {
		const json: WorkflowJson = {
			nodes: [
				{
					id: 'af',
					name: 'Audience Filter',
					type: 'n8n-nodes-fin-actions.audienceFilter',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						ruleGroups: {
							group: [
								{
									combinator: 'and',
									rules: {
										rule: [{ attribute: 'user.user_id', operator: 'equals', value: 'u_1' }],
									},
								},
							],
						},
					},
				},
				{
					id: 'rfp',
					name: NODE,
					type: 'n8n-nodes-fin-actions.responseFieldPicker',
					typeVersion: 1,
					position: [200, 0],
					parameters: selected([field('/orders/*/fulfillment_status', 'Status')]),
				},
			],
			connections: { 'Audience Filter': { main: [[{ node: NODE, type: 'main', index: 0 }], []] } },
		} as WorkflowJson;
		const other = actionItem();
		(other.user as IDataObject).user_id = 'u_2';
		const result = await runWorkflow(afterFinTrigger(json), { input: [actionItem(), other] });
		expect(result.executionOrder).toEqual(['Fin Trigger', 'Audience Filter', NODE]);
		const picked: INodeExecutionData[] = result.outputs[NODE][0];
		expect(picked.map((item) => item.json)).toEqual([
			{
				answer: { Status: ['fulfilled', null, 'partial'] },
				fieldsUsed: ['/orders/*/fulfillment_status'],
				actionUsed: true,
			},
		]);
		expect(result.outputs['Audience Filter'][1]).toHaveLength(1);
	});
});

describe('Response Field Picker: mask and truncate on objects and lists', () => {
	const card = {
		card: {
			number: '4111111111111111',
			cvv: 737,
			expiry: { month: '12', year: '2031' },
			holder: 'Ana Lima',
			history: [{ last_charge: '4111111111111111' }],
		},
	};

	it('masks every leaf of a picked object: no card number, CVV or expiry survives', async () => {
		const { items, error } = await pick(
			selected([field('/card', 'Card', { transform: 'mask', keepLast: 4 })]),
			[actionItem(card)],
		);
		expect(error).toBeUndefined();
		const answer = items[0].json.answer as IDataObject;
		const text = allText(answer);
		for (const secret of ['4111111111111111', '411111', '737', '2031', 'Ana Lima'])
			expect(text).not.toContain(secret);
		expect(answer.Card).toEqual({
			number: '••••••••••••1111',
			cvv: '•••',
			expiry: { month: '••', year: '2031'.replace(/./g, '•') },
			holder: '••••Lima',
			history: [{ last_charge: '••••••••••••1111' }],
		});
	});

	it('truncates every string leaf of a picked object or list', async () => {
		const { items } = await pick(
			selected([
				field('/orders/0', 'First order', { transform: 'truncate', maxLength: 6 }),
				field('/orders/*/note', 'Notes', { transform: 'truncate', maxLength: 6 }),
			]),
			[actionItem()],
		);
		const answer = items[0].json.answer as IDataObject;
		expect(allText(answer)).not.toContain('neighbour');
		const first = answer['First order'] as IDataObject;
		expect(first.note).toBe('Pleas…');
		expect((first.line_items as IDataObject[])[0].cost_price).toBe('SECRE…');
		expect(answer.Notes).toEqual(['Pleas…', null, '']);
	});
});
