// Undo/redo as two stacks of snapshots. Immutable: every call returns a new History.
export interface History<T> {
	past: T[];
	present: T;
	future: T[];
}

export const HISTORY_LIMIT = 100;

export function createHistory<T>(present: T): History<T> {
	return { past: [], present, future: [] };
}

/** Records a new present; the old one becomes undoable and the redo stack is cleared. */
export function record<T>(history: History<T>, next: T, limit = HISTORY_LIMIT): History<T> {
	if (next === history.present) return history;
	const past = [...history.past, history.present];
	return {
		past: past.length > limit ? past.slice(past.length - limit) : past,
		present: next,
		future: [],
	};
}

/** Replaces the present without an undo step (selection, run status, a drag in progress). */
export function replacePresent<T>(history: History<T>, next: T): History<T> {
	return { ...history, present: next };
}

export function undo<T>(history: History<T>): History<T> {
	if (!history.past.length) return history;
	const previous = history.past[history.past.length - 1];
	return {
		past: history.past.slice(0, -1),
		present: previous,
		future: [history.present, ...history.future],
	};
}

export function redo<T>(history: History<T>): History<T> {
	if (!history.future.length) return history;
	const [next, ...future] = history.future;
	return { past: [...history.past, history.present], present: next, future };
}

export const canUndo = <T>(history: History<T>) => history.past.length > 0;
export const canRedo = <T>(history: History<T>) => history.future.length > 0;
