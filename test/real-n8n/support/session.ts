// One end-to-end session: real n8n with the packed package installed, an owner and an API key,
// the loopback APIs, and the package's three credentials created through n8n's public API.
// `close()` always stops n8n; a failed session keeps n8n's log and user folder and says where.
import { rmSync } from 'node:fs';

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
	 * @param n8nEnv extra n8n settings (e.g. the expression-engine settings README "Speed" recommends).
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
			ensureN8nInstalled();
			const userFolder = (this.current.userFolder = makeUserFolder());
			this.current.installed = packAndInstall(userFolder);
			const apis = (this.current.apis = await startApis());
			const n8n = (this.current.n8n = await startN8n(userFolder, this.label, this.n8nEnv));
			const api = new N8nClient(n8n.url);
			await api.setUp();
			this.current.credentials = {
				finMessengerApi: await api.createCredential('finMessengerApi', 'Fin Messenger (e2e)', {
					identityVerificationSecret: secrets.identityVerification,
					intercomClientSecret: secrets.intercomClient,
				}),
				finFixedTokenApi: await api.createCredential(
					'finFixedTokenApi',
					'Shopify Admin token (e2e)',
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
					'Utility API token (e2e)',
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

	async close(): Promise<void> {
		const { n8n, apis, userFolder } = this.current;
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
