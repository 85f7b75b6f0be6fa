// The open action: header, palette | canvas | side panel (or the workflow panel), messages and dialogs.
import { useState } from 'react';

import { PreviewChat } from '../components/agent/PreviewChat';
import { Canvas } from '../components/canvas/Canvas';
import { DemoBanner } from '../components/canvas/DemoBanner';
import { Toasts } from '../components/common/Toasts';
import { DeployDialog } from '../components/dialogs/DeployDialog';
import { ExportDialog } from '../components/dialogs/ExportDialog';
import { ImportDialog } from '../components/dialogs/ImportDialog';
import { PreviewDialog } from '../components/dialogs/PreviewDialog';
import { ShortcutsDialog } from '../components/dialogs/ShortcutsDialog';
import { Palette } from '../components/palette/Palette';
import { SidePanel } from '../components/panel/SidePanel';
import { TopBar } from '../components/TopBar';
import { WorkflowPanel } from '../components/workflow/WorkflowPanel';
import { CatalogContext } from '../state/CatalogContext';
import { demoBase } from '../state/demoSetup';
import { addNodeOfType, currentWorkflow, loadWorkflow, openDialog } from '../state/editor';
import type { Catalog } from '../state/useCatalog';
import type { DemoSwitch } from './useDemoSwitch';
import type { EditorChecks } from './useEditorChecks';
import type { EditorView } from './useEditorView';

interface Props {
	catalog: Catalog;
	view: EditorView;
	checks: EditorChecks;
	demo: DemoSwitch;
	onTest: () => void;
}

export function EditorLayout({ catalog, view, checks, demo, onTest }: Props) {
	const { run, selected, demoOn } = view;
	const [chatOpen, setChatOpen] = useState(false);
	return (
		<CatalogContext.Provider value={catalog}>
			<div className="app">
				<TopBar onTest={onTest} liveBlockers={checks.blockers} />
				<main className="workspace">
					<Palette
						nodes={catalog.nodes}
						// A template that needs n8n's own nodes (AI Agent) is offered on the home page only.
						templates={catalog.templates.filter((template) => !template.n8nOnly)}
						useDemo={demo.templatesUseDemo}
						onUseDemo={(on) => demo.chooseTemplatesUseDemo(on)}
						onAdd={(type) => addNodeOfType(type)}
						onOpenTemplate={(template) => void demo.openTemplate(template)}
						focusRequest={view.paletteRequest}
					/>
					<Canvas
						info={checks.canvasInfo}
						banner={
							demoOn ? (
								<DemoBanner
									demoBase={demoBase()}
									busy={demo.demoBusy}
									onSwitchOff={() => void demo.switchDemo(false)}
								/>
							) : undefined
						}
						emptyHint={emptyHint()}
					/>
					{selected && selected.type !== 'sticky' ? (
						<SidePanel key={selected.id} node={selected} run={run?.result} onTest={onTest} />
					) : (
						<WorkflowPanel
							problems={checks.checks}
							run={run}
							stale={checks.stale}
							demoOn={demoOn}
							demoBusy={demo.demoBusy}
							demoBase={demoBase()}
							onDemo={(on) => void demo.switchDemo(on)}
						/>
					)}
				</main>
				<Toasts />
				{dialogs(view, checks)}
				{/* Preview chat (issue 24): the workspace agent with this action, as a test customer. */}
				<button
					type="button"
					className="button button--primary preview-chat-open"
					// Over the canvas's bottom-left corner (toasts, z-index 60, show above it).
					style={{ position: 'fixed', left: 280, bottom: 16, zIndex: 5 }}
					onClick={() => setChatOpen(true)}
					data-testid="preview-chat-open"
				>
					Preview chat
				</button>
				{chatOpen && <PreviewChat onClose={() => setChatOpen(false)} />}
			</div>
		</CatalogContext.Provider>
	);
}

function emptyHint() {
	return (
		<div className="empty-hint" data-testid="empty-hint">
			<strong>Build a personalized answer</strong>
			<span>
				Open a template on the left (they work at once against the built-in demo backend), or drag
				“Fin Trigger” here.
			</span>
		</div>
	);
}

/** The open dialog, if any (rendered in place, as siblings of the workspace). */
function dialogs({ dialog, run }: EditorView, { stale, demoAddresses }: EditorChecks) {
	const close = () => openDialog(undefined);
	return (
		<>
			{dialog === 'import' && (
				<ImportDialog
					onClose={close}
					onImport={(imported) => {
						openDialog(undefined);
						loadWorkflow(
							imported,
							`Imported “${imported.name ?? 'workflow'}” (${imported.nodes.length} nodes).`,
						);
					}}
				/>
			)}
			{dialog === 'export' && <ExportDialog workflow={currentWorkflow()} onClose={close} />}
			{dialog === 'deploy' && (
				<DeployDialog
					workflow={currentWorkflow()}
					usesDemo={demoAddresses.length > 0}
					onClose={close}
				/>
			)}
			{dialog === 'preview' && <PreviewDialog run={run} stale={stale} onClose={close} />}
			{dialog === 'shortcuts' && <ShortcutsDialog onClose={close} />}
		</>
	);
}
