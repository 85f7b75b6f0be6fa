// The hostile run's last line and verdict come only from what the suites recorded.
import { summaryLine, summaryProblems } from './summary';

describe('hostile summary line', () => {
	it('prints the issue format from recorded counts', () => {
		const results = {
			hostile: { cases: 120, wrongStatus: 0, executionsFromRejected: 0 },
			load: { sent: 5000, lost: 0, mixed: 0 },
			queue: { sent: 5000, lost: 0, mixed: 0, tokenCalls: 1, unrecovered: 0 },
			secrets: { scanned: 300, found: 0 },
		};
		expect(summaryLine(results)).toBe(
			'hostile: 120 cases, 0 wrong status, 0 executions from rejected; load: 5000 sent, 0 lost, 0 mixed; queue: 5000 sent, 0 lost, token calls 1; secrets: 0 found',
		);
		expect(summaryProblems(results)).toEqual([]);
	});

	it('counts the secrets both scans found, single instance and queue mode', () => {
		expect(
			summaryLine({
				secrets: { scanned: 10, found: 1 },
				queueSecrets: { scanned: 10, found: 2 },
			}),
		).toContain('secrets: 3 found');
		expect(summaryLine({ queueSecrets: { scanned: 10, found: 0 } })).toContain('secrets: 0 found');
	});

	it('says which parts did not run instead of inventing numbers', () => {
		expect(summaryLine({})).toBe(
			'hostile: not run; load: not run; queue: not run; secrets: not run',
		);
		expect(summaryProblems({})).toEqual([]);
	});

	it('fails on any count that must be zero', () => {
		expect(
			summaryProblems({
				hostile: { cases: 3, wrongStatus: 1, executionsFromRejected: 2 },
				faults: { cases: 2, wrong: 1 },
				load: { sent: 10, lost: 1, mixed: 1 },
				queue: { sent: 10, lost: 1, mixed: 1, tokenCalls: 1, unrecovered: 0 },
				secrets: { scanned: 1, found: 1 },
				queueSecrets: { scanned: 1, found: 1 },
			}),
		).toHaveLength(9);
	});
});
