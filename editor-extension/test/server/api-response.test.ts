// The API's response an API Action read in a canvas test (server/test-runner.ts apiResponseOf): the
// source of the Pick fields tree, returned to the page only. Parsed as the node parses it, never a
// token request's reply, withheld when it carries a credential secret, and explained when too large.
import type { INode } from 'n8n-workflow';

import type { RecordedRequest } from '../../../engine';
import { apiResponseOf } from '../../server/test-runner';

const action = (parameters: INode['parameters'] = {}): INode => ({
	id: '1',
	name: 'API Action',
	type: 'n8n-nodes-fin-actions.apiAction',
	typeVersion: 1.1,
	position: [0, 0],
	parameters,
});

const reply = (status: number, text: string, truncated = false): RecordedRequest => ({
	method: 'GET',
	url: 'https://api.example.com/orders',
	headers: {},
	status,
	response: {
		headers: { 'content-type': 'application/json' },
		text,
		bytes: text.length,
		truncated,
	},
});

test('the last successful reply, parsed as the node parses it (prototype keys dropped)', () => {
	const body = { orders: [{ name: '#1001', phone: '+44 1' }] };
	expect(
		apiResponseOf(action(), [reply(503, '{"retry": true}'), reply(200, JSON.stringify(body))], []),
	).toEqual({ apiResponse: { body } });
	const parsed = apiResponseOf(action(), [reply(200, '{"a": 1, "__proto__": {"x": 1}}')], []);
	expect(parsed).toEqual({ apiResponse: { body: { a: 1 } } });
});

test('a Mock Response is the response', () => {
	expect(
		apiResponseOf(action({ responseSource: 'mock', mockResponse: '{"a": [1]}' }), [], []),
	).toEqual({ apiResponse: { body: { a: [1] } } });
});

test('a reply carrying a credential secret is withheld, with what to do', () => {
	const result = apiResponseOf(
		action(),
		[reply(200, '{"echo": "tok-secret-123456"}')],
		['tok-secret-123456'],
	);
	expect(result.apiResponse?.body).toBeUndefined();
	expect(result.apiResponse?.problem).toMatch(/credential secret.*Parameters tab/);
	expect(JSON.stringify(result)).not.toContain('tok-secret-123456');
});

test('a reply cut at 64 KiB is not guessed at: the problem says so', () => {
	const result = apiResponseOf(action(), [reply(200, '{"a": "', true)], []);
	expect(result.apiResponse?.body).toBeUndefined();
	expect(result.apiResponse?.problem).toMatch(/64 KiB/);
});

test('no successful reply: nothing to show', () => {
	expect(apiResponseOf(action(), [reply(500, '{}')], [])).toEqual({});
});
