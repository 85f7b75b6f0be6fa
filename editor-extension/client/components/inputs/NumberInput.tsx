import type { NodeProperty } from '../../graph/types';
import { useFieldLabel } from './fieldLabel';
import { useDraft } from './useDraft';

export function NumberInput({
	property,
	value,
	onChange,
	testId,
}: {
	property: NodeProperty;
	value: unknown;
	onChange: (value: number) => void;
	testId: string;
}) {
	const labelled = useFieldLabel();
	const text = value === undefined || value === null ? '' : String(value);
	const [draft, setDraft] = useDraft(text);
	const min = property.typeOptions?.minValue as number | undefined;
	const max = property.typeOptions?.maxValue as number | undefined;
	const number = Number(draft);
	const problem =
		draft.trim() === '' || !Number.isFinite(number)
			? 'Enter a number.'
			: min !== undefined && number < min
				? `At least ${min}.`
				: max !== undefined && number > max
					? `At most ${max}.`
					: undefined;
	const commit = () => {
		if (!problem && draft !== text) onChange(number);
	};
	return (
		<>
			<input
				{...labelled}
				className={`input${problem ? ' input--invalid' : ''}`}
				type="number"
				value={draft}
				min={min}
				max={max}
				step={
					property.typeOptions?.numberPrecision
						? 10 ** -Number(property.typeOptions.numberPrecision)
						: 1
				}
				onChange={(event) => setDraft(event.target.value)}
				onBlur={commit}
				onKeyDown={(event) => event.key === 'Enter' && commit()}
				data-testid={testId}
			/>
			{problem && (
				<p className="field__error">
					{problem} The value is kept as {text || 'empty'} until this is fixed.
				</p>
			)}
		</>
	);
}
