// The canvas server beside an e2e session's n8n, and headless Chromium when a test drives the page:
// started after the session opens, stopped before it closes, its store folder removed.
import { startServer, type RunningServer } from '../../../editor-extension/server/app';
import {
	ensureClientBuilt,
	launchBrowser,
	type Browser,
} from '../../../editor-extension/test/browser/browser';
import { tempStore } from '../../../editor-extension/test/server/helpers';
import { http } from '../../../real-n8n/n8n-api';

export class E2eCanvas {
	/** The server's store folders (a test may read what the canvas kept). */
	readonly store = tempStore();
	private running?: RunningServer;
	private chromium?: Browser;

	/** The canvas server on a free port; with `browser`, the client built and Chromium launched. */
	async start(options: { browser?: boolean } = {}): Promise<void> {
		this.running = await startServer({ port: 0, store: this.store });
		if (options.browser) {
			ensureClientBuilt();
			this.chromium = await launchBrowser();
		}
	}

	async stop(): Promise<void> {
		await this.chromium?.close();
		await this.running?.close();
		this.store.remove();
	}

	get server(): RunningServer {
		if (!this.running) throw new Error('The canvas server is not started (E2eCanvas.start).');
		return this.running;
	}

	get browser(): Browser {
		if (!this.chromium)
			throw new Error('Chromium is not launched (E2eCanvas.start({ browser: true })).');
		return this.chromium;
	}

	get url(): string {
		return this.server.url;
	}

	/** One call to the canvas server's API with its token; a body goes as JSON. */
	call(method: string, path: string, body?: unknown) {
		return http(`${this.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'x-canvas-token': this.server.token },
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
	}
}
