// One end-to-end session: real n8n with the packed package installed, an owner and an API key,
// the loopback APIs, and the package's three credentials created through n8n's public API.
// Under jest.e2e.config.js the files share one n8n (global-setup.ts): a session attaches to it,
// names its credentials after its label, and on close removes its workflows. Otherwise (the hostile
// suite, or n8n settings of its own) it starts its own n8n, which `close()` always stops.
// A failed session keeps n8n's log and user folder and says where.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startApis, secrets, type Apis } from '../../../real-n8n/apis';
import { N8nClient } from '../../../real-n8n/n8n-api';
import { packAndInstall, type InstalledPackage } from '../../../real-n8n/package';
import {
	ensureN8nInstalled,
	makeUserFolder,
	removeUserFolder,
	startN8n,
	type N8nInstance,
} from '../../../real-n8n/runtime';
import { FAILED_MARK, sharedN8n, type SharedN8n } from './shared-n8n';

export type CredentialRef = { id: string; name: string };

export interface Session {
	n8n: N8nInstance;
	api: N8nClient;
	apis: Apis;
	installed: InstalledPackage;
	/** By credential type: finMessengerApi, finFixedTokenApi, finDynamicTokenApi. */
	credentials: Record<string, CredentialRef>;
}

/** The first run installs n8n (about 3 to 8 minutes); later runs take about 30 s. */
export const SESSION_TIMEOUT = 30 * 60 * 1000;

export class E2eSession {
	/**
	 * @param label names n8n's log file, e.g. `templates`.
	 * @param n8nEnv extra n8n settings (e.g. the expression-engine settings docs/speed.md recommends).
	 */
	constructor(
		private readonly label: string,
		private readonly n8nEnv: Record<string, string> = {},
	) {}

	private current: Partial<Session> & { userFolder?: string } = {};
	private failed = false;
	/** Logs of n8n processes this session stopped by restarting (removed on close like the last one). */
	private earlierLogs: string[] = [];

	/** Every log file n8n wrote in this session, the current one last. */
	get logPaths(): string[] {
		return [...this.earlierLogs, ...(this.current.n8n ? [this.current.n8n.logPath] : [])];
	}

	/** Stops n8n and starts it again on the same port and user folder (same URLs, API key, workflows). */
	async restartN8n(): Promise<void> {
		if (this.shared)
			throw new Error('restartN8n needs an n8n of its own: give the E2eSession its n8n settings');
		const { n8n } = this.value;
		await n8n.stop();
		this.earlierLogs.push(n8n.logPath);
		this.current.n8n = await startN8n(this.current.userFolder as string, this.label, this.n8nEnv, {
			port: n8n.port,
		});
	}

	get value(): Session {
		if (!this.current.api)
			throw new Error('The end-to-end session did not start (see the first error of this file)');
		return this.current as Session;
	}

	/** Runs `fn`; on failure, appends where n8n's log is to the error (and remembers the failure). */
	async guard<T>(fn: () => Promise<T>): Promise<T> {
		try {
			return await fn();
		} catch (error) {
			this.failed = true;
			const where = this.current.n8n
				? `\n\nn8n log: ${this.current.n8n.logPath}\n${this.current.n8n.logTail(15)}`
				: '';
			if (error instanceof Error) {
				error.message += where;
				throw error;
			}
			throw new Error(`${String(error)}${where}`);
		}
	}

	/** `test()` whose failures name n8n's log. */
	step = (name: string, fn: () => Promise<void>, timeout?: number) =>
		test(name, () => this.guard(fn), timeout);

	open(): Promise<void> {
		return this.guard(async () => {
			const apis = (this.current.apis = await startApis());
			const api = this.shared ? await this.attach(this.shared) : await this.startOwnN8n();
			const label = this.shared ? `e2e ${this.label}` : 'e2e';
			this.current.credentials = {
				finMessengerApi: await api.createCredential('finMessengerApi', `Fin Messenger (${label})`, {
					identityVerificationSecret: secrets.identityVerification,
					intercomClientSecret: secrets.intercomClient,
				}),
				finFixedTokenApi: await api.createCredential(
					'finFixedTokenApi',
					`Shopify Admin token (${label})`,
					{
						token: secrets.shopifyToken,
						placement: 'header',
						headerName: 'X-Shopify-Access-Token',
						prefix: '',
						allowedDomain: '127.0.0.1',
					},
				),
				// Only what differs from the credential's defaults (POST, form body, client credentials, /access_token).
				finDynamicTokenApi: await api.createCredential(
					'finDynamicTokenApi',
					`Utility API token (${label})`,
					{
						tokenUrl: `${apis.utility.url}/oauth/token`,
						clientId: secrets.utilityClientId,
						clientSecret: secrets.utilityClientSecret,
						scope: 'usage:read',
						placement: 'bearer',
						allowedDomain: '127.0.0.1',
					},
				),
			};
			this.current.api = api;
		});
	}

	/** This file's n8n is the run's shared one (not when it needs n8n settings of its own). */
	private get shared(): SharedN8n | undefined {
		return Object.keys(this.n8nEnv).length === 0 ? sharedN8n() : undefined;
	}

	private async startOwnN8n(): Promise<N8nClient> {
		ensureN8nInstalled();
		const userFolder = (this.current.userFolder = makeUserFolder());
		this.current.installed = packAndInstall(userFolder);
		const n8n = (this.current.n8n = await startN8n(userFolder, this.label, this.n8nEnv));
		const api = new N8nClient(n8n.url);
		await api.setUp();
		return api;
	}

	private async attach(shared: SharedN8n): Promise<N8nClient> {
		this.current.userFolder = shared.userFolder;
		this.current.installed = shared.installed;
		const logTail = (lines = 60) => {
			try {
				return readFileSync(shared.logPath, 'utf8').split('\n').slice(-lines).join('\n');
			} catch {
				return '';
			}
		};
		const notOurs = async () => {
			throw new Error('The shared n8n of the e2e suite is stopped by its global teardown');
		};
		this.current.n8n = {
			url: shared.url,
			port: shared.port,
			userFolder: shared.userFolder,
			logPath: shared.logPath,
			logTail,
			stop: async () => undefined,
			kill: notOurs,
		};
		return N8nClient.attach(shared.url, shared.apiKey, shared.login);
	}

	async close(): Promise<void> {
		const { n8n, apis, userFolder, api } = this.current;
		if (this.shared) {
			try {
				// The next file must find none of this file's webhooks, workflows or executions (after a
				// failure too: n8n's log is kept, and the next file's results stay its own).
				if (api) await this.guard(() => api.removeAllWorkflows());
			} finally {
				await apis?.close();
				if (this.failed) writeFileSync(join(this.shared.userFolder, FAILED_MARK), this.label);
			}
			return;
		}
		await n8n?.stop();
		await apis?.close();
		if (this.failed) {
			if (n8n) process.stderr.write(`\n[e2e] something failed: n8n's log is ${n8n.logPath}\n`);
			if (userFolder)
				process.stderr.write(
					`[e2e] n8n's user folder (database, installed package) is kept in ${userFolder}\n`,
				);
		} else {
			if (userFolder) removeUserFolder(userFolder);
			for (const log of this.logPaths) rmSync(log, { force: true });
		}
	}
}
