// The page: header, palette | canvas | side panel, dialogs and messages.
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';

import type { TemplateInfo } from './api/types';
import { Canvas } from './components/canvas/Canvas';
import { Spinner } from './components/common/Spinner';
import { Toasts } from './components/common/Toasts';
import { DeployDialog } from './components/dialogs/DeployDialog';
import { ExportDialog } from './components/dialogs/ExportDialog';
import { ImportDialog } from './components/dialogs/ImportDialog';
import { LogsView, useLogsAddress } from './components/logs/LogsView';
import { PreviewDialog } from './components/dialogs/PreviewDialog';
import { ShortcutsDialog } from './components/dialogs/ShortcutsDialog';
import { Palette } from './components/palette/Palette';
import { SidePanel } from './components/panel/SidePanel';
import { TopBar } from './components/TopBar';
import { WorkflowPanel } from './components/workflow/WorkflowPanel';
import { DemoBanner } from './components/canvas/DemoBanner';
import { demoAddressesIn } from './graph/demo';
import { fingerprint } from './graph/fingerprint';
import { liveBlockers } from './graph/liveGate';
import { validateGraph } from './graph/validation';
import { issuesAsProblems, useN8nChecks } from './state/n8nChecks';
import { graphToWorkflow } from './graph/workflow';
import { CatalogContext } from './state/CatalogContext';
import { demoBase, disableDemo, enableDemo } from './state/demoSetup';
import {
	addNodeOfType,
	currentWorkflow,
	editorStore,
	loadWorkflow,
	openDialog,
	selectedNode,
	setLookup,
	structureOf,
} from './state/editor';
import { runTest } from './state/testRun';
import { useStore } from './state/store';
import { setTestValues, testValuesStore } from './state/testValues';
import { showError } from './state/toasts';
import { useCatalog } from './state/useCatalog';
import { useKeyboard } from './state/useKeyboard';
import { ActionsHome } from './components/home/ActionsHome';
import { emptyDoc } from './graph/workflow';
import {
	actionIdInAddress,
	createAction,
	goHome,
	onTestValuesLoaded,
	openAction,
	setWorkspaceTestValues,
	watchForChanges,
	workspaceStore,
} from './state/workspace';

