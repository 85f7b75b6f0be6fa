// Each hostile suite records its counts here; the summary (printed last by the hostile run) reads them.
// The folder is FIN_HOSTILE_RESULTS_DIR, made by the hostile run's global setup and removed after the
// summary; a suite run without it (e.g. one file under plain jest) records nothing.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostileResults {
	/** The catalogue in real n8n: cases run, answered with another status than expected, executions started by rejected cases. */
	hostile?: { cases: number; wrongStatus: number; executionsFromRejected: number };
	/** Faults (API down, slow, 500, 429, ...): cases run, cases not ending in a named error and a clear answer. */
	faults?: { cases: number; wrong: number };
	/** One instance: signed messages sent, neither answered nor accounted for as an error execution, answered with another customer's data. */
	load?: { sent: number; lost: number; mixed: number };
	/** Queue mode (main + 2 workers): as load, plus token-endpoint calls and what n8n could not recover after a worker was killed. */
	queue?: { sent: number; lost: number; mixed: number; tokenCalls: number; unrecovered: number };
	/** Secret scan over answers, stored executions, logs, exports and errors: places scanned, secrets found. */
	secrets?: { scanned: number; found: number };
	/** The same scan over what the queue-mode suite produced (main's and both workers' logs included). */
	queueSecrets?: { scanned: number; found: number };
}

/** Records one part of the results (merged with what other suites recorded). */
export function recordResult<K extends keyof HostileResults>(
	key: K,
	value: HostileResults[K],
): void {
	const dir = process.env.FIN_HOSTILE_RESULTS_DIR;
	if (!dir) return;
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, `${key}.json`), JSON.stringify(value));
}

/** Everything the suites recorded in this run. */
export function readResults(dir: string): HostileResults {
	const results: Record<string, unknown> = {};
	for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')))
		results[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
	return results as HostileResults;
}
