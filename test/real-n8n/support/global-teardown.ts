// Stops the shared n8n; keeps its user folder and log when a file failed (and says where).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { removeUserFolder, type N8nInstance } from '../../../real-n8n/runtime';
import { FAILED_MARK } from './shared-n8n';

export default async function globalTeardown(): Promise<void> {
	const n8n = (globalThis as { __finE2eN8n?: N8nInstance }).__finE2eN8n;
	if (!n8n) return;
	await n8n.stop();
	if (existsSync(join(n8n.userFolder, FAILED_MARK))) {
		process.stderr.write(
			`\n[e2e] something failed: n8n's log is ${n8n.logPath}\n` +
				`[e2e] n8n's user folder (database, installed package) is kept in ${n8n.userFolder}\n`,
		);
	} else {
		removeUserFolder(n8n.userFolder);
		rmSync(n8n.logPath, { force: true });
	}
}
