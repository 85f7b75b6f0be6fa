// The workspace that lasts (issue 14.4): the saved actions of the canvas server's store
// (/api/actions) are the canvas's home; the open action is saved automatically a moment after each
// change (graph, last test summary, deploy info, test values), and the page warns before it is left
// with changes not saved yet. What is stored: the graph (credentials by name and id, never secrets),
// the test values, and a one-line summary of the last test, never the data a test read.
import type { ActionSummary, SaveActionBody } from '../../shared/api';
import { api, toApiError, type ApiError } from '../api/client';
import type { TestValues } from '../api/types';
import { createHistory } from '../graph/history';
import { fingerprint } from '../graph/fingerprint';
import { isUsableAnswer } from '../graph/liveGate';
import type { N8nWorkflow } from '../graph/types';
import { graphToWorkflow, workflowToGraph } from '../graph/workflow';
import { editorStore, type EditorState, type RunState } from './editor';
import { Store } from './store';

export type SaveStatus =
	{ status: 'saved' } | { status: 'saving' } | { status: 'failed'; reason: string; hint: string };

type LastTest = NonNullable<SaveActionBody['lastTest']>;
type DeployInfo = NonNullable<SaveActionBody['deploy']>;

export interface OpenAction {
	id: string;
	/**
	 * The last test stored when the action was opened (an earlier visit): shown until a test runs here
	 * or the graph changes, and never counted for "Set live".
	 */
	lastTest?: LastTest;
	/** Fingerprint of the graph as opened: a stored test is shown only for that graph. */
	openedAs?: string;
}

export interface WorkspaceState {
	actions: ActionSummary[];
	liveCount: number;
	listLoading: boolean;
	listError?: ApiError;
	current?: OpenAction;
	opening: boolean;
	save: SaveStatus;
	/** The id of an action the address named but the store does not have (deleted, or another canvas's). */
	missing?: string;
	/** n8n is being asked about the deployed actions. */
	syncing?: boolean;
}

export const workspaceStore = new Store<WorkspaceState>({
	actions: [],
	liveCount: 0,
	listLoading: false,
	opening: false,
	save: { status: 'saved' },
});

/** How long after the last change the action is saved. */
export const AUTOSAVE_DELAY_MS = 700;
const HASH = /^#\/actions\/([A-Za-z0-9_-]{1,64})$/;

let testValues: TestValues | undefined;
let testValuesLoaded: ((values: TestValues) => void) | undefined;
/** The body last written to the store, as JSON: a save that would write the same is skipped. */
let lastSaved: string | undefined;
let saving: Promise<void> | undefined;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let deployedAt: { of: EditorState['deployed']; at: string } | undefined;

/** The open action's id from the address (`#/actions/<id>`), so a reload opens it again. */
export function actionIdInAddress(): string | undefined {
	return HASH.exec(window.location.hash)?.[1];
}

function setAddress(id: string | undefined) {
	const hash = id ? `#/actions/${id}` : '';
	if (window.location.hash !== hash)
		window.history.replaceState(null, '', `${window.location.pathname}${hash}`);
}

// ---- the list -------------------------------------------------------------------------------------

export async function loadActions() {
	workspaceStore.set({ listLoading: true, listError: undefined });
	try {
		const list = await api.actions();
		workspaceStore.set({ actions: list.actions, liveCount: list.liveCount, listLoading: false });
	} catch (error) {
		workspaceStore.set({
			listLoading: false,
			listError: toApiError(error, 'Loading your actions'),
		});
	}
}

/** Asks n8n about every deployed action, then shows the list as n8n has it (server/n8n-state.ts). */
export async function syncWithN8n(): Promise<void> {
	workspaceStore.set({ syncing: true });
	try {
		await api.checkAllN8nState();
		await loadActions();
	} catch (error) {
		workspaceStore.set({ listError: toApiError(error, 'Asking n8n about the live actions') });
	} finally {
		workspaceStore.set({ syncing: false });
	}
}

/** Creates an action from a workflow (blank or a template's) and opens it. */
export async function createAction(workflow: N8nWorkflow): Promise<void> {
	const name = distinctName(
		workflowName(workflow),
		workspaceStore.get().actions.map((action) => action.name),
	);
	const created = await api.createAction({
		name,
		workflow: { ...workflow, name },
		...(testValues ? { testValues } : {}),
	});
	enter({ id: created.id }, { ...workflow, name }, undefined, undefined);
}

