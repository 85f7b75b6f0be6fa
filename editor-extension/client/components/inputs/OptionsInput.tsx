import { useFieldLabel } from './fieldLabel';
import { isOption } from '../../graph/parameters';
import type { NodeProperty } from '../../graph/types';
import { descriptionText } from '../../graph/descriptionText';

export function OptionsInput({
	property,
	value,
	onChange,
	testId,
}: {
	property: NodeProperty;
	value: unknown;
	onChange: (value: unknown) => void;
	testId: string;
}) {
	const labelled = useFieldLabel();
	const options = (property.options ?? []).filter(isOption);
	const index = options.findIndex((option) => option.value === value);
	const chosen = options[index];
	return (
		<>
			<select
				{...labelled}
				className="input"
				value={index === -1 ? '' : String(index)}
				onChange={(event) => onChange(options[Number(event.target.value)].value)}
				data-testid={testId}
			>
				{index === -1 && (
					<option value="">
						{value === undefined || value === '' ? 'Choose…' : `${String(value)} (not an option)`}
					</option>
				)}
				{options.map((option, position) => (
					<option key={String(option.value)} value={String(position)}>
						{option.name}
					</option>
				))}
			</select>
			{chosen?.description && <p className="field__hint">{descriptionText(chosen.description)}</p>}
		</>
	);
}
