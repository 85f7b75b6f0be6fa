// Picks the credential a node uses, by type: an existing one (by name; secrets stay on the server) or a
// new one entered in a write-only form.
import { useState } from 'react';

import type { GraphNode } from '../../graph/types';
import { setNodeCredential } from '../../state/editor';
import { useCatalogContext } from '../../state/CatalogContext';
import { CredentialDialog } from '../dialogs/CredentialDialog';

const CREATE = '__create__';

export function CredentialField({
	node,
	type,
	required,
	trigger,
}: {
	node: GraphNode;
	type: string;
	required?: boolean;
	trigger?: boolean;
}) {
	const catalog = useCatalogContext();
	const [dialog, setDialog] = useState<'create' | 'edit'>();
	const typeInfo = catalog.credentialTypes.find((candidate) => candidate.name === type);
	const reference = node.data.node.credentials?.[type];
	const options = catalog.credentials.filter((credential) => credential.type === type);
	const current =
		options.find((credential) => credential.id === reference?.id) ??
		options.find((credential) => credential.name === reference?.name);
	const label = typeInfo?.displayName ?? type;

	if (!typeInfo) {
		return (
			<div className="field">
				<div className="field__label">
					<label>Credential: {type}</label>
				</div>
				<p className="notice">
					“{type}” credentials are not part of this package, so the canvas cannot hold one. Choose
					it in n8n after “Set live”; a canvas test runs without it.
				</p>
			</div>
		);
	}
	return (
		<div className="field field--credential">
			<div className="field__label">
				<label>
					Credential for {label}
					{required && <span className="field__required">*</span>}
				</label>
			</div>
			<div className="credential-row">
				<select
					className="input"
					aria-label={`Credential for ${label}`}
					value={current?.id ?? ''}
					onChange={(event) => {
						if (event.target.value === CREATE) return setDialog('create');
						const chosen = options.find((credential) => credential.id === event.target.value);
						setNodeCredential(
							node.id,
							type,
							chosen ? { id: chosen.id, name: chosen.name } : undefined,
						);
					}}
					data-testid={`credential-select-${type}`}
				>
					<option value="">
						{reference && !current
							? `${reference.name} (not entered here)`
							: 'Choose a credential…'}
					</option>
					{options.map((credential) => (
						<option key={credential.id} value={credential.id}>
							{credential.name}
						</option>
					))}
					<option value={CREATE}>+ Create new credential</option>
				</select>
				{current && (
					<button
						className="button button--small"
						onClick={() => setDialog('edit')}
						data-testid={`credential-edit-${type}`}
					>
						Change
					</button>
				)}
			</div>
			{reference && !current && (
				<p className="field__error">
					“{reference.name}” is referenced but not entered in this canvas (credentials live only
					while the server runs).{' '}
					<button className="link-button" onClick={() => setDialog('create')}>
						Enter it now
					</button>
				</p>
			)}
			{!reference && required && (
				<p className="field__hint">
					{trigger
						? 'Needed in n8n to verify chat messages. A canvas test does not need it: it uses the test values instead.'
						: 'Needed for a live test and in n8n. A mock response works without it.'}
				</p>
			)}
			{dialog && (
				<CredentialDialog
					type={typeInfo}
					existing={dialog === 'edit' ? current : undefined}
					suggestedName={reference?.name}
					onClose={() => setDialog(undefined)}
					onSaved={(saved) => {
						setDialog(undefined);
						setNodeCredential(node.id, type, { id: saved.id, name: saved.name });
					}}
				/>
			)}
		</div>
	);
}
