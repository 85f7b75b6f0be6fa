// Zendesk's search and Jira's JQL read a query value after URL decoding, so a signed attribute placed
// there must stay one term: an email holding a space and "requester:someone-else", a JQL account id
// closing its quotes, or an empty value (a term that matches everyone) sends no request at all.
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { searchTermProblem } from '../../../nodes/ApiAction/search-terms';
import {
	ACTION,
	apiActionWorkflow,
	conversation,
	fixedTokenCredential,
} from '../../fixtures/api-action-workflows';

let server: LoopbackServer;
beforeAll(async () => {
	server = await startLoopbackServer({
		'GET /api/v2/search.json': () => ({ body: { results: [], count: 0 } }),
		'GET /rest/api/3/search/jql': () => ({ body: { issues: [] } }),
	});
});
afterAll(async () => server?.close());
beforeEach(() => server.requests.splice(0));

const credentials = { finFixedTokenApi: { token: 'vendor-token', placement: 'bearer' } };
const zendesk = () =>
	apiActionWorkflow(
		{
			template: 'zendeskOpenTickets',
			zendeskOpenTickets_zendeskUrl: server.url,
			authentication: 'finFixedTokenApi',
		},
		{ credentials: fixedTokenCredential },
	);
const jira = () =>
	apiActionWorkflow(
		{
			template: 'jiraRequestStatus',
			jiraRequestStatus_siteUrl: server.url,
			jiraRequestStatus_projectKey: 'SUP',
			authentication: 'finFixedTokenApi',
		},
		{ credentials: fixedTokenCredential },
	);
const run = (workflow: ReturnType<typeof zendesk>, user: IDataObject) =>
	runWorkflow(workflow, { input: [conversation(user)], credentials });

it("a plain signed email is one term of Zendesk's search", async () => {
	const result = await run(zendesk(), { email: 'ada.lovelace+shop@example.com' });
	expect(result.errors).toEqual({});
	expect(server.requests).toHaveLength(1);
	expect(server.requests[0].query.get('query')).toBe(
		'type:ticket status<solved requester:ada.lovelace+shop@example.com',
	);
});

it('a signed email that would add a search term, or is empty, sends no request', async () => {
	for (const email of [
		'ada@example.com requester:bob@example.com',
		'"ada requester:bob@example.com"@example.com',
		'ada@example.com\trequester:bob@example.com',
		'',
	]) {
		const result = await run(zendesk(), { email });
		expect(result.errors[ACTION]?.message).toMatch(
			/"user\.email" cannot be used in the query parameter "query": it is one term of Zendesk's search syntax/,
		);
	}
	expect(server.requests).toHaveLength(0);
});

it('a JQL account id stays inside its quotes', async () => {
	const id = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
	const fine = await run(jira(), { atlassian_account_id: id });
	expect(fine.errors).toEqual({});
	expect(server.requests[0].query.get('jql')).toBe(
		`project = SUP AND reporter = "${id}" ORDER BY updated DESC`,
	);
	const hostile = await run(jira(), { atlassian_account_id: 'x" OR reporter != "x' });
	expect(hostile.errors[ACTION]?.message).toMatch(/it is one term of JQL, so it may hold only/);
	expect(server.requests).toHaveLength(1);
});

it('names the first character a term may not hold, never the rest of the value', () => {
	expect(searchTermProblem('bob@example.com')).toBeUndefined();
	expect(searchTermProblem('josé@exämple.com')).toBeUndefined();
	expect(searchTermProblem('a b')).toBe(
		'it may hold only letters, digits and @ . _ + - : but holds " " (U+0020)',
	);
	expect(searchTermProblem('')).toMatch(/empty/);
});
