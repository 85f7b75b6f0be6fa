import { createContext, useContext } from 'react';

import type { Catalog } from './useCatalog';

export const CatalogContext = createContext<Catalog | undefined>(undefined);

export function useCatalogContext(): Catalog {
	const catalog = useContext(CatalogContext);
	if (!catalog) throw new Error('CatalogContext is missing');
	return catalog;
}
