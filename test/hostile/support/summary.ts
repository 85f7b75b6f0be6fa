// The one line `npm run test:hostile` ends with (issue 17), built only from what the suites recorded
// (results.ts): a part whose suite did not run says so instead of showing numbers nobody measured.
import type { HostileResults } from './results';

export function summaryLine(results: HostileResults): string {
	const { hostile, load, queue } = results;
	// One count over both scans: the single instance's and queue mode's.
	const scans = [results.secrets, results.queueSecrets].filter(Boolean);
	const secrets = scans.length
		? { found: scans.reduce((sum, scan) => sum + scan!.found, 0) }
		: undefined;
	return [
		hostile
			? `hostile: ${hostile.cases} cases, ${hostile.wrongStatus} wrong status, ${hostile.executionsFromRejected} executions from rejected`
			: 'hostile: not run',
		load ? `load: ${load.sent} sent, ${load.lost} lost, ${load.mixed} mixed` : 'load: not run',
		queue
			? `queue: ${queue.sent} sent, ${queue.lost} lost, token calls ${queue.tokenCalls}`
			: 'queue: not run',
		secrets ? `secrets: ${secrets.found} found` : 'secrets: not run',
	].join('; ');
}

/** Every count that must be zero and is not (the run then fails, whatever jest said). */
export function summaryProblems(results: HostileResults): string[] {
	const problems: string[] = [];
	const nonZero = (what: string, count: number | undefined) => {
		if (count) problems.push(`${what}: ${count}`);
	};
	nonZero('hostile wrong status', results.hostile?.wrongStatus);
	nonZero('hostile executions from rejected', results.hostile?.executionsFromRejected);
	nonZero('faults not ending in a named error and a clear answer', results.faults?.wrong);
	nonZero('load lost', results.load?.lost);
	nonZero('load mixed', results.load?.mixed);
	nonZero('queue lost', results.queue?.lost);
	nonZero('queue mixed', results.queue?.mixed);
	nonZero('secrets found', results.secrets?.found);
	nonZero('secrets found in queue mode', results.queueSecrets?.found);
	return problems;
}
