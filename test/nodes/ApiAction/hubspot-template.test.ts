// The HubSpot open-tickets template: a CRM search is a POST whose JSON body names the contact. An
// action template may declare such a request read-only (data in this repository, reviewed), so it is
// sent without "Allow Writes"; a custom POST still needs the switch. The signed contact id goes
// through the JSON body's per-position encoding, so it stays one string value whatever it holds.
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { checkMethod } from '../../../nodes/ApiAction/request-policy';
import {
	ACTION,
	apiActionWorkflow,
	conversation,
	fixedTokenCredential,
} from '../../fixtures/api-action-workflows';

const TOKEN = 'pat-na1-0123456789abcdef';
const CONTACT = '512';
const SEARCH = '/crm/v3/objects/tickets/search';

let server: LoopbackServer;
beforeAll(async () => {
	server = await startLoopbackServer({
		[`POST ${SEARCH}`]: (request) =>
			request.headers.authorization === `Bearer ${TOKEN}`
				? {
						body: {
							total: 1,
							results: [
								{
									id: '9001',
									properties: {
										subject: 'Invoice PDF is empty',
										hs_pipeline_stage: '2',
										hs_lastmodifieddate: '2026-11-29T16:40:00.000Z',
									},
									createdAt: '2026-11-20T09:00:00.000Z',
									updatedAt: '2026-11-29T16:40:00.000Z',
									archived: false,
								},
							],
						},
					}
				: { status: 401, body: { status: 'error', category: 'INVALID_AUTHENTICATION' } },
	});
});
afterAll(async () => server?.close());
beforeEach(() => server.requests.splice(0));

const hubspot = (parameters: IDataObject = {}) =>
	apiActionWorkflow(
		{
			template: 'hubspotOpenTickets',
			hubspotOpenTickets_apiUrl: server.url,
			authentication: 'finFixedTokenApi',
			...parameters,
		},
		{ credentials: fixedTokenCredential },
	);
const credentials = { finFixedTokenApi: { token: TOKEN, placement: 'bearer' } };

/** The body's first filter group, as HubSpot reads it. */
const filtersOf = (json: unknown) =>
	(json as { filterGroups: Array<{ filters: IDataObject[] }> }).filterGroups[0].filters;

it('sends exactly one POST search for the signed contact, Bearer, without Allow Writes', async () => {
	const result = await runWorkflow(hubspot(), {
		input: [conversation({ hubspot_contact_id: CONTACT })],
		credentials,
	});
	expect(result.errors).toEqual({});
	expect(server.requests).toHaveLength(1);
	const [request] = server.requests;
	expect(request.method).toBe('POST');
	expect(request.path).toBe(SEARCH);
	expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
	expect(request.headers['content-type']).toMatch(/^application\/json/);
	expect(request.json).toEqual({
		filterGroups: [
			{
				filters: [
					{ propertyName: 'associations.contact', operator: 'EQ', value: CONTACT },
					{ propertyName: 'closed_date', operator: 'NOT_HAS_PROPERTY' },
				],
			},
		],
		properties: ['subject', 'hs_pipeline_stage', 'hs_lastmodifieddate'],
		sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
		limit: 10,
	});
	const json = result.outputs[ACTION][0][0].json as Record<string, any>;
	expect(json.response.results[0].properties.subject).toBe('Invoice PDF is empty');
	expect(json.action).toMatchObject({ name: 'My HubSpot tickets', method: 'POST', status: 200 });
});

it('a hostile contact id stays one JSON string value: it cannot add an operator or a filter', async () => {
	const hostile = '1","operator":"HAS_PROPERTY';
	const result = await runWorkflow(hubspot(), {
		input: [conversation({ hubspot_contact_id: hostile })],
		credentials,
	});
	expect(result.errors).toEqual({});
	expect(server.requests).toHaveLength(1);
	const filters = filtersOf(server.requests[0].json);
	expect(filters).toHaveLength(2);
	expect(filters[0]).toEqual({
		propertyName: 'associations.contact',
		operator: 'EQ',
		value: hostile,
	});
	// An object as the "id" is refused by name, not inserted as a filter.
	const object = await runWorkflow(hubspot(), {
		input: [conversation({ hubspot_contact_id: { $ne: null } })],
		credentials,
	});
	expect(object.errors[ACTION]?.message).toMatch(/hubspot_contact_id/);
	expect(server.requests).toHaveLength(1);
});

it('sends no request without a signed contact id', async () => {
	// Signed by user_hash of the user_id only: the contact id beside it is whatever the caller typed.
	const unsigned = conversation(
		{ hubspot_contact_id: CONTACT },
		{
			identity: { verified: true, method: 'user_hash', kind: 'user', signed: ['user.user_id'] },
		},
	);
	const refused = await runWorkflow(hubspot(), { input: [unsigned], credentials });
	expect(refused.errors[ACTION]?.message).toMatch(/hubspot_contact_id/);
	const missing = await runWorkflow(hubspot(), { input: [conversation()], credentials });
	expect(missing.errors[ACTION]?.message).toMatch(/hubspot_contact_id/);
	expect(server.requests).toHaveLength(0);
});

it('a custom POST still needs "Allow Writes"', async () => {
	const custom = (allowWrites: boolean) =>
		apiActionWorkflow({
			method: 'POST',
			url: `${server.url}${SEARCH}`,
			jsonBody: '{"filterGroups": []}',
			allowWrites,
		});
	const refused = await runWorkflow(custom(false), { input: [conversation()] });
	expect(refused.errors[ACTION]?.message).toMatch(/switch on "Allow Writes"/);
	expect(server.requests).toHaveLength(0);
	const allowed = await runWorkflow(custom(true), { input: [conversation()] });
	expect(allowed.errors[ACTION]?.message).toMatch(/401/);
	expect(server.requests).toHaveLength(1);
});

it('a read-only request is a POST only: PUT, PATCH and DELETE still need "Allow Writes"', () => {
	expect(() => checkMethod('POST', false, true)).not.toThrow();
	for (const method of ['PUT', 'PATCH', 'DELETE'])
		expect(() => checkMethod(method, false, true)).toThrow(/Allow Writes/);
	expect(() => checkMethod('POST', false, false)).toThrow(/Allow Writes/);
});
