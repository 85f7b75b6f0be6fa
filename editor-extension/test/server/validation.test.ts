// Request bodies are checked against shared/api.ts before anything runs: a 400 naming the field.
import type { RunningServer } from '../../server/app';
import { call, expectActionableError, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});

it.each([
	['POST', '/api/test', { workflow: { nodes: 'x', connections: {} } }, '"workflow.nodes"'],
	[
		'POST',
		'/api/test',
		{ workflow: { nodes: [{ name: 'A' }], connections: {} } },
		'"workflow.nodes[0].type"',
	],
	[
		'POST',
		'/api/test',
		{ workflow: { nodes: [], connections: {} }, testValues: { user: 'u1' } },
		'"testValues.user"',
	],
	['POST', '/api/test', { testValues: {} }, '"workflow"'],
	['POST', '/api/credentials', { type: 'finFixedTokenApi', name: 7 }, '"name"'],
	['POST', '/api/credentials', { type: 'finFixedTokenApi', name: 'x', data: [] }, '"data"'],
	[
		'POST',
		'/api/deploy',
		{ workflow: { nodes: [], connections: {} }, baseUrl: 'x', apiKey: 1 },
		'"apiKey"',
	],
	[
		'POST',
		'/api/deploy',
		{ workflow: { nodes: [], connections: {} }, baseUrl: 'x', apiKey: 'k', activate: 'yes' },
		'"activate"',
	],
])('%s %s %j is refused naming %s', async (method, path, body, field) => {
	const answer = await call(server, method, path, { body });
	expectActionableError(answer, 400);
	expect(answer.json.error).toContain(field);
	expect(answer.json.hint).toContain(field.replace(/"/g, ''));
});
