// The n8n API keys "Set live" used, kept by the canvas server so that it can read a live action's runs
// back from n8n (Logs, run-log.ts). One per n8n address, in `<data folder>/n8n-keys.json`, encrypted
// like the credentials (store.ts: AES-256-GCM under the key file kept outside the data folder) and
// bound to the address, so a box copied onto another address does not decrypt. A key is used only
// for requests to its own n8n and never sent to the browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { HttpError } from './http';
import { CredentialFile, writeAtomic, type EncryptedBox, type StorePaths } from './store';

const boxId = (baseUrl: string) => `n8n-api-key:${baseUrl}`;

export class N8nApiKeys {
	readonly file: string;
	private readonly crypto: CredentialFile;

	constructor(private readonly paths: StorePaths) {
		this.file = join(paths.dataDir, 'n8n-keys.json');
		this.crypto = new CredentialFile(paths);
	}

	/** Keeps the key for this n8n (a normalized base URL, deploy.ts normalizeBaseUrl). */
	save(baseUrl: string, apiKey: string) {
		const keys = this.read();
		keys[baseUrl] = this.crypto.seal(boxId(baseUrl), { apiKey });
		writeAtomic(this.file, JSON.stringify({ version: 1, keys }, null, '\t'));
	}

	/** The key kept for this n8n, or undefined when none is. */
	get(baseUrl: string): string | undefined {
		const box = this.read()[baseUrl];
		if (!box) return undefined;
		try {
			const { apiKey } = this.crypto.unseal(boxId(baseUrl), box);
			return typeof apiKey === 'string' ? apiKey : undefined;
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			throw new HttpError(
				503,
				`The n8n API key for ${baseUrl} in ${this.file} cannot be decrypted with the key in ${this.paths.keyFile}`,
				'Publish the action again with an API key ("Set live"), which replaces the kept one.',
			);
		}
	}

	private read(): Record<string, EncryptedBox> {
		let text: string;
		try {
			text = readFileSync(this.file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
			throw error;
		}
		try {
			const parsed = JSON.parse(text) as { keys?: Record<string, EncryptedBox> };
			return parsed.keys && typeof parsed.keys === 'object' ? parsed.keys : {};
		} catch {
			throw new HttpError(
				503,
				`${this.file} is not valid JSON`,
				'Delete it and publish the action again with an API key ("Set live").',
			);
		}
	}
}
