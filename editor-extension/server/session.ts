// The canvas server's session secret. The server holds write-only credentials and runs requests with
// them, and loopback is reachable by every local process (and by pages the browser opens), so each
// start makes a random secret that only the person who ran `npm start` sees: it is printed in the
// URL to open (`/?token=...`, as Jupyter does). The page exchanges it for an HttpOnly SameSite=Strict
// cookie (and the URL loses it); scripts may send it as the X-Canvas-Token header. Every /api route
// refuses a request without it (401).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { HttpError } from './http';

export const TOKEN_HEADER = 'x-canvas-token';

export class Session {
	readonly token: string;
	/** Per port: cookies ignore ports, and two canvas servers may run side by side. */
	readonly cookieName: string;

	constructor(port: number, token = randomBytes(32).toString('hex')) {
		this.token = token;
		this.cookieName = `fin_canvas_${port}`;
	}

	private matches(candidate: string | undefined): boolean {
		if (!candidate) return false;
		const given = Buffer.from(candidate);
		const expected = Buffer.from(this.token);
		return given.length === expected.length && timingSafeEqual(given, expected);
	}

	private fromCookie(req: IncomingMessage): string | undefined {
		for (const part of (req.headers.cookie ?? '').split(';')) {
			const [name, ...value] = part.trim().split('=');
			if (name === this.cookieName) return value.join('=');
		}
		return undefined;
	}

	/** Throws 401 unless the request carries the secret (header or cookie). */
	check(req: IncomingMessage): void {
		const header = req.headers[TOKEN_HEADER];
		if (this.matches(Array.isArray(header) ? header[0] : header)) return;
		if (this.matches(this.fromCookie(req))) return;
		throw new HttpError(
			401,
			'This canvas server needs its session secret',
			'Open the canvas at the full address "npm start" printed (it ends in ?token=...); the secret changes at every start.',
		);
	}

	/**
	 * A page request with `?token=`: a valid one becomes the cookie and the browser is sent to the
	 * same address without it (so it stays out of history and Referer); an invalid one is refused.
	 * Returns true when it answered.
	 */
	exchange(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
		if (!url.searchParams.has('token')) return false;
		if (!this.matches(url.searchParams.get('token') ?? undefined)) {
			throw new HttpError(
				401,
				'The session secret in this address is not the current one',
				'Open the address "npm start" printed last; the secret changes at every start.',
			);
		}
		url.searchParams.delete('token');
		const query = url.searchParams.toString();
		req.resume();
		res.writeHead(303, {
			location: `${url.pathname}${query ? `?${query}` : ''}`,
			'set-cookie': `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`,
			'cache-control': 'no-store',
		});
		res.end();
		return true;
	}
}

/** No other page may frame the canvas (clickjacking of its buttons). */
export function setFrameHeaders(res: ServerResponse): void {
	res.setHeader('content-security-policy', "frame-ancestors 'none'");
	res.setHeader('x-frame-options', 'DENY');
}
