// The inputs for a parameter's less common n8n types: nested collections, date, colour, a
// credential type, and JSON for any type the canvas has no editor for.
import { credentialChoices } from '../../graph/genericCredentials';
import type { Params } from '../../graph/parameters';
import type { NodeProperty } from '../../graph/types';
import { CollectionInput } from '../inputs/CollectionInput';
import type { useFieldLabel } from '../inputs/fieldLabel';
import { FixedCollectionInput } from '../inputs/FixedCollectionInput';
import { JsonInput } from '../inputs/JsonInput';
import { OptionsInput } from '../inputs/OptionsInput';
import type { FormSettings } from './ParameterForm';

export interface InputProps {
	property: NodeProperty;
	value: unknown;
	root: Params;
	path: string;
	onChange: (value: unknown) => void;
}

/** Called from Input (ParameterField.tsx) with its form settings and label, not a component. */
export function otherInput(
	{ property, value, root, path, onChange }: InputProps,
	settings: FormSettings,
	labelled: ReturnType<typeof useFieldLabel>,
) {
	const testId = path;
	switch (property.type) {
		case 'collection':
		case 'fixedCollection': {
			const Nested = property.type === 'collection' ? CollectionInput : FixedCollectionInput;
			return (
				<Nested property={property} value={value} root={root} onChange={onChange} path={path} />
			);
		}
		case 'dateTime':
		case 'color': {
			const color = property.type === 'color';
			const text = typeof value === 'string' ? value : undefined;
			return (
				<input
					className={color ? 'input input--color' : 'input'}
					type={color ? 'color' : 'datetime-local'}
					{...labelled}
					value={color ? (text ?? '#000000') : (text?.slice(0, 16) ?? '')}
					onChange={(event) => onChange(event.target.value)}
					data-testid={testId}
				/>
			);
		}
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
