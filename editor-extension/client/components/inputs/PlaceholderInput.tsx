// A one-line text input that helps with `{{attribute}}` placeholders (issue 15): typing `{{` opens a
// list of the attributes the test values hold (an ARIA combobox: arrows move, Enter picks,
// Escape closes; Tab still moves on), and a field may show a live preview of what its text becomes (the API Action's
// URL for the test customer).
import { createContext, useContext, useId, type ReactNode } from 'react';

import { useFieldLabel } from './fieldLabel';
import { onPlaceholderKey } from './placeholderKeys';
import { PlaceholderSuggestions } from './PlaceholderSuggestions';
import { usePlaceholderList } from './usePlaceholderList';

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
	const list = usePlaceholderList(help.attributes, draft, setDraft);
	const { expanded, current } = list;
	const preview = help.previews?.[testId];
	return (
		<div className="placeholder-input">
			<input
				ref={list.input}
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
				onChange={(event) => list.typed(event.target)}
				onSelect={(event) => list.track(event.currentTarget)}
				onBlur={commit}
				onKeyDown={(event) => onPlaceholderKey(event, { ...list, commit })}
				data-testid={testId}
				{...labelled}
			/>
			<PlaceholderSuggestions
				id={id}
				testId={testId}
				options={list.options}
				current={current}
				expanded={expanded}
				onPick={list.pick}
			/>
			{preview?.(draft)}
		</div>
	);
}
