// What the editor reads from the stores. A drag changes only positions, sizes and selection: the
// editor re-renders (validation, n8n's checks, the side panel) when the graph's structure changes,
// never on each mouse move (issue 15: 200 nodes). The canvas itself follows every move.
import { editorStore, selectedNode, structureOf } from '../state/editor';
import { useStore } from '../state/store';
import { testValuesStore } from '../state/testValues';
import { workspaceStore } from '../state/workspace';

export type EditorView = ReturnType<typeof useEditorView>;

export function useEditorView() {
	const structure = useStore(editorStore, (state) => structureOf(state.history.present));
	const run = useStore(editorStore, (state) => state.run);
	const testing = useStore(editorStore, (state) => state.testing);
	const dialog = useStore(editorStore, (state) => state.dialog);
	const paletteRequest = useStore(editorStore, (state) => state.paletteRequest);
	const selectedId = useStore(editorStore, (state) => selectedNode(state)?.id);
	const selected = structure.nodes.find((node) => node.id === selectedId);
	const testValuesError = useStore(testValuesStore, (state) => state.error);
	const testValues = useStore(testValuesStore, (state) => state.values);
	const passed = useStore(editorStore, (state) => state.passed);
	// The demo is a test-time override: only a graph that itself holds demo addresses is affected.
	const demoOn = useStore(editorStore, (state) => Boolean(state.demo));
	const earlierTest = useStore(workspaceStore, (state) => state.current?.lastTest);
	return {
		structure,
		run,
		testing,
		dialog,
		paletteRequest,
		selected,
		testValuesError,
		testValues,
		passed,
		demoOn,
		earlierTest,
	};
}