export async function openAction(id: string): Promise<void> {
	workspaceStore.set({ opening: true, missing: undefined });
	try {
		let action;
		try {
			action = await api.action(id);
		} catch (error) {
			if ((error as ApiError).status !== 404) throw error;
			// Said on the home page (ActionsHome), instead of leaving the address pointing at nothing.
			workspaceStore.set({ current: undefined, missing: id });
			setAddress(undefined);
			await loadActions();
			return;
		}
		enter(
			{ id: action.id, lastTest: action.lastTest },
			action.workflow as N8nWorkflow,
			action.testValues as TestValues | undefined,
			action.deploy,
		);
		// Then what n8n says (unpublished or deleted there), without holding the page on a slow n8n.
		void followN8n(id);
	} finally {
		workspaceStore.set({ opening: false });
	}
}

/** The open action's "live" as n8n has it (server/n8n-state.ts): "Set live" and Back to draft follow. */
async function followN8n(id: string) {
	const summary = await api.checkN8nState(id).catch(() => undefined);
	const deployed = editorStore.get().deployed;
	if (!summary?.deploy || !deployed || workspaceStore.get().current?.id !== id) return;
	if (
		summary.deploy.workflowId === deployed.workflowId &&
		summary.deploy.active !== deployed.active
	)
		editorStore.set({ deployed: { ...deployed, active: summary.deploy.active } });
}

/** Renames a saved action (its name is its workflow's name, as n8n shows it). */
export async function renameAction(id: string, name: string): Promise<void> {
	const action = await api.action(id);
	await api.saveAction(id, { name, workflow: { ...action.workflow, name } });
	await loadActions();
}

export async function deleteAction(id: string): Promise<void> {
	await api.deleteAction(id);
	await loadActions();
}

/** Back to the list, once the open action is saved. */
export async function goHome(): Promise<void> {
	await saveNow();
	if (workspaceStore.get().save.status === 'failed') return;
	workspaceStore.set({ current: undefined });
	setAddress(undefined);
	await loadActions();
}

function enter(
	current: OpenAction,
	workflow: N8nWorkflow,
	values: TestValues | undefined,
	deploy: DeployInfo | undefined,
) {
	clearTimeout(timer);
	// A fresh history: Undo does not go back into another action.
	editorStore.set((state) => ({
		history: createHistory(workflowToGraph(structuredClone(workflow))),
		run: undefined,
		passed: undefined,
		demo: undefined,
		dialog: undefined,
		deployed: deploy
			? {
					baseUrl: deploy.baseUrl,
					workflowId: deploy.workflowId,
					active: deploy.active,
					...(deploy.chatUrl ? { chatUrl: deploy.chatUrl } : {}),
				}
			: undefined,
		fitRequest: state.fitRequest + 1,
	}));
	deployedAt = deploy ? { of: editorStore.get().deployed, at: deploy.at } : undefined;
	if (values) {
		testValues = values;
		testValuesLoaded?.(values);
	}
	const opened = body();
	workspaceStore.set({
		current: { ...current, openedAs: fingerprint(opened.workflow as N8nWorkflow) },
		save: { status: 'saved' },
		missing: undefined,
	});
	lastSaved = JSON.stringify(opened);
	setAddress(current.id);
}

/** "My action", then "My action 2", "My action 3"…: a list of new actions stays readable. */
function distinctName(name: string, taken: string[]): string {
	const used = new Set(taken.map((other) => other.trim().toLowerCase()));
	if (!used.has(name.toLowerCase())) return name;
	for (let count = 2; ; count++) {
		const candidate = `${name.slice(0, 120)} ${count}`;
		if (!used.has(candidate.toLowerCase())) return candidate;
	}
}

function workflowName(workflow: N8nWorkflow): string {
	const name = typeof workflow.name === 'string' ? workflow.name.trim() : '';
	return (name || 'New action').slice(0, 128);
}

// ---- autosave -------------------------------------------------------------------------------------

/** What the store keeps of a test: when, whether it passed with a usable answer, and one line. */
export function testSummary(run: RunState): LastTest {
	const usable = run.result.ok && isUsableAnswer(run.result.answer);
	const failed = Object.entries(run.result.nodes)
		.filter(([, node]) => node.status === 'error')
		.map(([name]) => name);
	const where = run.demo ? ' against the demo backend' : '';
	return {
		at: run.at.toISOString(),
		passed: usable,
		summary: (usable
			? `Passed${where}: the AI would receive an answer.`
			: run.result.ok
				? `Ran${where}, but the AI would receive no usable answer.`
				: `Failed${where}${failed.length ? ` in ${failed.join(', ')}` : ''}.`
		).slice(0, 500),
	};
}

