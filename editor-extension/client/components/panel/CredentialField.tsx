// Picks the credential a node uses, by type: an existing one (by name; secrets stay on the server) or a
// new one entered in a write-only form.
import { useState } from 'react';

import type { GraphNode } from '../../graph/types';
import { setNodeCredential } from '../../state/editor';
import { useCatalogContext } from '../../state/CatalogContext';
import { CredentialDialog } from '../dialogs/CredentialDialog';
import {
	CredentialLabel,
	CredentialNeeded,
	CredentialNotEntered,
	UnknownCredentialType,
} from './CredentialNotes';
import { CredentialSelect } from './CredentialSelect';

interface Props {
	node: GraphNode;
	type: string;
	required?: boolean;
	trigger?: boolean;
}

export function CredentialField({ node, type, required, trigger }: Props) {
	const catalog = useCatalogContext();
	const [dialog, setDialog] = useState<'create' | 'edit'>();
	const typeInfo = catalog.credentialTypes.find((candidate) => candidate.name === type);
	const reference = node.data.node.credentials?.[type];
	const options = catalog.credentials.filter((credential) => credential.type === type);
	const current =
		options.find((credential) => credential.id === reference?.id) ??
		options.find((credential) => credential.name === reference?.name);
	const label = typeInfo?.displayName ?? type;

	if (!typeInfo) return <UnknownCredentialType type={type} />;
	return (
		<div className="field field--credential">
			<CredentialLabel label={label} required={required} />
			<div className="credential-row">
				<CredentialSelect
					nodeId={node.id}
					type={type}
					label={label}
					options={options}
					current={current}
					reference={reference}
					onCreate={() => setDialog('create')}
				/>
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
				<CredentialNotEntered name={reference.name} onEnter={() => setDialog('create')} />
			)}
			{!reference && required && <CredentialNeeded trigger={trigger} />}
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
