// n8n's canvas shortcuts, and the clipboard events (so nodes copy to and from n8n).
import { useEffect } from 'react';

import { copySelection } from '../graph/clipboard';
import { isTypingTarget, shortcutFor } from '../graph/shortcuts';
import { copy, cut, duplicate, paste } from './clipboardActions';
import {
	addStickyNote,
	deleteSelection,
	doc,
	editorStore,
	openDialog,
	redoChange,
	selectAll,
	selectNodes,
	selectedNode,
	toggleDisabledSelection,
	undoChange,
	view,
} from './editor';

export function useKeyboard(onTest: () => void) {
	useEffect(() => {
		const pending: PendingPaste = {};
		const onKeyDown = (event: KeyboardEvent) => runShortcut(event, onTest, pending);
		const onPaste = (event: ClipboardEvent) => pasteFromClipboard(event, pending);
		const onCopy = copyToClipboard;

		window.addEventListener('keydown', onKeyDown);
		document.addEventListener('paste', onPaste);
		document.addEventListener('copy', onCopy);
		document.addEventListener('cut', onCopy);
		return () => {
			window.removeEventListener('keydown', onKeyDown);
			document.removeEventListener('paste', onPaste);
			document.removeEventListener('copy', onCopy);
			document.removeEventListener('cut', onCopy);
		};
	}, [onTest]);
}

/** The canvas's own paste, waiting for a paste event that brings the system clipboard instead. */
interface PendingPaste {
	timer?: ReturnType<typeof setTimeout>;
}

function runShortcut(event: KeyboardEvent, onTest: () => void, pending: PendingPaste) {
	const target = event.target as HTMLElement | null;
	if (isTypingTarget(target) || editorStore.get().dialog) return;
	const action = shortcutFor(event);
	if (!action) return;
	// Single keys (Tab, Enter, Delete, D...) act on the canvas only: elsewhere they keep their usual
	// meaning (Tab moves focus, Enter presses a button).
	const withModifier = event.ctrlKey || event.metaKey;
	const onCanvas = !target || target === document.body || Boolean(target.closest?.('.canvas'));
	if (!withModifier && !onCanvas && action !== 'help' && action !== 'deselect') return;
	const handlers = shortcutHandlers(onTest, pending);
	if (action !== 'paste' && action !== 'copy' && action !== 'cut') event.preventDefault();
	handlers[action]?.();
}

function shortcutHandlers(onTest: () => void, pending: PendingPaste): Record<string, () => void> {
	return {
		undo: undoChange,
		redo: redoChange,
		copy: () => void copy(),
		cut,
		// The paste event brings the system clipboard; without one, the canvas's own copy is used.
		paste: () => {
			pending.timer = setTimeout(() => paste(), 80);
		},
		delete: deleteSelection,
		selectAll,
		duplicate,
		test: onTest,
		fitView: view.fitView,
		resetZoom: view.resetZoom,
		zoomIn: view.zoomIn,
		zoomOut: view.zoomOut,
		toggleDisabled: toggleDisabledSelection,
		rename: () =>
			selectedNode() && editorStore.set((state) => ({ renameRequest: state.renameRequest + 1 })),
		openNode: () =>
			selectedNode() && editorStore.set((state) => ({ openRequest: state.openRequest + 1 })),
		openPalette: () => editorStore.set((state) => ({ paletteRequest: state.paletteRequest + 1 })),
		addSticky: addStickyNote,
		export: () => openDialog('export'),
		help: () => openDialog('shortcuts'),
		deselect: () => selectNodes([]),
	};
}

function pasteFromClipboard(event: ClipboardEvent, pending: PendingPaste) {
	if (isTypingTarget(event.target as HTMLElement) || editorStore.get().dialog) return;
	clearTimeout(pending.timer);
	event.preventDefault();
	paste(event.clipboardData?.getData('text/plain'));
}

/** Copies the selected nodes as n8n does, unless text is selected (then the browser copies it). */
function copyToClipboard(event: ClipboardEvent) {
	if (
		isTypingTarget(event.target as HTMLElement) ||
		editorStore.get().dialog ||
		window.getSelection()?.toString()
	)
		return;
	const ids = doc()
		.nodes.filter((node) => node.selected)
		.map((node) => node.id);
	if (!ids.length) return;
	event.clipboardData?.setData('text/plain', copySelection(doc(), ids));
	event.preventDefault();
}
