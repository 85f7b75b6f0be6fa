// A real HTTP server on 127.0.0.1 (free port) that answers from a script and records every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedResponse {
	status?: number;
	headers?: Record<string, string>;
	/** Objects are sent as JSON; strings and Buffers as they are. */
	body?: unknown;
	/** Milliseconds to wait before answering. */
	delay?: number;
}

export interface ReceivedRequest {
	method: string;
	/** Path and query exactly as they arrived on the wire. */
	rawUrl: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	rawHeaders: string[];
	body: string;
	json?: unknown;
}

/** A fixed answer, a list answered in turn (the last one repeats), or a function of the request. */
export type Script =
	ScriptedResponse | ScriptedResponse[] | ((request: ReceivedRequest) => ScriptedResponse);

export interface LoopbackServer {
	url: string;
	port: number;
	requests: ReceivedRequest[];
	/** Replace the script; routes are matched by `METHOD /path` or `/path`, then `*`. */
	setRoutes(routes: Record<string, Script>): void;
	close(): Promise<void>;
}

function toReceived(req: IncomingMessage, chunks: Buffer[]): ReceivedRequest {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const body = Buffer.concat(chunks).toString('utf8');
	const received: ReceivedRequest = {
		method: req.method ?? 'GET',
		rawUrl: req.url ?? '/',
		path: url.pathname,
		query: url.searchParams,
		headers: req.headers,
		rawHeaders: req.rawHeaders,
		body,
	};
	try {
		received.json = body ? JSON.parse(body) : undefined;
	} catch {
		received.json = undefined;
	}
	return received;
}

/** The script's answer for a request; a list answers in turn, counted per route in `served`. */
function pickAnswer(
	script: Record<string, Script>,
	served: Map<string, number>,
	received: ReceivedRequest,
): ScriptedResponse {
	const key = [`${received.method} ${received.path}`, received.path, '*'].find((k) => k in script);
	if (!key) return { status: 404, body: { error: 'no route' } };
	const entry = script[key];
	if (typeof entry === 'function') return entry(received);
	if (!Array.isArray(entry)) return entry;
	const turn = served.get(key) ?? 0;
	served.set(key, turn + 1);
	return entry[Math.min(turn, entry.length - 1)];
}

function sendAnswer(res: ServerResponse, answer: ScriptedResponse): void {
	if (res.destroyed) return;
	const isRaw = typeof answer.body === 'string' || Buffer.isBuffer(answer.body);
	const payload =
		answer.body === undefined
			? ''
			: isRaw
				? (answer.body as string | Buffer)
				: JSON.stringify(answer.body);
	res.writeHead(answer.status ?? 200, {
		...(isRaw || answer.body === undefined ? {} : { 'content-type': 'application/json' }),
		...answer.headers,
	});
	res.end(payload);
}

export async function startLoopbackServer(
	routes: Record<string, Script> = {},
): Promise<LoopbackServer> {
	let script = routes;
	const served = new Map<string, number>();
	const requests: ReceivedRequest[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const received = toReceived(req, chunks);
			requests.push(received);
			const answer = pickAnswer(script, served, received);
			if (answer.delay) setTimeout(() => sendAnswer(res, answer), answer.delay);
			else sendAnswer(res, answer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		setRoutes(next) {
			script = next;
			served.clear();
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
