// A one-line text input that helps with `{{attribute}}` placeholders (issue 15): typing `{{` opens a
// list of the attributes the test values hold (an ARIA combobox: arrows move, Enter picks,
// Escape closes; Tab still moves on), and a field may show a live preview of what its text becomes (the API Action's
// URL for the test customer).
import { createContext, useContext, useId, useRef, useState, type ReactNode } from 'react';

import { complete, openPlaceholder, suggest } from '../../graph/placeholderHelp';
import { useFieldLabel } from './fieldLabel';

export interface PlaceholderHelp {
	/** Attribute paths to offer after `{{`. */
	attributes: string[];
	/** Live previews by field test id (`param-url`), from the text as typed. */
	previews?: Record<string, (text: string) => ReactNode>;
}

/** Set by a node's form whose text fields take placeholders (API Action). */
export const PlaceholderHelpContext = createContext<PlaceholderHelp | undefined>(undefined);

export function usePlaceholderHelp() {
	return useContext(PlaceholderHelpContext);
}

interface Props {
	help: PlaceholderHelp;
	draft: string;
	setDraft: (text: string) => void;
	commit: () => void;
	placeholder?: string;
	testId: string;
}

export function PlaceholderInput({ help, draft, setDraft, commit, placeholder, testId }: Props) {
	const labelled = useFieldLabel();
	const id = useId();
	const input = useRef<HTMLInputElement>(null);
	const [caret, setCaret] = useState(0);
	const [active, setActive] = useState(0);
	const [closed, setClosed] = useState(false);
	const open = openPlaceholder(draft, caret);
	const options = open && !closed ? suggest(help.attributes, open.query) : [];
	const expanded = options.length > 0;
	const current = Math.min(active, options.length - 1);

	const pick = (path: string) => {
		const next = complete(draft, caret, path);
		setDraft(next.text);
		setCaret(next.caret);
		requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
	};
	const track = (element: HTMLInputElement) => {
		setCaret(element.selectionStart ?? element.value.length);
	};
	const preview = help.previews?.[testId];
	return (
		<div className="placeholder-input">
			<input
				ref={input}
				className="input"
				type="text"
				autoComplete="off"
				spellCheck={false}
				role="combobox"
				aria-autocomplete="list"
				aria-expanded={expanded}
				aria-controls={`${id}-list`}
				aria-activedescendant={expanded ? `${id}-option-${current}` : undefined}
				value={draft}
				placeholder={placeholder}
				onChange={(event) => {
					setDraft(event.target.value);
					setClosed(false);
					setActive(0);
					track(event.target);
				}}
				onSelect={(event) => track(event.currentTarget)}
				onBlur={commit}
				onKeyDown={(event) => {
					if (expanded && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
						event.preventDefault();
						const step = event.key === 'ArrowDown' ? 1 : -1;
						setActive((current + step + options.length) % options.length);
					} else if (expanded && event.key === 'Enter') {
						event.preventDefault();
						pick(options[current]);
					} else if (expanded && event.key === 'Escape') {
						// Closes the list only; the panel stays open.
						event.stopPropagation();
						setClosed(true);
					} else if (event.key === 'Enter') commit();
				}}
				data-testid={testId}
				{...labelled}
			/>
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
							pick(path);
						}}
					>
						{`{{${path}}}`}
					</li>
				))}
			</ul>
			{preview?.(draft)}
		</div>
	);
}
