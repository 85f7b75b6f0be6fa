// Bottom-left messages: what happened, and (for problems) what to do next.
import { dismissToast, toastStore } from '../../state/toasts';
import { useStore } from '../../state/store';

const ICONS = { success: '✓', info: 'i', warning: '!', error: '✕' };

export function Toasts() {
	const toasts = useStore(toastStore, (state) => state.toasts);
	return (
		<div className="toasts" aria-live="polite">
			{toasts.map((toast) => (
				<div
					key={toast.id}
					className={`toast toast--${toast.kind}`}
					data-testid={`toast-${toast.kind}`}
					role={toast.kind === 'error' ? 'alert' : 'status'}
				>
					<span className="toast__icon">{ICONS[toast.kind]}</span>
					<div className="toast__text">
						<strong>{toast.title}</strong>
						{toast.hint && <p>{toast.hint}</p>}
					</div>
					<button
						className="icon-button"
						onClick={() => dismissToast(toast.id)}
						aria-label="Dismiss"
					>
						×
					</button>
				</div>
			))}
		</div>
	);
}
