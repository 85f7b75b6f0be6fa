// How Fin Trigger refuses a request: a status, a stable code and a fixed message. Messages are
// written here, never built from the request, so nothing the caller sent is echoed back.

export interface Rejection {
	status: 400 | 401 | 403 | 413 | 415 | 500;
	code: string;
	message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export function refuse<T>(status: Rejection['status'], code: string, message: string): Outcome<T> {
	return { ok: false, rejection: { status, code, message } };
}

export function accept<T>(value: T): Outcome<T> {
	return { ok: true, value };
}

/** The part of node's http.ServerResponse used here; n8n's express response extends it. */
export interface PlainResponse {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/** Writes a JSON answer with the plain http API, which n8n's express response also offers. */
export function sendJson(response: PlainResponse, status: number, body: object): void {
	response.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
	});
	response.end(JSON.stringify(body));
}

export function sendRejection(response: PlainResponse, rejection: Rejection): void {
	sendJson(response, rejection.status, {
		error: { code: rejection.code, message: rejection.message },
	});
}
