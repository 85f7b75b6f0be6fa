// The template's instructions (its sticky notes) as readable markdown in the side panel (issue 15):
// on the canvas a note is small and zoomed out; here it reads like a page.
import { editorStore } from '../../state/editor';
import { useStore } from '../../state/store';
import { Markdown } from '../common/Markdown';

export function Instructions() {
	const nodes = useStore(editorStore, (state) => state.history.present.nodes);
	const notes = nodes
		.filter((node) => node.type === 'sticky')
		.map((node) => ({
			id: node.id,
			name: node.data.node.name,
			content: String(node.data.node.parameters.content ?? ''),
			position: node.position,
		}))
		.filter((note) => note.content.trim() !== '')
		// Read top to bottom, left to right, as on the canvas.
		.sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
	if (!notes.length) return null;
	return (
		<section className="panel-section">
			<details className="instructions" open data-testid="instructions">
				<summary>
					<h3>Instructions</h3>
					<span className="muted">
						{' '}
						from {notes.length} note{notes.length === 1 ? '' : 's'} on the canvas
					</span>
				</summary>
				{notes.map((note) => (
					<article key={note.id} className="instructions__note" aria-label={note.name}>
						<Markdown text={note.content} testId={`instructions-${note.name}`} />
					</article>
				))}
			</details>
		</section>
	);
}
