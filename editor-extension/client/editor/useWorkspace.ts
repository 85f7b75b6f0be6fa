// The workspace (state/workspace.ts): the list of saved actions is home; the open action autosaves,
// with its test values, and a reload opens the action named in the address again.
import { useCallback, useEffect, useState } from 'react';

import type { TemplateInfo, TestValues } from '../api/types';
import { emptyDoc, graphToWorkflow } from '../graph/workflow';
import { useStore } from '../state/store';
import { setTestValues } from '../state/testValues';
import { showError } from '../state/toasts';
import { templateTestValues } from './templateTestValues';
import {
	actionIdInAddress,
	createAction,
	goHome,
	onTestValuesLoaded,
	openAction,
	setWorkspaceTestValues,
	watchForChanges,
	workspaceStore,
} from '../state/workspace';

export function useWorkspace(
	testValues: TestValues,
	templatesUseDemo: boolean,
	switchDemo: (on: boolean) => Promise<void>,
) {
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
				// The template's signed attributes and question become the test values of the new action.
				const own = template && templateTestValues(template, testValues);
				if (own) {
					setTestValues(own);
					setWorkspaceTestValues(own);
				}
				await createAction(template ? template.workflow : graphToWorkflow(emptyDoc()));
				if (template && templatesUseDemo) await switchDemo(true);
			} catch (error) {
				showError(error, 'Check that the canvas server is running, then try again.');
			} finally {
				setCreating(false);
			}
		},
		[templatesUseDemo, switchDemo, testValues],
	);
	return { current, opening, creating, createFrom };
}
