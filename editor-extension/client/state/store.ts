// A tiny observable store (useSyncExternalStore), so editor actions can read the current state
// synchronously and React re-renders only what changed.
import { useSyncExternalStore } from 'react';

export class Store<S> {
	private listeners = new Set<() => void>();

	constructor(private state: S) {}

	get = (): S => this.state;

	set = (change: Partial<S> | ((state: S) => Partial<S>)) => {
		const partial = typeof change === 'function' ? change(this.state) : change;
		this.state = { ...this.state, ...partial };
		for (const listener of this.listeners) listener();
	};

	subscribe = (listener: () => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};
}

export function useStore<S, T>(store: Store<S>, select: (state: S) => T): T {
	return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
