// A dialog's keyboard and focus handling: Escape closes it, the focus moves in when it opens, Tab
// stays inside, and the focus goes back to where it was on close.
import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE =
	'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
	return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
		(element) => element.offsetParent !== null || element === document.activeElement,
	);
}

/** Returns the dialog's keydown handler that keeps Tab inside it. */
export function useModalFocus(dialog: RefObject<HTMLDivElement | null>, onClose: () => void) {
	useEffect(() => {
		const onKey = (event: KeyboardEvent) => {
			if (event.key === 'Escape') {
				event.stopPropagation();
				onClose();
			}
		};
		window.addEventListener('keydown', onKey, true);
		return () => window.removeEventListener('keydown', onKey, true);
	}, [onClose]);
	// Read while rendering, before a field inside takes the focus (autoFocus), to give it back on close.
	const opener = useRef(
		typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null),
	);
	useEffect(() => {
		// Focus moves in (the first field, else the dialog itself) and back out on close.
		const before = opener.current;
		const root = dialog.current;
		if (root && !root.contains(document.activeElement)) {
			const first = focusables(root).find((element) => !element.dataset.testid?.endsWith('-close'));
			(first ?? root).focus();
		}
		return () => {
			if (before && document.contains(before)) before.focus();
		};
	}, []);
	return (event: React.KeyboardEvent) => {
		if (event.key !== 'Tab' || !dialog.current) return;
		const list = focusables(dialog.current);
		if (list.length === 0) return;
		const first = list[0];
		const last = list[list.length - 1];
		if (event.shiftKey && document.activeElement === first) {
			event.preventDefault();
			last.focus();
		} else if (!event.shiftKey && document.activeElement === last) {
			event.preventDefault();
			first.focus();
		}
	};
}
