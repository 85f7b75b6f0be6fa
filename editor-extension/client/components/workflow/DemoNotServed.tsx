// With the demo backend on, the API Actions it cannot point at the demo (their address is not a
// template's): their tests call that address. Said where the switch and the banner are, since the
// switch alone would look as if it applied to every action.
import { useMemo } from 'react';

import { editorStore } from '../../state/editor';
import { demoMisses } from '../../state/demoSetup';
import { useStore } from '../../state/store';

export function useDemoMisses() {
	const graph = useStore(editorStore, (state) => (state.demo ? state.history.present : undefined));
	return useMemo(() => (graph ? demoMisses(graph) : []), [graph]);
}

export function DemoNotServed({ testId, short }: { testId: string; short?: boolean }) {
	const misses = useDemoMisses();
	if (!misses.length) return null;
	const list = misses.map((miss) => `${miss.name} (${miss.host})`).join(', ');
	if (short) return <span data-testid={testId}> Not for {list}: the demo has no API like it.</span>;
	return (
		<p className="field__hint field__hint--warning" role="status" data-testid={testId}>
			The demo does not imitate the API of {list}: tests of {misses.length === 1 ? 'it' : 'them'}{' '}
			call that address. The demo answers only the templates’ APIs; put back the template’s address
			to use it, or switch the demo off.
		</p>
	);
}
