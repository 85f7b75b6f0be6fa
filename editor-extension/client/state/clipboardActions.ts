// Copy, cut, paste and duplicate, in n8n's clipboard format (so nodes travel to and from n8n).
import { copySelection, pasteFragment } from '../graph/clipboard';
import { selectedIds } from '../graph/operations';
import { commit, deleteSelection, doc, getLookup, view } from './editor';
import { showError, showToast } from './toasts';

let clipboard = '';
let pasteCount = 0;

export function copy(): boolean {
	const { nodes } = selectedIds(doc());
	if (!nodes.length) return false;
	clipboard = copySelection(doc(), nodes);
	pasteCount = 0;
	navigator.clipboard?.writeText(clipboard).catch(() => undefined);
	showToast(
		'info',
		`Copied ${nodes.length} node${nodes.length === 1 ? '' : 's'}.`,
		'Paste with Ctrl+V here or in n8n.',
	);
	return true;
}

export function cut() {
	if (copy()) deleteSelection();
}

/** Pastes text copied here or in n8n; falls back to the canvas's own clipboard. */
export function paste(text?: string) {
	const source = text && text.trim().startsWith('{') ? text : clipboard;
	if (!source) {
		showToast(
			'info',
			'Nothing to paste.',
			'Select nodes and press Ctrl+C first, or copy nodes in n8n.',
		);
		return;
	}
	try {
		pasteCount = source === clipboard ? pasteCount + 1 : 1;
		const result = pasteFragment(
			doc(),
			source,
			getLookup(),
			source === clipboard ? {} : { at: view.center() },
		);
		if (source === clipboard && pasteCount > 1) {
			// Each further paste of the same copy lands a step further away.
			const shift = 40 * (pasteCount - 1);
			result.doc.nodes = result.doc.nodes.map((node) =>
				result.pastedIds.includes(node.id)
					? { ...node, position: { x: node.position.x + shift, y: node.position.y + shift } }
					: node,
			);
		}
		if (result.pastedIds.length) commit(result.doc);
		for (const notice of result.notices) showToast('warning', notice);
	} catch (error) {
		showError(error);
	}
}

export function duplicate() {
	const { nodes } = selectedIds(doc());
	if (!nodes.length) return;
	const text = copySelection(doc(), nodes);
	const result = pasteFragment(doc(), text, getLookup());
	if (result.pastedIds.length) commit(result.doc);
	for (const notice of result.notices) showToast('warning', notice);
}
