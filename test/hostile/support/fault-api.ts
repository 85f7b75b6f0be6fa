// Issue 17.2: a loopback API that fails on purpose, chosen by the customer id in the path
// (`/customers/<id>/usage`), so one activated workflow meets every fault. Ids starting with `ok`
// get their own usage data (the tariff names the id); `/oauth/*` are token endpoints gone wrong.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultApi {
	url: string;
	/** Requests per path, as they arrived. */
	hits: string[];
	close(): Promise<void>;
}

/** The usage a good customer gets: only its own id, in the tariff (checked by the tests). */
export const usageOf = (id: string) => ({
	customer_id: id,
	period: { start: '2026-10-01', end: '2026-10-31' },
	usage_kwh: 100,
	tariff: `Tariff ${id}`,
	estimated_bill: { amount: 31.5, currency: 'EUR' },
});

const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
};

export async function startFaultApi(): Promise<FaultApi> {
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const hits: string[] = [];
	const server = createServer((req, res) => {
		req.resume();
		const path = (req.url ?? '/').split('?')[0];
		hits.push(path);
		if (path === '/oauth/garbage') {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<html><body>Login</body></html>');
			return;
		}
		if (path === '/oauth/no-token') return json(res, 200, { token_type: 'Bearer' });
		const id = decodeURIComponent(/^\/customers\/([^/]+)\/usage$/.exec(path)?.[1] ?? '');
		switch (id) {
			case 'fault-500':
				return json(res, 500, { error: 'internal' });
			case 'fault-503':
				return json(res, 503, { error: 'unavailable' });
			case 'fault-429':
				return json(res, 429, { error: 'slow down' }, { 'retry-after': '1' });
			case 'fault-429-long':
				return json(res, 429, { error: 'slow down' }, { 'retry-after': '3600' });
			case 'fault-slow': {
				const timer = setTimeout(() => json(res, 200, usageOf(id)), 6000);
				timers.add(timer);
				return;
			}
			case 'fault-not-json':
				res.writeHead(200, { 'content-type': 'text/html' });
				res.end('<html><body>Maintenance</body></html>');
				return;
			case 'fault-oversized':
				return json(res, 200, { ...usageOf(id), blob: 'x'.repeat(100000) });
			case 'fault-cut': {
				// Promises 5,000 bytes, sends 1,000, then the connection drops.
				res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
				res.write(`{"tariff":"${'y'.repeat(990)}`);
				const timer = setTimeout(() => req.socket.destroy(), 100);
				timers.add(timer);
				return;
			}
			case 'fault-reset':
				req.socket.destroy();
				return;
			default:
				if (id.startsWith('ok')) return json(res, 200, usageOf(id));
				return json(res, 404, { error: 'not_found' });
		}
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		hits,
		close: () =>
			new Promise<void>((done) => {
				for (const timer of timers) clearTimeout(timer);
				for (const socket of sockets) socket.destroy();
				server.close(() => done());
			}),
	};
}

/** A port nothing listens on (taken from the kernel, then released). */
export async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
	const { port } = probe.address() as AddressInfo;
	await new Promise<void>((done) => probe.close(() => done()));
	return port;
}
