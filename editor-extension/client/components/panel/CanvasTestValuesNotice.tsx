// Instead of a node's own "Test Values" setting: where the canvas's test values are.
import { selectNodes } from '../../state/editor';

/**
 * One place for test values (issue 15): in the canvas a test always starts from the Test setup
 * panel's values, so a node's own "Test Values" (Fin Trigger's "Listen for test event" values, API
 * Action's values for a run without a conversation) would have no effect here. They are kept
 * unchanged in exports and still serve tests inside n8n.
 */
export function CanvasTestValuesNotice() {
	return (
		<div className="notice" data-testid="param-testValues-canvas">
			<strong>Test values</strong>: tests in this canvas use the values under Test setup → Test
			values, the one place for them. This node's own “Test Values” setting is kept unchanged in
			exports and is used only when you test inside n8n.{' '}
			<button
				type="button"
				className="link-button"
				onClick={() => selectNodes([])}
				data-testid="edit-test-values"
			>
				Edit test values
			</button>
		</div>
	);
}
