// The page: home (the saved actions), or the editor of one action: header, palette | canvas | side
// panel, dialogs and messages (client/editor/).
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback } from 'react';

import { LogsView, useLogsAddress } from './components/logs/LogsView';
import { EditorLayout } from './editor/EditorLayout';
import { HomeScreen } from './editor/HomeScreen';
import { CatalogError, CatalogLoading } from './editor/PageMessages';
import { useDemoSwitch } from './editor/useDemoSwitch';
import { useEditorChecks } from './editor/useEditorChecks';
import { useEditorView } from './editor/useEditorView';
import { useWorkspace } from './editor/useWorkspace';
import { setLookup } from './state/editor';
import { runTest } from './state/testRun';
import { useCatalog } from './state/useCatalog';
import { useKeyboard } from './state/useKeyboard';

export function App() {
	// A live action's Logs (#/actions/<id>/logs) is a page of its own.
	const logsFor = useLogsAddress();
	if (logsFor) return <LogsView actionId={logsFor} />;
	return (
		<ReactFlowProvider>
			<Editor />
		</ReactFlowProvider>
	);
}

function Editor() {
	const catalog = useCatalog();
	setLookup(catalog.lookup);
	const view = useEditorView();
	const checks = useEditorChecks(view, catalog);
	const onTest = useCallback(() => void runTest(), []);
	useKeyboard(onTest);
	const demo = useDemoSwitch(catalog);
	const workspace = useWorkspace(view.testValues, demo.templatesUseDemo, demo.switchDemo);

	if (catalog.loading && catalog.nodes.length === 0) return <CatalogLoading />;
	if (catalog.error && catalog.nodes.length === 0) return <CatalogError catalog={catalog} />;
	if (!workspace.current) return <HomeScreen catalog={catalog} demo={demo} workspace={workspace} />;
	return <EditorLayout catalog={catalog} view={view} checks={checks} demo={demo} onTest={onTest} />;
}
