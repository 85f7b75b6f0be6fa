// The `{{` list of a placeholder input: the attributes that match, the active one marked.
interface Props {
	/** The input's id, which the list's and options' ids start with. */
	id: string;
	testId: string;
	options: string[];
	current: number;
	expanded: boolean;
	onPick: (path: string) => void;
}

export function PlaceholderSuggestions({ id, testId, options, current, expanded, onPick }: Props) {
	return (
		<ul
			id={`${id}-list`}
			role="listbox"
			aria-label="Attributes of the test values"
			className="placeholder-input__list"
			hidden={!expanded}
			data-testid={`${testId}-suggestions`}
		>
			{options.map((path, index) => (
				<li
					key={path}
					id={`${id}-option-${index}`}
					role="option"
					aria-selected={index === current}
					className={`placeholder-input__option${index === current ? ' placeholder-input__option--active' : ''}`}
					// Keep the focus in the input while choosing with the mouse.
					onMouseDown={(event) => {
						event.preventDefault();
						onPick(path);
					}}
				>
					{`{{${path}}}`}
				</li>
			))}
		</ul>
	);
}
