// A dialog over the page; Escape or the close button closes it. It is named by its title, takes the
// focus when it opens, keeps Tab inside itself, and gives the focus back to where it was on close.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
	title: string;
	onClose: () => void;
	children: ReactNode;
	footer?: ReactNode;
	testId: string;
	wide?: boolean;
}

const FOCUSABLE =
	'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
	return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
		(element) => element.offsetParent !== null || element === document.activeElement,
	);
}

export function Modal({ title, onClose, children, footer, testId, wide }: Props) {
	const dialog = useRef<HTMLDivElement>(null);
	const titleId = useId();
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
	const trapTab = (event: React.KeyboardEvent) => {
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
	return (
		<div
			className="modal-backdrop"
			onMouseDown={(event) => event.target === event.currentTarget && onClose()}
		>
			<div
				ref={dialog}
				className={`modal${wide ? ' modal--wide' : ''}`}
				role="dialog"
				aria-modal="true"
				aria-labelledby={titleId}
				tabIndex={-1}
				onKeyDown={trapTab}
				data-testid={testId}
			>
				<header className="modal__header">
					<h2 id={titleId}>{title}</h2>
					<button
						className="icon-button"
						onClick={onClose}
						aria-label="Close"
						data-testid={`${testId}-close`}
					>
						×
					</button>
				</header>
				<div className="modal__body">{children}</div>
				{footer && <footer className="modal__footer">{footer}</footer>}
			</div>
		</div>
	);
}
