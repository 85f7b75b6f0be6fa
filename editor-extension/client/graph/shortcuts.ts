// n8n's canvas keyboard shortcuts that apply here, as a pure key -> action table.
export type ShortcutAction =
	| 'undo'
	| 'redo'
	| 'copy'
	| 'cut'
	| 'paste'
	| 'delete'
	| 'selectAll'
	| 'duplicate'
	| 'test'
	| 'fitView'
	| 'resetZoom'
	| 'zoomIn'
	| 'zoomOut'
	| 'toggleDisabled'
	| 'rename'
	| 'openPalette'
	| 'openNode'
	| 'addSticky'
	| 'export'
	| 'help'
	| 'deselect';

export interface KeyInput {
	key: string;
	ctrlKey?: boolean;
	metaKey?: boolean;
	shiftKey?: boolean;
	altKey?: boolean;
}

/** The table shown in the shortcuts help; `mod` is Ctrl (Cmd on a Mac). */
export const SHORTCUTS: Array<{ keys: string; action: ShortcutAction; label: string }> = [
	{ keys: 'mod+Enter', action: 'test', label: 'Test response' },
	{ keys: 'mod+Z', action: 'undo', label: 'Undo' },
	{ keys: 'mod+Shift+Z / mod+Y', action: 'redo', label: 'Redo' },
	{ keys: 'mod+C', action: 'copy', label: 'Copy selected nodes' },
	{ keys: 'mod+X', action: 'cut', label: 'Cut selected nodes' },
	{ keys: 'mod+V', action: 'paste', label: 'Paste nodes (also from n8n)' },
	{ keys: 'mod+D', action: 'duplicate', label: 'Duplicate selected nodes' },
	{ keys: 'mod+A', action: 'selectAll', label: 'Select all nodes' },
	{ keys: 'Delete / Backspace', action: 'delete', label: 'Delete selection' },
	{ keys: 'D', action: 'toggleDisabled', label: 'Deactivate / activate selected node' },
	{ keys: 'F2', action: 'rename', label: 'Rename selected node' },
	{ keys: 'Enter', action: 'openNode', label: 'Open selected node' },
	// Not Tab: Tab moves the keyboard focus through the page, as everywhere else.
	{ keys: '/', action: 'openPalette', label: 'Search nodes in the palette' },
	{ keys: 'Shift+S', action: 'addSticky', label: 'Add a sticky note' },
	{ keys: '1', action: 'fitView', label: 'Zoom to fit' },
	{ keys: '0', action: 'resetZoom', label: 'Reset zoom' },
	{ keys: '+ / -', action: 'zoomIn', label: 'Zoom in / out' },
	{ keys: 'mod+S', action: 'export', label: 'Export workflow JSON' },
	{ keys: '?', action: 'help', label: 'Show these shortcuts' },
	{ keys: 'Escape', action: 'deselect', label: 'Deselect / close' },
];

export function shortcutFor(event: KeyInput): ShortcutAction | undefined {
	const mod = Boolean(event.ctrlKey || event.metaKey);
	const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
	if (mod && !event.altKey) {
		if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
		if (key === 'y') return 'redo';
		if (key === 'c') return 'copy';
		if (key === 'x') return 'cut';
		if (key === 'v') return 'paste';
		if (key === 'a') return 'selectAll';
		if (key === 'd') return 'duplicate';
		if (key === 's') return 'export';
		if (key === 'Enter') return 'test';
		return undefined;
	}
	if (event.altKey || mod) return undefined;
	if (key === 'Delete' || key === 'Backspace') return 'delete';
	if (key === 'Escape') return 'deselect';
	if (key === 'F2') return 'rename';
	if (key === 'Enter') return 'openNode';
	if (key === '/') return 'openPalette';
	if (key === '?') return 'help';
	if (key === 's' && event.shiftKey) return 'addSticky';
	if (event.shiftKey && key !== '+' && key !== '!') return undefined;
	if (key === 'd') return 'toggleDisabled';
	if (key === '1' || key === '!') return 'fitView';
	if (key === '0') return 'resetZoom';
	if (key === '+' || key === '=') return 'zoomIn';
	if (key === '-') return 'zoomOut';
	return undefined;
}

/** Shortcuts never fire while the user types in a field. */
export function isTypingTarget(
	target: { tagName?: string; isContentEditable?: boolean } | null,
): boolean {
	if (!target) return false;
	const tag = (target.tagName ?? '').toUpperCase();
	return (
		tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || Boolean(target.isContentEditable)
	);
}
