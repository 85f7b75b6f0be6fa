// One parameter: its label, help text and the input for its n8n type.
import { useContext, useId } from 'react';

import { credentialChoices } from '../../graph/genericCredentials';
import type { Params } from '../../graph/parameters';
import type { NodeProperty } from '../../graph/types';
import { BooleanInput } from '../inputs/BooleanInput';
import { CollectionInput } from '../inputs/CollectionInput';
import { FixedCollectionInput } from '../inputs/FixedCollectionInput';
import { JsonInput } from '../inputs/JsonInput';
import { MultiOptionsInput } from '../inputs/MultiOptionsInput';
import { NumberInput } from '../inputs/NumberInput';
import { OptionsInput } from '../inputs/OptionsInput';
import { TextInput } from '../inputs/TextInput';
import { FieldLabelContext, useFieldLabel } from '../inputs/fieldLabel';
import { FormSettingsContext } from './ParameterForm';
import { descriptionText } from '../../graph/descriptionText';

interface Props {
	property: NodeProperty;
	value: unknown;
	root: Params;
	path: string;
	onChange: (value: unknown) => void;
	/** Inside a collection: a button to remove the option. */
	onRemove?: () => void;
}

function Input({ property, value, root, path, onChange }: Props) {
	const settings = useContext(FormSettingsContext);
	const labelled = useFieldLabel();
	const testId = path;
	switch (property.type) {
		case 'string':
			return (
				<TextInput
					property={property}
					value={value}
					onChange={onChange}
					testId={testId}
					secretSaved={settings.savedSecrets && property.typeOptions?.password === true}
				/>
			);
		case 'number':
			return <NumberInput property={property} value={value} onChange={onChange} testId={testId} />;
		case 'boolean':
			return (
				<BooleanInput
					value={value}
					onChange={onChange}
					testId={testId}
					label={property.displayName}
				/>
			);
		case 'options':
			return <OptionsInput property={property} value={value} onChange={onChange} testId={testId} />;
		case 'multiOptions':
			return (
				<MultiOptionsInput property={property} value={value} onChange={onChange} testId={testId} />
			);
		case 'json':
			return (
				<JsonInput
					value={value}
					onChange={onChange}
					testId={testId}
					asString
					rows={Number(property.typeOptions?.rows ?? 6)}
				/>
			);
		case 'collection':
			return (
				<CollectionInput
					property={property}
					value={value}
					root={root}
					onChange={onChange}
					path={path}
				/>
			);
		case 'fixedCollection':
			return (
				<FixedCollectionInput
					property={property}
					value={value}
					root={root}
					onChange={onChange}
					path={path}
				/>
			);
		case 'dateTime':
			return (
				<input
					className="input"
					type="datetime-local"
					{...labelled}
					value={typeof value === 'string' ? value.slice(0, 16) : ''}
					onChange={(event) => onChange(event.target.value)}
					data-testid={testId}
				/>
			);
		case 'color':
			return (
				<input
					className="input input--color"
					type="color"
					{...labelled}
					value={typeof value === 'string' ? value : '#000000'}
					onChange={(event) => onChange(event.target.value)}
					data-testid={testId}
				/>
			);
		case 'credentialsSelect':
			return (
				<OptionsInput
					property={{
						...property,
						options: credentialChoices(property.credentialTypes, settings.credentialTypes).map(
							(type) => ({ name: type.displayName, value: type.name }),
						),
					}}
					value={value}
					onChange={onChange}
					testId={testId}
				/>
			);
		default:
			return (
				<>
					<JsonInput value={value} onChange={onChange} testId={testId} asString={false} />
					<p className="field__hint">
						“{property.type}” parameters are edited as JSON here; n8n shows a richer editor.
					</p>
				</>
			);
	}
}

export function ParameterField(props: Props) {
	const { property, onRemove } = props;
	const labelId = useId();
	if (property.type === 'notice' || property.type === 'callout') {
		return (
			<p className="notice" data-testid={props.path}>
				{property.displayName}
			</p>
		);
	}
	const nested = property.type === 'collection' || property.type === 'fixedCollection';
	return (
		<div className={`field${nested ? ' field--nested' : ''}`}>
			<div className="field__label">
				<label id={labelId}>
					{property.displayName}
					{property.required && (
						<span className="field__required" title="Required">
							*
						</span>
					)}
				</label>
				{onRemove && (
					<button
						className="icon-button"
						onClick={onRemove}
						aria-label={`Remove ${property.displayName}`}
						data-testid={`${props.path}-remove`}
					>
						×
					</button>
				)}
			</div>
			<FieldLabelContext.Provider value={labelId}>
				<Input {...props} />
			</FieldLabelContext.Provider>
			{property.description && (
				<p className="field__hint">{descriptionText(property.description)}</p>
			)}
			{property.hint && <p className="field__hint">{property.hint}</p>}
		</div>
	);
}
