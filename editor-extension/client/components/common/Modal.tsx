// A dialog over the page; Escape or the close button closes it.
import { useEffect, type ReactNode } from 'react';

interface Props {
	title: string;
	onClose: () => void;
	children: ReactNode;
	footer?: ReactNode;
	testId: string;
	wide?: boolean;
}

export function Modal({ title, onClose, children, footer, testId, wide }: Props) {
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
	return (
		<div
			className="modal-backdrop"
			onMouseDown={(event) => event.target === event.currentTarget && onClose()}
		>
			<div
				className={`modal${wide ? ' modal--wide' : ''}`}
				role="dialog"
				aria-modal="true"
				aria-label={title}
				data-testid={testId}
			>
				<header className="modal__header">
					<h2>{title}</h2>
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
