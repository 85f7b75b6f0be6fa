// Create or change a credential. Secrets are write-only: the form starts empty for a saved credential,
// sends only what was typed, and forgets it once saved; the server never sends any of it back.
import { useState } from 'react';

import type { CredentialInfo, CredentialTypeInfo } from '../../api/types';
import { useCatalogContext } from '../../state/CatalogContext';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';
import { FormSettingsContext, ParameterForm } from '../panel/ParameterForm';
import { useCredentialSave } from './useCredentialSave';

interface Props {
	type: CredentialTypeInfo;
	/** Set: change this credential; unset: create one. */
	existing?: CredentialInfo;
	suggestedName?: string;
	onClose: () => void;
	onSaved: (credential: CredentialInfo) => void;
}

export function CredentialDialog({ type, existing, suggestedName, onClose, onSaved }: Props) {
	const catalog = useCatalogContext();
	const [name, setName] = useState(existing?.name ?? suggestedName ?? `My ${type.displayName}`);
	const properties = type.properties.filter((property) => property.type !== 'hidden');
	const { values, setValues, saving, error, save } = useCredentialSave({
		type,
		existing,
		catalog,
		properties,
		name,
		onSaved,
	});

	return (
		<Modal
			title={existing ? `Change ${existing.name}` : `New ${type.displayName} credential`}
			onClose={onClose}
			testId="credential-dialog"
			footer={
				<CredentialFooter onClose={onClose} onSave={save} saving={saving} disabled={!name.trim()} />
			}
		>
			<p className="notice">
				Secrets go to the canvas server only and are never shown again, returned to this page, or
				exported.
				{existing ? ' Saved values are not shown: fill in only what you want to change.' : ''}
			</p>
			<div className="field">
				<div className="field__label">
					<label htmlFor="credential-name">Credential name</label>
				</div>
				<input
					id="credential-name"
					className="input"
					value={name}
					onChange={(event) => setName(event.target.value)}
					data-testid="credential-name"
				/>
			</div>
			<FormSettingsContext.Provider
				value={{ credentialTypes: catalog.credentialTypes, savedSecrets: Boolean(existing) }}
			>
				<ParameterForm
					properties={properties}
					values={values}
					onChange={setValues}
					prefix="credential-"
				/>
			</FormSettingsContext.Provider>
			{error && (
				<div className="run-error" role="alert" data-testid="credential-error">
					<strong>{error.message}</strong>
					<p>{error.hint}</p>
				</div>
			)}
		</Modal>
	);
}

function CredentialFooter({
	onClose,
	onSave,
	saving,
	disabled,
}: {
	onClose: () => void;
	onSave: () => void;
	saving: boolean;
	disabled: boolean;
}) {
	return (
		<>
			<button className="button" onClick={onClose}>
				Cancel
			</button>
			<button
				className="button button--primary"
				onClick={onSave}
				disabled={saving || disabled}
				data-testid="credential-save"
			>
				{saving ? <Spinner /> : null} {saving ? 'Saving…' : 'Save credential'}
			</button>
		</>
	);
}
