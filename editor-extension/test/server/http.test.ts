// The server's HTTP edges: body limits, malformed JSON, unknown routes, other web sites, static files.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer, type RunningServer } from '../../server/app';
import { call, expectActionableError, startTestServer } from './helpers';

let server: RunningServer;
let dist: string;
beforeAll(async () => {
	// A stand-in for Vite's output, so these tests do not depend on the client being built.
	dist = mkdtempSync(join(process.env.FIN_ACTIONS_TEST_TMP ?? tmpdir(), 'canvas-dist-'));
	mkdirSync(join(dist, 'assets'));
	writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
	writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
	server = await startTestServer({ distDir: dist });
});
afterAll(async () => {
	await server?.close();
	if (dist) rmSync(dist, { recursive: true, force: true });
});

it('binds to 127.0.0.1 and refuses any other interface', async () => {
	expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	await expect(startServer({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
});

it('answers 413 JSON for a body over 1 MB, both announced and streamed', async () => {
	const big = JSON.stringify({
		workflow: { nodes: [], connections: {} },
		padding: 'x'.repeat(1024 * 1024 + 10),
	});
	expectActionableError(await call(server, 'POST', '/api/test', { rawBody: big }), 413);
	// Without content-length (chunked), the limit is enforced while reading.
	const chunked = await new Promise<{ status: number; json: any }>((resolve, reject) => {
		const { request } = require('node:http') as typeof import('node:http');
		const req = request(
			`${server.url}/api/credentials`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-canvas-token': server.token },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						json: JSON.parse(Buffer.concat(chunks).toString()),
					}),
				);
			},
		);
		req.on('error', reject);
		for (let i = 0; i < 12; i++) req.write('x'.repeat(100 * 1024));
		req.end();
	});
	expect(chunked.status).toBe(413);
	expect(chunked.json.hint).toBeTruthy();
	// The server is still fine afterwards.
	expect((await call(server, 'GET', '/api/health')).json).toEqual({ ok: true });
});

it('answers 400 naming the JSON problem', async () => {
	const answer = await call(server, 'POST', '/api/credentials', {
		rawBody: '{"type": "finFixedTokenApi",',
	});
	expectActionableError(answer, 400);
	expect(answer.json.error).toMatch(/not valid JSON: .+/);
	expectActionableError(await call(server, 'POST', '/api/credentials', { rawBody: '[1, 2]' }), 400);
	expectActionableError(await call(server, 'POST', '/api/credentials', { rawBody: '' }), 400);
});

it('needs application/json, which other web sites cannot send without a preflight', async () => {
	const answer = await call(server, 'POST', '/api/credentials', {
		rawBody: '{}',
		headers: { 'content-type': 'text/plain' },
	});
	expectActionableError(answer, 415);
});

it('refuses requests from other origins and for other host names', async () => {
	expectActionableError(
		await call(server, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', name: 'x', data: {} },
			headers: { origin: 'https://evil.example' },
		}),
		403,
	);
	expectActionableError(
		await call(server, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', name: 'x', data: {} },
			headers: { origin: 'null' },
		}),
		403,
	);
	expectActionableError(
		await call(server, 'GET', '/api/credentials', { headers: { host: 'evil.example' } }),
		403,
	);
	expectActionableError(
		await call(server, 'GET', '/api/credentials', { headers: { host: 'evil.example:5680' } }),
		403,
	);
	// Its own pages may call it, under either loopback spelling of its own port.
	for (const origin of [server.url, `http://localhost:${server.port}`]) {
		const own = await call(server, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', name: `own ${origin}`, data: {} },
			headers: { origin },
		});
		expect(own.status).toBe(201);
	}
});

it('refuses other local pages: a loopback Origin on another port or scheme, for reads too', async () => {
	const others = [
		'http://localhost:5173',
		`http://127.0.0.1:${server.port + 1}`,
		`https://127.0.0.1:${server.port}`,
		'http://127.0.0.1',
		`http://[::1]:${server.port + 1}`,
	];
	for (const origin of others) {
		const write = await call(server, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', name: `from ${origin}`, data: {} },
			headers: { origin },
		});
		expectActionableError(write, 403);
		expect(write.json.error).toContain(origin);
		expectActionableError(
			await call(server, 'GET', '/api/credentials', { headers: { origin } }),
			403,
		);
		expectActionableError(
			await call(server, 'GET', '/demo/statuspage/api/v2/incidents/unresolved.json', {
				headers: { origin },
			}),
			403,
		);
	}
	const list = await call(server, 'GET', '/api/credentials');
	expect(list.json.map((entry: { name: string }) => entry.name)).not.toContainEqual(
		expect.stringMatching(/^from /),
	);
});

it('answers 404 JSON for unknown API routes and 405 for a wrong method', async () => {
	const unknown = await call(server, 'GET', '/api/nothing');
	expectActionableError(unknown, 404);
	const wrongMethod = await call(server, 'PUT', '/api/credentials');
	expectActionableError(wrongMethod, 405);
	expect(wrongMethod.headers.allow).toContain('GET');
});

it('serves the built client with an index.html fallback for client routes', async () => {
	const root = await call(server, 'GET', '/');
	expect(root.status).toBe(200);
	expect(root.headers['content-type']).toMatch(/^text\/html/);
	expect(root.text).toContain('id="root"');
	const route = await call(server, 'GET', '/some/client/route');
	expect(route.text).toContain('id="root"');
	const asset = await call(server, 'GET', '/assets/index-abc123.js');
	expect(asset.headers['content-type']).toMatch(/javascript/);
	expect(asset.headers['cache-control']).toContain('immutable');
	expectActionableError(await call(server, 'GET', '/assets/missing.js'), 404);
	const traversal = await call(server, 'GET', '/..%2f..%2fetc%2fpasswd');
	expect(traversal.status).toBe(400);
	expect(traversal.text).not.toContain('root:');
});

it('answers 503 telling to build the client when dist is missing', async () => {
	const unbuilt = await startTestServer({ distDir: join(dist, 'does-not-exist') });
	try {
		const answer = await call(unbuilt, 'GET', '/');
		expectActionableError(answer, 503);
		expect(answer.json.hint).toContain('npm run build -w editor-extension');
		// The API works without the client.
		expect((await call(unbuilt, 'GET', '/api/health')).status).toBe(200);
	} finally {
		await unbuilt.close();
	}
});
