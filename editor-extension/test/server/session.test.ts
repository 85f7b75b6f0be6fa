// Issue 12.6: the canvas server holds write-only credentials, so any local process that can reach
// loopback must not be able to use them. Every /api route needs the per-start session secret (the
// ?token= of the URL `npm start` prints, exchanged for an HttpOnly cookie, or an X-Canvas-Token
// header); a credential's host bindings change only with its secrets re-entered; no page may
// frame the canvas.
import { startLoopbackServer, type LoopbackServer } from '../../../engine/testing';
import type { RunningServer } from '../../server/app';
import { call, startTestServer } from './helpers';

let server: RunningServer;
let api: LoopbackServer;
beforeEach(async () => {
	server = await startTestServer();
	api = await startLoopbackServer({ '*': { body: { access_token: 'tok-1', expires_in: 3600 } } });
});
afterEach(async () => {
	await server.close();
	await api.close();
});

const TOKEN = 'fixed-secret-token-abcdef123';
const CLIENT_SECRET = 'client-secret-abcdef123456';

const noToken = { token: null } as const;

describe('session secret', () => {
	it.each([
		['GET', '/api/health'],
		['GET', '/api/credentials'],
		['GET', '/api/credential-types'],
		['POST', '/api/credentials'],
		['PATCH', '/api/credentials/local_x'],
		['DELETE', '/api/credentials/local_x'],
		['POST', '/api/test'],
		['POST', '/api/deploy'],
	])('%s %s without the secret answers 401', async (method, path) => {
		const answer = await call(server, method, path, { body: {}, ...noToken });
		expect(answer.status).toBe(401);
		expect(answer.json.hint).toMatch(/npm start/);
	});

	it('a wrong secret answers 401 too, as header or cookie', async () => {
		const wrong = `${server.token.slice(0, -1)}${server.token.endsWith('a') ? 'b' : 'a'}`;
		const header = await call(server, 'GET', '/api/credentials', {
			...noToken,
			headers: { 'x-canvas-token': wrong },
		});
		expect(header.status).toBe(401);
		const cookie = await call(server, 'GET', '/api/credentials', {
			...noToken,
			headers: { cookie: `${server.cookieName}=${wrong}` },
		});
		expect(cookie.status).toBe(401);
	});

	it('is random per start and printed in the URL to open', async () => {
		const other = await startTestServer();
		try {
			expect(server.token).toMatch(/^[0-9a-f]{64}$/);
			expect(other.token).not.toBe(server.token);
			expect(server.openUrl).toBe(`${server.url}/?token=${server.token}`);
		} finally {
			await other.close();
		}
	});

	it('the page exchanges ?token= for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
		const bad = await call(server, 'GET', '/?token=nope', noToken);
		expect(bad.status).toBe(401);
		const opened = await call(server, 'GET', `/?token=${server.token}`, noToken);
		expect(opened.status).toBe(303);
		expect(opened.headers.location).toBe('/');
		const setCookie = String(opened.headers['set-cookie']);
		expect(setCookie).toContain(`${server.cookieName}=${server.token}`);
		expect(setCookie).toMatch(/HttpOnly/);
		expect(setCookie).toMatch(/SameSite=Strict/);
		expect(setCookie).toMatch(/Path=\//);
		const withCookie = await call(server, 'GET', '/api/credentials', {
			...noToken,
			headers: { cookie: `other=1; ${server.cookieName}=${server.token}` },
		});
		expect(withCookie.status).toBe(200);
	});

	it('no page may frame the canvas', async () => {
		for (const path of ['/', '/api/health']) {
			const answer = await call(server, 'GET', path);
			expect(answer.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
			expect(answer.headers['x-frame-options']).toBe('DENY');
		}
	});
});

describe('credential host bindings', () => {
	async function fixed(data: Record<string, unknown> = {}) {
		const created = await call(server, 'POST', '/api/credentials', {
			body: {
				type: 'finFixedTokenApi',
				name: 'Orders',
				data: { token: TOKEN, allowedDomain: 'api.example.com', ...data },
			},
		});
		expect(created.status).toBe(201);
		return created.json.id as string;
	}

	it('allowedDomain cannot be deleted (null) or changed without re-entering the token', async () => {
		const id = await fixed();
		for (const allowedDomain of [null, '127.0.0.1', '']) {
			const answer = await call(server, 'PATCH', `/api/credentials/${id}`, {
				body: { data: { allowedDomain } },
			});
			expect(answer.status).toBe(403);
			expect(answer.json.error).toMatch(/allowedDomain/);
			expect(answer.json.hint).toMatch(/token/);
		}
		// Still bound: a test run against another host does not get the token.
		const run = await call(server, 'POST', '/api/test', {
			body: {
				workflow: {
					nodes: [
						{
							id: 'a',
							name: 'API Action',
							type: 'n8n-nodes-fin-actions.apiAction',
							typeVersion: 1,
							position: [0, 0],
							parameters: { url: `${api.url}/steal`, authentication: 'finFixedTokenApi' },
							credentials: { finFixedTokenApi: { id, name: 'Orders' } },
						},
					],
					connections: {},
				},
			},
		});
		expect(run.status).toBe(200);
		expect(api.requests.filter((r) => JSON.stringify(r.headers).includes(TOKEN))).toHaveLength(0);
	});

	it('changes allowedDomain when the token is re-entered in the same request', async () => {
		const id = await fixed();
		const answer = await call(server, 'PATCH', `/api/credentials/${id}`, {
			body: { data: { allowedDomain: 'api2.example.com', token: TOKEN } },
		});
		expect(answer.status).toBe(200);
		// Other fields still change freely.
		const renamed = await call(server, 'PATCH', `/api/credentials/${id}`, {
			body: { name: 'Orders 2', data: { placement: 'header' } },
		});
		expect(renamed.status).toBe(200);
	});

	it('tokenUrl cannot be repointed (to receive the client secret) without re-entering it', async () => {
		const created = await call(server, 'POST', '/api/credentials', {
			body: {
				type: 'finDynamicTokenApi',
				name: 'Dynamic',
				data: {
					tokenUrl: 'https://auth.example.com/oauth/token',
					clientId: 'c1',
					clientSecret: CLIENT_SECRET,
				},
			},
		});
		const { id } = created.json;
		for (const data of [
			{ tokenUrl: `${api.url}/oauth/token` },
			{ testUrl: `${api.url}/check` },
			{ tokenUrl: null },
		]) {
			const answer = await call(server, 'PATCH', `/api/credentials/${id}`, { body: { data } });
			expect(answer.status).toBe(403);
			expect(answer.json.hint).toMatch(/clientSecret/);
		}
		expect(api.requests).toHaveLength(0);
		const reentered = await call(server, 'PATCH', `/api/credentials/${id}`, {
			body: { data: { tokenUrl: `${api.url}/oauth/token`, clientSecret: CLIENT_SECRET } },
		});
		expect(reentered.status).toBe(200);
	});
});
