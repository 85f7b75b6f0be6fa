// What the page shows before the editor can: the node catalog loading, or failing to load.
import { Spinner } from '../components/common/Spinner';
import type { Catalog } from '../state/useCatalog';

export function CatalogLoading() {
	return (
		<div className="page-message">
			<Spinner /> Loading the nodes…
		</div>
	);
}

export function CatalogError({ catalog }: { catalog: Catalog }) {
	return (
		<div className="page-message page-message--error" role="alert" data-testid="load-error">
			<h1>The canvas could not load</h1>
			<p>
				<strong>{catalog.error!.message}</strong>
			</p>
			<p>{catalog.error!.hint}</p>
			<button className="button button--primary" onClick={catalog.reload}>
				Try again
			</button>
		</div>
	);
}
