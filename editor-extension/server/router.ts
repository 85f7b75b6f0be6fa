// A tiny router: `METHOD /path/:param` patterns matched in order. Enough for a dozen routes,
// and it tells a wrong method (405) from an unknown path (404).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
	req: IncomingMessage;
	res: ServerResponse;
	params: Record<string, string>;
	url: URL;
}

export type Handler = (context: RouteContext) => Promise<void> | void;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

export type Match =
	{ handler: Handler; params: Record<string, string> } | { allowed: string[] } | undefined;

export class Router {
	private readonly routes: Route[] = [];

	add(method: string, path: string, handler: Handler): this {
		const keys: string[] = [];
		const source = path
			.split('/')
			.map((segment) => {
				if (segment.startsWith(':')) {
					keys.push(segment.slice(1));
					return '([^/]+)';
				}
				return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			})
			.join('/');
		this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
		return this;
	}

	/** The handler for method and path; `{ allowed }` when only the method is wrong; undefined when nothing matches. */
	match(method: string, pathname: string): Match {
		const allowed: string[] = [];
		for (const route of this.routes) {
			const found = route.pattern.exec(pathname);
			if (!found) continue;
			// HEAD is answered by GET handlers (node:http drops the body for HEAD).
			if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
				const params: Record<string, string> = {};
				route.keys.forEach((key, index) => {
					params[key] = safeDecode(found[index + 1]);
				});
				return { handler: route.handler, params };
			}
			allowed.push(route.method);
		}
		return allowed.length ? { allowed } : undefined;
	}
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
