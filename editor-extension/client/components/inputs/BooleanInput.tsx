export function BooleanInput({
	value,
	onChange,
	testId,
	label,
}: {
	value: unknown;
	onChange: (value: boolean) => void;
	testId: string;
	label: string;
}) {
	return (
		<label className="switch">
			<input
				type="checkbox"
				checked={value === true}
				onChange={(event) => onChange(event.target.checked)}
				data-testid={testId}
				aria-label={label}
			/>
			<span className="switch__track" />
			<span className="switch__text">{value === true ? 'On' : 'Off'}</span>
		</label>
	);
}
