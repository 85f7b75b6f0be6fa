// What canvas nodes and edges need besides their own data: node descriptions and the last run.
import { createContext } from 'react';

import type { TestResult } from '../../api/types';
import type { TypeLookup } from '../../graph/nodeTypes';

export interface CanvasInfo {
	lookup: TypeLookup;
	run?: TestResult;
	/** True while a test runs: nodes show a spinner. */
	testing: boolean;
	/** Node ids named by an error of the graph's validation. */
	problemIds: Set<string>;
	/** False at a zoom where nodes are drawn as boxes only (nodeDetail.ts); set by the canvas. */
	detailed?: boolean;
}

export const CanvasContext = createContext<CanvasInfo>({
	lookup: () => undefined,
	testing: false,
	problemIds: new Set(),
});

/** Items per output of a node in the last run. */
export function outputCounts(run: TestResult | undefined, name: string): number[] {
	return (run?.nodes[name]?.output ?? []).map((items) => items?.length ?? 0);
}
