// What the server knows: node types (with their n8n descriptions), credential types, stored
// credentials (never their data) and templates. Loaded once; credentials reload after each change.
import { useCallback, useEffect, useMemo, useState } from 'react';

import { api, type ApiError } from '../api/client';
import type { CredentialInfo, CredentialTypeInfo, NodeTypeInfo, TemplateInfo } from '../api/types';
import type { TypeLookup } from '../graph/nodeTypes';

export interface Catalog {
	loading: boolean;
	error?: ApiError;
	nodes: NodeTypeInfo[];
	credentialTypes: CredentialTypeInfo[];
	credentials: CredentialInfo[];
	templates: TemplateInfo[];
	lookup: TypeLookup;
	reload: () => void;
	reloadCredentials: () => Promise<CredentialInfo[]>;
}

export function useCatalog(): Catalog {
	const [state, setState] = useState<Omit<Catalog, 'lookup' | 'reload' | 'reloadCredentials'>>({
		loading: true,
		nodes: [],
		credentialTypes: [],
		credentials: [],
		templates: [],
	});

	const reload = useCallback(() => {
		setState((current) => ({ ...current, loading: true, error: undefined }));
		Promise.all([api.nodes(), api.credentialTypes(), api.credentials(), api.templates()])
			.then(([nodes, credentialTypes, credentials, templates]) =>
				setState({ loading: false, nodes, credentialTypes, credentials, templates }),
			)
			.catch((error: ApiError) => setState((current) => ({ ...current, loading: false, error })));
	}, []);

	const reloadCredentials = useCallback(async () => {
		const credentials = await api.credentials();
		setState((current) => ({ ...current, credentials }));
		return credentials;
	}, []);

	useEffect(reload, [reload]);

	const byType = useMemo(
		() => new Map(state.nodes.map((node) => [node.type, node.description])),
		[state.nodes],
	);
	const lookup = useCallback<TypeLookup>((type) => byType.get(type), [byType]);
	return { ...state, lookup, reload, reloadCredentials };
}
