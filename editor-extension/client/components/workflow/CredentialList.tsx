// Credentials entered in this canvas (names only: secrets never come back from the server).
import { useState } from 'react';

import { api } from '../../api/client';
import type { CredentialInfo } from '../../api/types';
import { useCatalogContext } from '../../state/CatalogContext';
import { showError } from '../../state/toasts';
import { CredentialDialog } from '../dialogs/CredentialDialog';

export function CredentialList() {
	const catalog = useCatalogContext();
	const [editing, setEditing] = useState<CredentialInfo>();
	if (!catalog.credentials.length)
		return <p className="muted">None yet. Choose or create one in an API Action's settings.</p>;
	const typeOf = (name: string) => catalog.credentialTypes.find((type) => type.name === name);
	return (
		<ul className="credential-list" data-testid="credential-list">
			{catalog.credentials.map((credential) => (
				<li key={credential.id}>
					<span>
						<strong>{credential.name}</strong>{' '}
						<span className="muted">{typeOf(credential.type)?.displayName ?? credential.type}</span>
					</span>
					<span>
						<button className="button button--small" onClick={() => setEditing(credential)}>
							Change
						</button>
						<button
							className="button button--small button--danger"
							onClick={() =>
								api.deleteCredential(credential.id).then(catalog.reloadCredentials).catch(showError)
							}
						>
							Delete
						</button>
					</span>
				</li>
			))}
			{editing && typeOf(editing.type) && (
				<CredentialDialog
					type={typeOf(editing.type)!}
					existing={editing}
					onClose={() => setEditing(undefined)}
					onSaved={() => setEditing(undefined)}
				/>
			)}
		</ul>
	);
}
