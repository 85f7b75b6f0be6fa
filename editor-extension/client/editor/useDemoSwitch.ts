// The demo backend: switched on and off for tests of this graph, and whether templates open on it
// (remembered in this browser).
import { useCallback, useState } from 'react';

import type { TemplateInfo } from '../api/types';
import { disableDemo, enableDemo } from '../state/demoSetup';
import { loadWorkflow } from '../state/editor';
import { setTestValues, testValuesStore } from '../state/testValues';
import { showError } from '../state/toasts';
import { templateTestValues } from './templateTestValues';
import type { Catalog } from '../state/useCatalog';

const TEMPLATE_DEMO_KEY = 'fin-canvas.templatesUseDemo';

export type DemoSwitch = ReturnType<typeof useDemoSwitch>;

export function useDemoSwitch(catalog: Catalog) {
	const [templatesUseDemo, setTemplatesUseDemo] = useState(
		() => localStorage.getItem(TEMPLATE_DEMO_KEY) !== 'false',
	);
	const [demoBusy, setDemoBusy] = useState(false);

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
			// The template's signed attributes and question become the test values.
			const own = templateTestValues(template, testValuesStore.get().values);
			if (own) setTestValues(own);
			if (templatesUseDemo) await switchDemo(true);
		},
		[templatesUseDemo, switchDemo],
	);

	const chooseTemplatesUseDemo = (on: boolean) => {
		setTemplatesUseDemo(on);
		localStorage.setItem(TEMPLATE_DEMO_KEY, String(on));
	};

	return { templatesUseDemo, chooseTemplatesUseDemo, demoBusy, switchDemo, openTemplate };
}
