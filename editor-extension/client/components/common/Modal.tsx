// A dialog over the page; Escape or the close button closes it. It is named by its title, takes the
// focus when it opens, keeps Tab inside itself, and gives the focus back to where it was on close.
import { useId, useRef, type ReactNode } from 'react';

import { useModalFocus } from './useModalFocus';

interface Props {
	title: string;
	onClose: () => void;
	children: ReactNode;
	footer?: ReactNode;
	testId: string;
	wide?: boolean;
}

export function Modal({ title, onClose, children, footer, testId, wide }: Props) {
	const dialog = useRef<HTMLDivElement>(null);
	const titleId = useId();
	const trapTab = useModalFocus(dialog, onClose);
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
