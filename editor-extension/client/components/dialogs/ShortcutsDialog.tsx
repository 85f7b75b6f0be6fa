import { SHORTCUTS } from '../../graph/shortcuts';
import { Modal } from '../common/Modal';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
	return (
		<Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
			<table className="shortcuts">
				<tbody>
					{SHORTCUTS.map((shortcut) => (
						<tr key={shortcut.action + shortcut.keys}>
							<td>
								<kbd>{shortcut.keys.replace(/mod/g, isMac ? '⌘' : 'Ctrl')}</kbd>
							</td>
							<td>{shortcut.label}</td>
						</tr>
					))}
				</tbody>
			</table>
			<p className="field__hint">
				Also: drag on empty canvas to pan, scroll to zoom, Shift+drag to select several nodes,
				Ctrl+click to add to the selection.
			</p>
		</Modal>
	);
}
