// POST /api/answer-preview (issue 15): the answer beside the field tree, made by the nodes' own
// fields module: grouped lists by default for new nodes, flat on request, errors named.
import type { RunningServer } from '../../server/app';
import { call, expectActionableError, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const response = {
	orders: [
		{ name: '#1041', fulfillment_status: null, secret_note: 'x' },
		{ name: '#1032', fulfillment_status: 'fulfilled', secret_note: 'y' },
	],
};
const fields = [
	{ pointer: '/orders/*/name', name: 'Name' },
	{ pointer: '/orders/*/fulfillment_status', name: 'Fulfillment status' },
];

it('groups fields under a list for a version 1.1 picker, and keeps nothing unpicked', async () => {
	const answer = await call(server, 'POST', '/api/answer-preview', {
		body: { response, fields, typeVersion: 1.1 },
	});
	expect(answer.status).toBe(200);
	expect(answer.json.answer).toEqual({
		orders: [
			{ Name: '#1041', 'Fulfillment status': null },
			{ Name: '#1032', 'Fulfillment status': 'fulfilled' },
		],
	});
	expect(answer.text).not.toContain('secret_note');
	expect(answer.json.fieldsUsed).toEqual(['/orders/*/name', '/orders/*/fulfillment_status']);
});

it('answers flat lists when the node asks for them', async () => {
	const answer = await call(server, 'POST', '/api/answer-preview', {
		body: { response, fields, typeVersion: 1.1, answerShape: 'flat' },
	});
	expect(answer.json.answer).toEqual({
		Name: ['#1041', '#1032'],
		'Fulfillment status': [null, 'fulfilled'],
	});
});

it('names a field the module refuses', async () => {
	const answer = await call(server, 'POST', '/api/answer-preview', {
		body: {
			response,
			fields: [
				{ pointer: '/orders/*/name', name: 'Same' },
				{ pointer: '/orders/*/fulfillment_status', name: 'Same' },
			],
			typeVersion: 1,
		},
	});
	expectActionableError(answer, 400);
	expect(answer.json.error).toMatch(/Same/);
});
