// Saving a credential: a change sends only what was typed; a new one sends the fields its form shows.
// What was typed is forgotten once saved.
import { useState } from 'react';

import { api, type ApiError } from '../../api/client';
import type { CredentialInfo, CredentialTypeInfo } from '../../api/types';
import { resolveValues, visibleProperties, type Params } from '../../graph/parameters';
import type { useCatalogContext } from '../../state/CatalogContext';

interface Options {
	type: CredentialTypeInfo;
	existing?: CredentialInfo;
	catalog: ReturnType<typeof useCatalogContext>;
	properties: CredentialTypeInfo['properties'];
	name: string;
	onSaved: (credential: CredentialInfo) => void;
}

export function useCredentialSave({ type, existing, catalog, properties, name, onSaved }: Options) {
	const [values, setValues] = useState<Params>({});
	const [saving, setSaving] = useState(false);
	const [error, setError] = useState<ApiError>();

	const save = async () => {
		setSaving(true);
		setError(undefined);
		try {
			let saved: CredentialInfo;
			if (existing) {
				saved = await api.updateCredential(existing.id, {
					...(name !== existing.name ? { name } : {}),
					...(Object.keys(values).length ? { data: values } : {}),
				});
			} else {
				const resolved = resolveValues(properties, values);
				const shown = visibleProperties(properties, { level: resolved, root: resolved });
				const data = Object.fromEntries(
					shown
						.filter((property) => property.name in resolved)
						.map((property) => [property.name, resolved[property.name]]),
				);
				saved = await api.createCredential({ type: type.name, name, data });
			}
			setValues({});
			await catalog.reloadCredentials();
			onSaved(saved);
		} catch (caught) {
			setError(caught as ApiError);
		} finally {
			setSaving(false);
		}
	};
	return { values, setValues, saving, error, save };
}
