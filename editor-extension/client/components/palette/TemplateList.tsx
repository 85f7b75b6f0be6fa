// Ready graphs: open one and it is on the canvas, pointed at the demo backend if wanted.
import type { TemplateInfo } from '../../api/types';

/** A template's description as plain text: no markdown marks, and not its own title again. */
export function plainDescription(name: string, description = ''): string {
	const lines = description
		.replace(/[*_`]+/g, '')
		.split('\n')
		.map((line) => line.replace(/^#+\s*/, '').trim())
		.filter(Boolean);
	if (lines.length && name.toLowerCase().includes(lines[0].toLowerCase())) lines.shift();
	return lines.join(' ');
}

interface Props {
	templates: TemplateInfo[];
	useDemo: boolean;
	onUseDemo: (on: boolean) => void;
	onOpen: (template: TemplateInfo) => void;
}

export function TemplateList({ templates, useDemo, onUseDemo, onOpen }: Props) {
	return (
		<section className="palette__section" data-testid="template-list">
			<h3>Templates</h3>
			<label
				className="checkbox-line"
				title="The canvas server imitates the electricity, Shopify and Statuspage APIs at /demo, so you can test at once"
			>
				<input
					type="checkbox"
					checked={useDemo}
					onChange={(event) => onUseDemo(event.target.checked)}
					data-testid="template-use-demo"
				/>
				Open with the built-in demo backend (no account needed)
			</label>
			{templates.length === 0 && (
				<p className="muted">No templates found in templates/workflows.</p>
			)}
			{templates.map((template) => (
				<button
					key={template.id}
					className="template-card"
					onClick={() => onOpen(template)}
					data-testid={`template-${template.id}`}
				>
					<strong>{template.name}</strong>
					{template.description && (
						<span>{plainDescription(template.name, template.description)}</span>
					)}
				</button>
			))}
		</section>
	);
}
