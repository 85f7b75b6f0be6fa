// Home: the saved actions and the templates to start one from (or the action being opened).
import { Spinner } from '../components/common/Spinner';
import { Toasts } from '../components/common/Toasts';
import { ActionsHome } from '../components/home/ActionsHome';
import { CatalogContext } from '../state/CatalogContext';
import { showError } from '../state/toasts';
import type { Catalog } from '../state/useCatalog';
import { openAction } from '../state/workspace';
import type { DemoSwitch } from './useDemoSwitch';
import type { useWorkspace } from './useWorkspace';

interface Props {
	catalog: Catalog;
	demo: DemoSwitch;
	workspace: ReturnType<typeof useWorkspace>;
}

export function HomeScreen({ catalog, demo, workspace }: Props) {
	return (
		<CatalogContext.Provider value={catalog}>
			{workspace.opening ? (
				<div className="page-message" data-testid="opening-action">
					<Spinner /> Opening the action…
				</div>
			) : (
				<ActionsHome
					templates={catalog.templates}
					templatesUseDemo={demo.templatesUseDemo}
					onTemplatesUseDemo={(on) => demo.chooseTemplatesUseDemo(on)}
					onOpen={(id) =>
						void openAction(id).catch((error) => showError(error, 'Reload the list and try again.'))
					}
					onCreate={(template) => void workspace.createFrom(template)}
					busy={workspace.creating}
				/>
			)}
			<Toasts />
		</CatalogContext.Provider>
	);
}
