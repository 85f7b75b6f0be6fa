// The Requests tab shows the API's reply (issue 15): status, headers and the body's start, with
// credential-bearing headers redacted, a body carrying a secret withheld, and large bodies capped.
// The API is a loopback stand-in of the user's backend.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RunningServer } from '../../server/app';
import { call, startTestServer } from './helpers';

const TOKEN = 'reply-token-9d2b7c41e5';
let server: RunningServer;
let api: Server;
let apiUrl: string;
let credentialId: string;

beforeAll(async () => {
	api = createServer((request, response) => {
		const path = request.url ?? '';
		if (path.startsWith('/customers/cus_404')) {
			response.writeHead(404, { 'content-type': 'application/json', 'x-request-id': 'req-7' });
			response.end(JSON.stringify({ error: 'No customer cus_404', hint: 'Check user_id' }));
		} else if (path.startsWith('/customers/echo')) {
			response.writeHead(200, {
				'content-type': 'application/json',
				'set-cookie': 'session=abc123; HttpOnly',
				'x-echo': String(request.headers.authorization),
			});
			response.end(JSON.stringify({ you_sent: request.headers.authorization, plan: 'pro' }));
		} else {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ blob: 'x'.repeat(100 * 1024) }));
		}
	});
	await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
	apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
	server = await startTestServer();
	credentialId = (
		await call(server, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', name: 'Token', data: { token: TOKEN } },
		})
	).json.id;
});
afterAll(async () => {
	await server?.close();
	await new Promise((resolve) => api?.close(resolve));
});

async function replyFor(userId: string) {
	const workflow = {
		name: 'Reply',
		nodes: [
			{
				id: 't',
				name: 'Fin Trigger',
				type: 'n8n-nodes-fin-actions.finTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a',
				name: 'Action',
				type: 'n8n-nodes-fin-actions.apiAction',
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					template: 'custom',
					method: 'GET',
					responseMode: 'full',
					url: `${apiUrl}/customers/{{user.user_id}}`,
					authentication: 'finFixedTokenApi',
				},
				credentials: { finFixedTokenApi: { id: credentialId, name: 'Token' } },
			},
		],
		connections: { 'Fin Trigger': { main: [[{ node: 'Action', type: 'main', index: 0 }]] } },
	};
	const answer = await call(server, 'POST', '/api/test', {
		body: { workflow, testValues: { user: { user_id: userId } } },
	});
	expect(answer.status).toBe(200);
	expect(answer.text).not.toContain(TOKEN);
	const requests = answer.json.nodes.Action.requests;
	expect(requests).toHaveLength(1);
	return requests[0];
}

it('shows the body of a helpful 404, with its status and headers', async () => {
	const request = await replyFor('cus_404');
	expect(request.status).toBe(404);
	expect(request.response).toMatchObject({
		status: 404,
		headers: expect.objectContaining({ 'x-request-id': 'req-7' }),
		body: { error: 'No customer cus_404', hint: 'Check user_id' },
		truncated: false,
	});
});

it('redacts credential-bearing headers and withholds a body that echoes the token', async () => {
	const request = await replyFor('echo');
	expect(request.response.status).toBe(200);
	expect(request.response.headers['set-cookie']).toBe('[redacted]');
	expect(request.response.headers['x-echo']).toBe('Bearer [redacted]');
	expect(request.response.body).toBe('[body withheld: carries credentials]');
});

it('caps a large body at 64 KiB and says so', async () => {
	const request = await replyFor('big');
	expect(request.response.truncated).toBe(true);
	expect(request.response.bytes).toBeGreaterThan(100 * 1024);
	expect(typeof request.response.body).toBe('string');
	expect(request.response.body.length).toBe(64 * 1024);
});
