// Builds the canvas client (client/main.tsx via index.html) into dist/, which the canvas server serves.
// `npx vite` (dev) proxies the API and the demo backend to a server started with `npm start`: open
// the address that server printed once (it sets the session cookie for 127.0.0.1, sent to any port).
import react from '@vitejs/plugin-react';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { defineConfig } from 'vite';

interface Proxy {
	on(
		event: 'proxyReq',
		listener: (request: ClientRequest, incoming: IncomingMessage) => void,
	): void;
}

const server = process.env.CANVAS_SERVER ?? 'http://127.0.0.1:5680';

/**
 * The canvas server accepts only its own page's Origin: a request from this dev page goes on as if
 * from the canvas server's page; any other Origin goes on unchanged (and is refused there).
 */
function proxyTo(target: string) {
	return {
		target,
		configure: (proxy: Proxy) =>
			proxy.on('proxyReq', (request, incoming) => {
				if (incoming.headers.origin === `http://${incoming.headers.host}`)
					request.setHeader('origin', new URL(target).origin);
			}),
	};
}

export default defineConfig({
	root: __dirname,
	plugins: [react()],
	build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
	server: { proxy: { '/api': proxyTo(server), '/demo': proxyTo(server) } },
});
