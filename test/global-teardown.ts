// Removes the run's temp root made by global-setup (n8n folders, logs, browser profiles, stand-ins).
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
	const root = process.env.FIN_ACTIONS_TEST_TMP;
	if (root) rmSync(root, { recursive: true, force: true });
}
