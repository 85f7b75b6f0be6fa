// The HubSpot template on the canvas: "Use demo backend" points it at /demo/hubspot, whose ticket
// search is a POST (HubSpot's CRM search) that the template sends without "Allow Writes". The demo
// answers in HubSpot's documented shape for the contact named in the search body.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { demoUrlFor } from '../../client/graph/demo';
import type { RunningServer } from '../../server/app';
import { call, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const template = () =>
	JSON.parse(
		readFileSync(
			join(__dirname, '..', '..', '..', 'templates', 'workflows', 'hubspot-open-tickets.json'),
			'utf8',
		),
	);

it('the demo stands in for api.hubapi.com', () => {
	expect(demoUrlFor('https://api.hubapi.com', 'http://127.0.0.1:1/demo')).toBe(
		'http://127.0.0.1:1/demo/hubspot',
	);
});

it('the demo refuses a search without a token or without the contact filter', async () => {
	const path = '/demo/hubspot/crm/v3/objects/tickets/search';
	const body = { filterGroups: [{ filters: [] }] };
	expect((await call(server, 'POST', path, { body })).status).toBe(401);
	const noContact = await call(server, 'POST', path, {
		body,
		headers: { authorization: 'Bearer demo' },
	});
	expect(noContact.status).toBe(400);
});

it('tests the HubSpot workflow template against the demo: one POST, grouped tickets', async () => {
	const workflow = template();
	const demoToken = await call(server, 'POST', '/api/credentials', {
		body: { type: 'finFixedTokenApi', name: 'Demo bearer', data: { token: 'demo-token-hubspot' } },
	});
	const action = workflow.nodes.find(
		(node: { type: string }) => node.type === 'n8n-nodes-fin-actions.apiAction',
	);
	action.parameters.hubspotOpenTickets_apiUrl = `${server.url}/demo/hubspot`;
	action.credentials = { finFixedTokenApi: { id: demoToken.json.id, name: 'Demo bearer' } };
	const trigger = workflow.nodes.find(
		(node: { type: string }) => node.type === 'n8n-nodes-fin-actions.finTrigger',
	);
	const testValues = {
		user: { user_id: 'u1', ...JSON.parse(trigger.parameters.testValues.attributes) },
		company: {},
		conversation: { id: 'c1' },
		message: trigger.parameters.testValues.messageText,
	};
	const run = await call(server, 'POST', '/api/test', { body: { workflow, testValues } });
	expect(run.json.ok).toBe(true);
	expect(run.json.nodes[action.name].output[0][0].json.action).toMatchObject({
		method: 'POST',
		status: 200,
	});
	expect(run.json.answer.answer.results.map((ticket: { Ticket: string }) => ticket.Ticket)).toEqual(
		['31702', '31655'],
	);
	expect(run.json.answer.answer.results[0]).toEqual({
		Ticket: '31702',
		Subject: 'Invoice PDF is empty',
		Stage: '2',
		'Last update': expect.stringMatching(/^\d{1,2} \w{3} \d{4}$/),
	});
	expect(run.json.warnings).toEqual([]);
});
