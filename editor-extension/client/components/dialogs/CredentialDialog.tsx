// Create or change a credential. Secrets are write-only: the form starts empty for a saved credential,
// sends only what was typed, and forgets it once saved; the server never sends any of it back.
import { useState } from 'react';

import { api, type ApiError } from '../../api/client';
import type { CredentialInfo, CredentialTypeInfo } from '../../api/types';
import { resolveValues, visibleProperties, type Params } from '../../graph/parameters';
import { useCatalogContext } from '../../state/CatalogContext';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';
import { FormSettingsContext, ParameterForm } from '../panel/ParameterForm';

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
	const [values, setValues] = useState<Params>({});
	const [saving, setSaving] = useState(false);
	const [error, setError] = useState<ApiError>();
	const properties = type.properties.filter((property) => property.type !== 'hidden');

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

	return (
		<Modal
			title={existing ? `Change ${existing.name}` : `New ${type.displayName} credential`}
			onClose={onClose}
			testId="credential-dialog"
			footer={
				<>
					<button className="button" onClick={onClose}>
						Cancel
					</button>
					<button
						className="button button--primary"
						onClick={save}
						disabled={saving || !name.trim()}
						data-testid="credential-save"
					>
						{saving ? <Spinner /> : null} {saving ? 'Saving…' : 'Save credential'}
					</button>
				</>
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