function body(): SaveActionBody {
	const state = editorStore.get();
	const workflow = graphToWorkflow(state.history.present);
	const name = workflowName(workflow);
	let deploy: DeployInfo | undefined;
	if (state.deployed) {
		if (deployedAt?.of !== state.deployed)
			deployedAt = { of: state.deployed, at: new Date().toISOString() };
		deploy = { ...state.deployed, at: deployedAt.at };
	}
	return {
		name,
		workflow: { ...workflow, name },
		...(state.run ? { lastTest: testSummary(state.run) } : {}),
		// Another graph (an import) forgets where the previous one was deployed.
		deploy: deploy ?? null,
		...(testValues ? { testValues } : {}),
	};
}

/** True while the open action has changes the store does not have yet. */
export function hasUnsavedChanges(): boolean {
	if (!workspaceStore.get().current) return false;
	return Boolean(saving) || JSON.stringify(body()) !== lastSaved;
}

function schedule() {
	if (!workspaceStore.get().current) return;
	clearTimeout(timer);
	// "Saved" means stored: from the change on, the page says the save is under way.
	if (workspaceStore.get().save.status === 'saved')
		workspaceStore.set({ save: { status: 'saving' } });
	timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
}

/** Largest body a browser sends while the page goes away (fetch keepalive allows 64 KiB). */
const KEEPALIVE_LIMIT = 60 * 1024;

/**
 * The page is going away (reload, tab closed) with a change not stored yet: it is sent with
 * keepalive, which outlives the page. A larger graph relies on the warning before leaving.
 */
function saveAsThePageGoes() {
	const current = workspaceStore.get().current;
	if (!current || !hasUnsavedChanges()) return;
	const text = JSON.stringify(body());
	if (text === lastSaved || new Blob([text]).size > KEEPALIVE_LIMIT) return;
	clearTimeout(timer);
	lastSaved = text;
	void fetch(`/api/actions/${encodeURIComponent(current.id)}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: text,
		keepalive: true,
	}).catch(() => undefined);
}

/** Saves the open action now (waits for a save in flight, then saves what changed since). */
export async function saveNow(): Promise<void> {
	clearTimeout(timer);
	if (saving) {
		again = true;
		await saving;
		return;
	}
	const current = workspaceStore.get().current;
	if (!current) return;
	const next = body();
	const text = JSON.stringify(next);
	// A test run here, or another graph: the test stored before no longer describes it.
	if (
		current.lastTest &&
		(editorStore.get().run || fingerprint(next.workflow as N8nWorkflow) !== current.openedAs)
	)
		workspaceStore.set({ current: { ...current, lastTest: undefined } });
	if (text === lastSaved) {
		if (workspaceStore.get().save.status !== 'saved')
			workspaceStore.set({ save: { status: 'saved' } });
		return;
	}
	workspaceStore.set({ save: { status: 'saving' } });
	saving = (async () => {
		try {
			await api.saveAction(current.id, next);
			lastSaved = text;
			if (workspaceStore.get().current?.id === current.id)
				workspaceStore.set({ save: { status: 'saved' } });
		} catch (error) {
			const apiError = toApiError(error, 'Saving the action');
			workspaceStore.set({
				save: { status: 'failed', reason: apiError.message, hint: apiError.hint },
			});
		}
	})();
	await saving;
	saving = undefined;
	if (again) {
		again = false;
		await saveNow();
	}
}

/** The test values the page edits (App.tsx, in an effect): saved with the action. */
export function setWorkspaceTestValues(values: TestValues) {
	if (testValues === values) return;
	testValues = values;
	schedule();
}

/** Where an opened action's own test values go (App.tsx's state). */
export function onTestValuesLoaded(loaded: (values: TestValues) => void) {
	testValuesLoaded = loaded;
}

let watching: (() => void) | undefined;

/** Saves after every change of the graph, the test or the deploy info; warns before leaving unsaved work. */
export function watchForChanges(): () => void {
	watching?.();
	let seen = editorStore.get();
	const unsubscribe = editorStore.subscribe(() => {
		const state = editorStore.get();
		if (
			state.history.present !== seen.history.present ||
			state.run !== seen.run ||
			state.deployed !== seen.deployed
		)
			schedule();
		seen = state;
	});
	const beforeUnload = (event: BeforeUnloadEvent) => {
		if (!hasUnsavedChanges()) return;
		event.preventDefault();
		// Older browsers show the prompt only when returnValue is set.
		event.returnValue = '';
	};
	window.addEventListener('beforeunload', beforeUnload);
	window.addEventListener('pagehide', saveAsThePageGoes);
	watching = () => {
		unsubscribe();
		window.removeEventListener('beforeunload', beforeUnload);
		window.removeEventListener('pagehide', saveAsThePageGoes);
		watching = undefined;
	};
	return watching;
}
