// One temp root per jest run: everything the tests, the engine, n8n-core and the browser write to a
// temp dir goes under it (TMPDIR points there for the workers), and global-teardown removes it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup(): void {
	const root = mkdtempSync(join(tmpdir(), 'fin-actions-test-'));
	process.env.FIN_ACTIONS_TEST_TMP = root;
	process.env.TMPDIR = root;
}
