// Messages at the bottom of the screen. Errors always carry what to do next and stay until closed.
import { Store } from './store';

export interface Toast {
	id: number;
	/** Messages of one activity (e.g. 'test'), cleared together when it starts again. */
	group?: string;
	kind: 'success' | 'info' | 'warning' | 'error';
	title: string;
	hint?: string;
}

export const toastStore = new Store<{ toasts: Toast[] }>({ toasts: [] });
let counter = 0;

export function dismissToast(id: number) {
	toastStore.set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
}

export function showToast(
	kind: Toast['kind'],
	title: string,
	hint?: string,
	group?: string,
): number {
	const id = ++counter;
	toastStore.set((state) => ({
		toasts: [
			...state.toasts.filter((toast) => toast.title !== title),
			{ id, kind, title, hint, group },
		].slice(-4),
	}));
	if (kind !== 'error') setTimeout(() => dismissToast(id), kind === 'warning' ? 9000 : 5000);
	return id;
}

export function showError(error: unknown, fallbackHint = 'Try again.') {
	const { message, hint } = error as { message?: string; hint?: string };
	showToast('error', message ?? String(error), hint ?? fallbackHint);
}

export function clearToasts(group: string) {
	toastStore.set((state) => ({ toasts: state.toasts.filter((toast) => toast.group !== group) }));
}
