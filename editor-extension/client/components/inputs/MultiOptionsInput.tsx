import { isOption } from '../../graph/parameters';
import type { NodeProperty } from '../../graph/types';

export function MultiOptionsInput({
	property,
	value,
	onChange,
	testId,
}: {
	property: NodeProperty;
	value: unknown;
	onChange: (value: unknown[]) => void;
	testId: string;
}) {
	const chosen = Array.isArray(value) ? value : [];
	return (
		<div className="multi-options" data-testid={testId}>
			{(property.options ?? []).filter(isOption).map((option) => (
				<label key={String(option.value)} className="checkbox-line" title={option.description}>
					<input
						type="checkbox"
						checked={chosen.includes(option.value)}
						onChange={(event) =>
							onChange(
								event.target.checked
									? [...chosen, option.value]
									: chosen.filter((item) => item !== option.value),
							)
						}
					/>
					{option.name}
				</label>
			))}
		</div>
	);
}
