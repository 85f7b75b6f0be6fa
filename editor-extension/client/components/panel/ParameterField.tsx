// One parameter: its label, help text and the input for its n8n type.
import { useContext, useId } from 'react';

import type { Params } from '../../graph/parameters';
import type { NodeProperty } from '../../graph/types';
import { BooleanInput } from '../inputs/BooleanInput';
import { JsonInput } from '../inputs/JsonInput';
import { MultiOptionsInput } from '../inputs/MultiOptionsInput';
import { NumberInput } from '../inputs/NumberInput';
import { OptionsInput } from '../inputs/OptionsInput';
import { TextInput } from '../inputs/TextInput';
import { FieldLabelContext, useFieldLabel } from '../inputs/fieldLabel';
import { otherInput } from './otherInput';
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

function Input(props: Props) {
	const { property, value, onChange } = props;
	const settings = useContext(FormSettingsContext);
	const labelled = useFieldLabel();
	const testId = props.path;
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
		default:
			return otherInput(props, settings, labelled);
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
