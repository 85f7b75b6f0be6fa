// What the editor derives from the graph: its workflow, the canvas's and n8n's problems, the
// fingerprint a test is compared with, and every reason "Set live" is off.
import { useMemo } from 'react';

import { demoAddressesIn } from '../graph/demo';
import { fingerprint } from '../graph/fingerprint';
import { liveBlockers } from '../graph/liveGate';
import { validateGraph } from '../graph/validation';
import { graphToWorkflow } from '../graph/workflow';
import { issuesAsProblems, useN8nChecks } from '../state/n8nChecks';
import type { Catalog } from '../state/useCatalog';
import type { EditorView } from './useEditorView';

export type EditorChecks = ReturnType<typeof useEditorChecks>;

export function useEditorChecks(view: EditorView, catalog: Catalog) {
	const { structure, run, testing, passed, earlierTest, testValuesError } = view;
	// Positions in it may be those of before a drag: what is exported or deployed is read afresh.
	const workflow = useMemo(() => graphToWorkflow(structure), [structure]);
	const n8nIssues = useN8nChecks(workflow);
	const problems = useMemo(
		() => [...validateGraph(structure, catalog.lookup), ...issuesAsProblems(structure, n8nIssues)],
		[structure, catalog.lookup, n8nIssues],
	);
	const problemKey = problems
		.filter((problem) => problem.level === 'error')
		.flatMap((problem) => problem.nodeIds)
		.join('\n');
	// Keyed by content: the same problem nodes keep one Set, which every canvas node reads.
	const problemIds = useMemo(() => new Set(problemKey.split('\n').filter(Boolean)), [problemKey]);
	// One object while nothing in it changes: every node on the canvas reads it.
	const canvasInfo = useMemo(
		() => ({ lookup: catalog.lookup, run: run?.result, testing, problemIds }),
		[catalog.lookup, run, testing, problemIds],
	);
	// Compared only with a test's: with none (a fresh import) a large graph is not hashed at all.
	const print = useMemo(
		() => (run || passed ? fingerprint(workflow) : ''),
		[workflow, run, passed],
	);
	const stale = Boolean(run) && run!.fingerprint !== print;
	const demoAddresses = useMemo(() => demoAddressesIn(workflow), [workflow]);
	const blockers = useMemo(
		() =>
			liveBlockers({
				workflow,
				fingerprint: print,
				passed,
				answer: run && run.fingerprint === passed ? run.result.answer : undefined,
				demoAddresses,
				testedOnDemo: Boolean(run && run.fingerprint === passed && run.demo),
				earlierTest: Boolean(earlierTest),
				n8nIssues: n8nIssues.map((issue) => `“${issue.node}”: ${issue.message}`),
				testValuesError,
			}),
		[workflow, print, passed, run, demoAddresses, n8nIssues, earlierTest, testValuesError],
	);
	const checks = useSetLiveChecks(problems, blockers);
	return { canvasInfo, stale, demoAddresses, blockers, checks };
}

/** Checks lists every reason "Set live" is off (n8n's own issues are already there, on their nodes). */
function useSetLiveChecks(problems: ReturnType<typeof validateGraph>, blockers: string[]) {
	return useMemo(
		() => [
			...problems,
			...blockers
				.filter((reason) => !reason.startsWith('n8n would refuse it'))
				.map((reason) => ({
					level: 'warning' as const,
					message: `Set live: ${reason}`,
					nodeIds: [],
				})),
		],
		[problems, blockers],
	);
}
