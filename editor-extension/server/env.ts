// Environment n8n-core needs before it is loaded (same values as test/setup-env.ts): its instance
// settings go to a throw-away folder instead of the user's ~/.n8n, and no task runners or telemetry.
// Under jest the folder is already set inside the run's temp root; otherwise (`npm start`) the server
// makes one and removes it when the process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER) {
	const folder = mkdtempSync(join(tmpdir(), 'fin-actions-canvas-'));
	process.env.N8N_USER_FOLDER = folder;
	process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
}
process.env.N8N_RUNNERS_ENABLED = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
