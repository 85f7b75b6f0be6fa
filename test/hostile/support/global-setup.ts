// The hostile run's setup: the run's temp root (as for the unit tests, removed at the end) and the
// folder where each suite records its counts for the summary (results.ts).
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

import rootSetup from '../../global-setup';

export default function globalSetup(): void {
	rootSetup();
	// Set here, in jest's main process, so every test file (in any worker) records into it.
	process.env.FIN_HOSTILE_RESULTS_DIR = mkdtempSync(
		join(process.env.FIN_ACTIONS_TEST_TMP as string, 'hostile-results-'),
	);
	// CI replays the same fuzz cases every time; FUZZ_SEED=<n> still chooses another run.
	if (process.env.CI && !process.env.FUZZ_SEED) process.env.FUZZ_SEED = String(FUZZ_SEED_IN_CI);
}

/** The seed fuzz.hostile.ts uses under CI (any fixed number; changing it changes the cases). */
export const FUZZ_SEED_IN_CI = 1717;