const TEMPLATE_DEMO_KEY = 'fin-canvas.templatesUseDemo';

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
	// A drag changes only positions, sizes and selection: the editor re-renders (validation, n8n's
	// checks, the side panel) when the graph's structure changes, never on each mouse move (issue 15:
	// 200 nodes). The canvas itself follows every move.
	const structure = useStore(editorStore, (state) => structureOf(state.history.present));
	const run = useStore(editorStore, (state) => state.run);
	const testing = useStore(editorStore, (state) => state.testing);
	const dialog = useStore(editorStore, (state) => state.dialog);
	const paletteRequest = useStore(editorStore, (state) => state.paletteRequest);
	const selectedId = useStore(editorStore, (state) => selectedNode(state)?.id);
	const selected = structure.nodes.find((node) => node.id === selectedId);
	const testValuesError = useStore(testValuesStore, (state) => state.error);
	const testValues = useStore(testValuesStore, (state) => state.values);
	const [templatesUseDemo, setTemplatesUseDemo] = useState(
		() => localStorage.getItem(TEMPLATE_DEMO_KEY) !== 'false',
	);
	const [demoBusy, setDemoBusy] = useState(false);

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
	const passed = useStore(editorStore, (state) => state.passed);
	// Compared only with a test's: with none (a fresh import) a large graph is not hashed at all.
	const print = useMemo(
		() => (run || passed ? fingerprint(workflow) : ''),
		[workflow, run, passed],
	);
	const stale = Boolean(run) && run!.fingerprint !== print;
	// The demo is a test-time override: only a graph that itself holds demo addresses is affected.
	const demoOn = useStore(editorStore, (state) => Boolean(state.demo));
	const demoAddresses = useMemo(() => demoAddressesIn(workflow), [workflow]);
	const earlierTest = useStore(workspaceStore, (state) => state.current?.lastTest);
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
	// Checks lists every reason "Set live" is off (n8n's own issues are already there, on their nodes).
	const checks = useMemo(
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

	const onTest = useCallback(() => void runTest(), []);
	useKeyboard(onTest);

	const switchDemo = useCallback(
		async (on: boolean) => {
			setDemoBusy(true);
			try {
				if (on) await enableDemo(catalog);
				else disableDemo();
			} catch (error) {
				showError(
					error,
					'The demo credential could not be created: check the canvas server terminal, then try again.',
				);
			} finally {
				setDemoBusy(false);
			}
		},
		[catalog],
	);

	const openTemplate = useCallback(
		async (template: TemplateInfo) => {
			loadWorkflow(template.workflow, `Opened “${template.name}”.`);
			if (templatesUseDemo) await switchDemo(true);
		},
		[templatesUseDemo, switchDemo],
	);

	// The workspace (state/workspace.ts): the list of saved actions is home; the open action autosaves.
	const current = useStore(workspaceStore, (state) => state.current);
	const opening = useStore(workspaceStore, (state) => state.opening);
	const [creating, setCreating] = useState(false);
	useEffect(() => watchForChanges(), []);
	useEffect(() => onTestValuesLoaded(setTestValues), []);
	useEffect(() => setWorkspaceTestValues(testValues), [testValues]);
	useEffect(() => {
		// A reload opens the action named in the address again.
		const id = actionIdInAddress();
		if (id)
			openAction(id).catch((error) => {
				showError(error, 'It may have been deleted: pick an action from the list.');
				void goHome();
			});
	}, []);
	const createFrom = useCallback(
		async (template?: TemplateInfo) => {
			setCreating(true);
			try {
				await createAction(template ? template.workflow : graphToWorkflow(emptyDoc()));
				if (template && templatesUseDemo) await switchDemo(true);
			} catch (error) {
				showError(error, 'Check that the canvas server is running, then try again.');
			} finally {
				setCreating(false);
			}
		},
		[templatesUseDemo, switchDemo],
	);

	if (catalog.loading && catalog.nodes.length === 0) {
		return (
			<div className="page-message">
				<Spinner /> Loading the nodes…
			</div>
		);
	}
	if (catalog.error && catalog.nodes.length === 0) {
		return (
			<div className="page-message page-message--error" role="alert" data-testid="load-error">
				<h1>The canvas could not load</h1>
				<p>
					<strong>{catalog.error.message}</strong>
				</p>
				<p>{catalog.error.hint}</p>
				<button className="button button--primary" onClick={catalog.reload}>
					Try again
				</button>
			</div>
		);
	}

	if (!current) {
		return (
			<CatalogContext.Provider value={catalog}>
				{opening ? (
					<div className="page-message" data-testid="opening-action">
						<Spinner /> Opening the action…
					</div>
				) : (
					<ActionsHome
						templates={catalog.templates}
						templatesUseDemo={templatesUseDemo}
						onTemplatesUseDemo={(on) => {
							setTemplatesUseDemo(on);
							localStorage.setItem(TEMPLATE_DEMO_KEY, String(on));
						}}
						onOpen={(id) =>
							void openAction(id).catch((error) =>
								showError(error, 'Reload the list and try again.'),
							)
						}
						onCreate={(template) => void createFrom(template)}
						busy={creating}
					/>
				)}
				<Toasts />
			</CatalogContext.Provider>
		);
	}

	return (
		<CatalogContext.Provider value={catalog}>
			<div className="app">
				<TopBar onTest={onTest} liveBlockers={blockers} />
				<main className="workspace">
					<Palette
						nodes={catalog.nodes}
						templates={catalog.templates}
						useDemo={templatesUseDemo}
						onUseDemo={(on) => {
							setTemplatesUseDemo(on);
							localStorage.setItem(TEMPLATE_DEMO_KEY, String(on));
						}}
						onAdd={(type) => addNodeOfType(type)}
						onOpenTemplate={(template) => void openTemplate(template)}
						focusRequest={paletteRequest}
					/>
					<Canvas
						info={canvasInfo}
						banner={
							demoOn ? (
								<DemoBanner
									demoBase={demoBase()}
									busy={demoBusy}
									onSwitchOff={() => void switchDemo(false)}
								/>
							) : undefined
						}
						emptyHint={
							<div className="empty-hint" data-testid="empty-hint">
								<strong>Build a personalized answer</strong>
								<span>
									Open a template on the left (they work at once against the built-in demo backend),
									or drag “Fin Trigger” here.
								</span>
							</div>
						}
					/>
					{selected && selected.type !== 'sticky' ? (
						<SidePanel key={selected.id} node={selected} run={run?.result} onTest={onTest} />
					) : (
						<WorkflowPanel
							problems={checks}
							run={run}
							stale={stale}
							demoOn={demoOn}
							demoBusy={demoBusy}
							demoBase={demoBase()}
							onDemo={(on) => void switchDemo(on)}
						/>
					)}
				</main>
				<Toasts />
				{dialog === 'import' && (
					<ImportDialog
						onClose={() => openDialog(undefined)}
						onImport={(imported) => {
							openDialog(undefined);
							loadWorkflow(
								imported,
								`Imported “${imported.name ?? 'workflow'}” (${imported.nodes.length} nodes).`,
							);
						}}
					/>
				)}
				{dialog === 'export' && (
					<ExportDialog workflow={currentWorkflow()} onClose={() => openDialog(undefined)} />
				)}
				{dialog === 'deploy' && (
					<DeployDialog
						workflow={currentWorkflow()}
						usesDemo={demoAddresses.length > 0}
						onClose={() => openDialog(undefined)}
					/>
				)}
				{dialog === 'preview' && (
					<PreviewDialog run={run} stale={stale} onClose={() => openDialog(undefined)} />
				)}
				{dialog === 'shortcuts' && <ShortcutsDialog onClose={() => openDialog(undefined)} />}
			</div>
		</CatalogContext.Provider>
	);
}
