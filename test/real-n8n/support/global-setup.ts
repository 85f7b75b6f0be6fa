// One real n8n for all end-to-end files (each used to start its own, about 30 s apiece): n8n
// installed, the package packed (or the run's tarball, FIN_ACTIONS_TARBALL) and installed, the
// owner and an API key set up. Each file attaches with its own APIs and credential names
// (session.ts) and removes its workflows when it ends. The hostile suite keeps its own n8n.
import { N8nClient } from '../../../real-n8n/n8n-api';
import { packAndInstall } from '../../../real-n8n/package';
import { ensureN8nInstalled, makeUserFolder, startN8n } from '../../../real-n8n/runtime';
import { SHARED_N8N_ENV, type SharedN8n } from './shared-n8n';

export default async function globalSetup(): Promise<void> {
	ensureN8nInstalled();
	const userFolder = makeUserFolder();
	const installed = packAndInstall(userFolder);
	// scripts/e2e-run-n8n.sh stops it if this (jest's main) process goes away without the teardown.
	const n8n = await startN8n(userFolder, 'e2e');
	(globalThis as { __finE2eN8n?: unknown }).__finE2eN8n = n8n;
	const api = new N8nClient(n8n.url);
	try {
		await api.setUp();
	} catch (error) {
		await n8n.stop();
		process.stderr.write(`\n[e2e] n8n's log is ${n8n.logPath}, its user folder ${userFolder}\n`);
		throw error;
	}
	const shared: SharedN8n = {
		url: n8n.url,
		port: n8n.port,
		apiKey: api.apiKey,
		login: api.editorLogin,
		logPath: n8n.logPath,
		userFolder,
		installed,
	};
	process.env[SHARED_N8N_ENV] = JSON.stringify(shared);
}
