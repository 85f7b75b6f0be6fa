// The state of a placeholder input's `{{` list: where the caret is, which attributes match, which is
// active, and picking one (the caret lands after it).
import { useLayoutEffect, useRef, useState } from 'react';

import { complete, openPlaceholder, suggest } from '../../graph/placeholderHelp';

export function usePlaceholderList(
	attributes: string[],
	draft: string,
	setDraft: (text: string) => void,
) {
	const input = useRef<HTMLInputElement>(null);
	const [caret, setCaret] = useState(0);
	const [active, setActive] = useState(0);
	const [closed, setClosed] = useState(false);
	const open = openPlaceholder(draft, caret);
	const options = open && !closed ? suggest(attributes, open.query) : [];
	const expanded = options.length > 0;
	const current = Math.min(active, options.length - 1);
	// The caret after a pick is placed as soon as React has written the new value, before the next
	// key is handled: placed a frame later, a key typed quickly after Enter landed before it.
	const caretAfterPick = useRef<number | undefined>(undefined);
	useLayoutEffect(() => {
		if (caretAfterPick.current === undefined) return;
		input.current?.setSelectionRange(caretAfterPick.current, caretAfterPick.current);
		caretAfterPick.current = undefined;
	});

	const pick = (path: string) => {
		const next = complete(draft, caret, path);
		setDraft(next.text);
		setCaret(next.caret);
		caretAfterPick.current = next.caret;
	};
	const track = (element: HTMLInputElement) => {
		setCaret(element.selectionStart ?? element.value.length);
	};
	const typed = (element: HTMLInputElement) => {
		setDraft(element.value);
		setClosed(false);
		setActive(0);
		track(element);
	};
	return { input, options, expanded, current, setActive, setClosed, pick, track, typed };
}
