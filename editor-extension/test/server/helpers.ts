// Shared by the server tests: a real canvas server on a free loopback port, and small request helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import type { StorePaths } from '../../server/store';

/** A fresh, empty store (data folder and key file) under the run's temp dir; `remove` deletes both. */
export function tempStore(): StorePaths & { root: string; remove(): void } {
	const root = mkdtempSync(join(tmpdir(), 'canvas-store-'));
	return {
		root,
		dataDir: join(root, 'data'),
		keyFile: join(root, 'canvas-key'),
		remove: () => rmSync(root, { recursive: true, force: true }),
	};
}

/** A server on a free port; without `options.store`, on a fresh store removed when it closes. */
export async function startTestServer(
	options: Partial<ServerOptions> = {},
): Promise<RunningServer> {
	if (options.store) return await startServer({ port: 0, ...options });
	const store = tempStore();
	const server = await startServer({ port: 0, ...options, store });
	return {
		...server,
		close: async () => {
			await server.close();
			store.remove();
		},
	};
}

/**
 * A server on a fresh store for each test, restartable on that same store (to see what survives a
 * restart); the server is closed and the store removed after each test. Call at the top of a file.
 */
export function restartableServerOnStore() {
	let store: ReturnType<typeof tempStore> | undefined;
	let server: RunningServer | undefined;
	beforeEach(() => {
		store = tempStore();
	});
	afterEach(async () => {
		await server?.close();
		server = undefined;
		store?.remove();
	});
	return {
		store: () => store as ReturnType<typeof tempStore>,
		restart: async () => {
			await server?.close();
			server = await startTestServer({ store });
			return server;
		},
	};
}

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: any;
}

/** A raw node:http request, so tests control every header and see exactly what the server sent. */
export function call(
	server: RunningServer,
	method: string,
	path: string,
	options: {
		body?: unknown;
		rawBody?: string | Buffer;
		headers?: Record<string, string>;
		/** The session secret sent as X-Canvas-Token: the server's own by default, null for none. */
		token?: string | null;
	} = {},
): Promise<Answer> {
	const token = options.token === undefined ? server.token : options.token;
	const payload =
		options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const headers: Record<string, string> = {
		...(token ? { 'x-canvas-token': token } : {}),
		...(payload !== undefined
			? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
			: {}),
		...options.headers,
	};
	return new Promise((resolve, reject) => {
		const req = httpRequest(`${server.url}${path}`, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
			});
		});
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

/** Every error answer says what went wrong and what to do next. */
export function expectActionableError(answer: Answer, status: number) {
	expect(answer.status).toBe(status);
	expect(answer.headers['content-type']).toMatch(/^application\/json/);
	expect(typeof answer.json.error).toBe('string');
	expect(answer.json.error.length).toBeGreaterThan(5);
	expect(typeof answer.json.hint).toBe('string');
	expect(answer.json.hint.length).toBeGreaterThan(10);
}
