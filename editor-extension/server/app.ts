// The canvas server: one node:http server on the loopback interface that serves the built client,
// the JSON API (/api/...) and the demo backend (/demo/...). It holds write-only credentials and
// runs workflows, so it refuses to listen anywhere but loopback and refuses other web sites.
import './env';

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { addApiRoutes } from './api';
import { addDemoRoutes } from './demo';
import { HttpError, sendError } from './http';
import { CLIENT_DIST_DIR } from './paths';
import { Router } from './router';
import { Session, setFrameHeaders } from './session';
import { serveStatic } from './static';
import { defaultStorePaths, type StorePaths } from './store';

export interface ServerOptions {
	/** 0 picks a free port. */
	port: number;
	/** Loopback only: 127.0.0.1 (default), localhost or ::1. */
	host?: string;
	/** The built client; default editor-extension/dist. */
	distDir?: string;
	/** The local store (store.ts); default CANVAS_DATA_DIR / CANVAS_KEY_FILE or `<repo>/.canvas-data` and `<repo>/.canvas-key`. */
	store?: Partial<StorePaths>;
}

export interface RunningServer {
	/** The server's base address (API calls also need `token`). */
	url: string;
	/** The address to open: `url` with the session secret (`/?token=...`). */
	openUrl: string;
	port: number;
	/** This start's session secret (session.ts). */
	token: string;
	/** The cookie the page keeps the secret in. */
	cookieName: string;
	close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const host = options.host ?? '127.0.0.1';
	if (!LOOPBACK.has(host)) {
		throw new Error(
			`Refusing to listen on ${host}: the canvas server has no login, so it binds to loopback (127.0.0.1) only`,
		);
	}
	const distDir = options.distDir ?? CLIENT_DIST_DIR;
	const router = new Router();
	addApiRoutes(router, { ...defaultStorePaths(), ...options.store });
	addDemoRoutes(router);

	// Set once the port is known (the cookie is named after it); no request is handled before.
	const state: { session?: Session; origins?: Set<string> } = {};
	const server = createServer((req, res) => {
		handle(req, res, router, distDir, state.session!, state.origins!).catch((error: unknown) => {
			// An unread body must not be taken for the next request on a kept-alive connection.
			if (!req.readableEnded) req.resume();
			fail(res, error);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, host === '[::1]' ? '::1' : host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const { port } = address;
	state.origins = originsOf(address);
	const session = (state.session = new Session(port));
	const urlHost = host === '::1' || host === '[::1]' ? '[::1]' : host;
	const url = `http://${urlHost}:${port}`;
	return {
		url,
		openUrl: `${url}/?token=${session.token}`,
		port,
		token: session.token,
		cookieName: session.cookieName,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}

/**
 * Only its own page may call it: the Host must be a loopback name (defeats DNS rebinding) and a
 * browser's Origin, whenever one is sent (reads too), must be this server's own: http, its port, as
 * 127.0.0.1 (or [::1]) or localhost. Another local port is another program (a dev server, a tool's
 * web UI) and is refused like any other web site.
 */
function checkCaller(req: IncomingMessage, ownOrigins: Set<string>) {
	const hostname = (req.headers.host ?? '').replace(/:\d+$/, '');
	if (!LOOPBACK.has(hostname)) {
		throw new HttpError(
			403,
			`Requests for host "${req.headers.host ?? ''}" are refused`,
			'Open the canvas at the address the server printed, e.g. http://127.0.0.1:5680.',
		);
	}
	const origin = req.headers.origin;
	if (origin !== undefined && !ownOrigins.has(origin.toLowerCase())) {
		throw new HttpError(
			403,
			`Requests from ${origin} are refused`,
			`Use the canvas page served by this server (${[...ownOrigins][0]}); other web sites and other local ports may not call it.`,
		);
	}
}

/** The origins of this server's own page: its port under its bound loopback address and "localhost". */
function originsOf(address: AddressInfo): Set<string> {
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	return new Set([`http://${host}:${address.port}`, `http://localhost:${address.port}`]);
}

async function handle(
	req: IncomingMessage,
	res: ServerResponse,
	router: Router,
	distDir: string,
	session: Session,
	ownOrigins: Set<string>,
) {
	setFrameHeaders(res);
	checkCaller(req, ownOrigins);
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const method = req.method ?? 'GET';
	const isApiPath = url.pathname === '/api' || url.pathname.startsWith('/api/');
	// Before routing: an unauthenticated caller learns nothing, not even which routes exist.
	if (isApiPath) session.check(req);
	else if (session.exchange(req, res, url)) return;
	const match = router.match(method, url.pathname);
	if (match && 'handler' in match) {
		await match.handler({ req, res, params: match.params, url });
		return;
	}
	const isApi =
		url.pathname === '/api' ||
		url.pathname.startsWith('/api/') ||
		url.pathname === '/demo' ||
		url.pathname.startsWith('/demo/');
	if (match && 'allowed' in match) {
		req.resume();
		throw new HttpError(
			405,
			`${method} is not supported for ${url.pathname}`,
			`Use ${match.allowed.join(' or ')}.`,
			{ allow: match.allowed.join(', ') },
		);
	}
	if (isApi) {
		req.resume();
		throw new HttpError(
			404,
			`No such endpoint: ${method} ${url.pathname}`,
			url.pathname.startsWith('/demo')
				? 'Demo endpoints: GET /demo/customers/:userId/usage, /demo/shopify/admin/api/:version/orders.json?email=..., /demo/statuspage/api/v2/incidents/unresolved.json.'
				: 'Check the path; the API is described in editor-extension/server/api.ts.',
		);
	}
	req.resume();
	serveStatic(req, res, url.pathname, distDir);
}

function fail(res: ServerResponse, error: unknown) {
	if (res.headersSent) {
		// Too late for a JSON error (e.g. a file stream broke): end the connection so the client notices.
		res.destroy();
		return;
	}
	if (error instanceof HttpError) {
		const allow = typeof error.extra.allow === 'string' ? { allow: error.extra.allow } : undefined;
		// 413 answers are sent before the upload ends: close the connection rather than keep reading.
		sendError(res, error, { ...allow, ...(error.status === 413 ? { connection: 'close' } : {}) });
		return;
	}
	// Only the message goes to the terminal: request bodies (credentials, API keys) are never logged.
	console.error(`Canvas server error: ${(error as Error)?.message ?? String(error)}`);
	sendError(
		res,
		new HttpError(
			500,
			`Internal error: ${(error as Error)?.message ?? String(error)}`,
			'This is a bug in the canvas server; the terminal running it shows the message. Reload and try again.',
		),
	);
}
