// Runs after jest's own report: prints the one summary line last, fails the run when a count that
// must be zero is not (even if every test passed), then removes the results with the temp root.
import { existsSync } from 'node:fs';

import rootTeardown from '../../global-teardown';
import { readResults } from './results';
import { summaryLine, summaryProblems } from './summary';

export default function globalTeardown(): void {
	const dir = process.env.FIN_HOSTILE_RESULTS_DIR;
	const results = dir && existsSync(dir) ? readResults(dir) : {};
	const problems = summaryProblems(results);
	// jest writes its report to stderr: the same stream keeps this line after it.
	process.stderr.write(`${summaryLine(results)}\n`);
	// jest-cli leaves process.exitCode alone when the tests passed (it sets it only on failure).
	if (problems.length > 0) process.exitCode = 1;
	rootTeardown(); // the results folder is inside the temp root
}
