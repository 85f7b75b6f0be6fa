// The keyboard of a placeholder input's list: arrows move, Enter picks, Escape closes the list only;
// Enter with the list closed commits the text.
import type { KeyboardEvent } from 'react';

interface ListState {
	expanded: boolean;
	options: string[];
	current: number;
	setActive: (index: number) => void;
	setClosed: (closed: boolean) => void;
	pick: (path: string) => void;
	commit: () => void;
}

export function onPlaceholderKey(event: KeyboardEvent, list: ListState) {
	const { expanded, options, current } = list;
	if (expanded && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
		event.preventDefault();
		const step = event.key === 'ArrowDown' ? 1 : -1;
		list.setActive((current + step + options.length) % options.length);
	} else if (expanded && event.key === 'Enter') {
		event.preventDefault();
		list.pick(options[current]);
	} else if (expanded && event.key === 'Escape') {
		// Closes the list only; the panel stays open.
		event.stopPropagation();
		list.setClosed(true);
	} else if (event.key === 'Enter') list.commit();
}
