// Start a new action on the home page: blank or from a template, optionally tested against the demo backend.
import type { TemplateInfo } from '../../api/types';
import { plainDescription } from '../palette/TemplateList';
import { downloadJson } from './download';
import { ImportTemplate } from './ImportTemplate';

interface Props {
	templates: TemplateInfo[];
	templatesUseDemo: boolean;
	onTemplatesUseDemo: (on: boolean) => void;
	onCreate: (template?: TemplateInfo) => void;
	busy: boolean;
}

export function NewAction(props: Props) {
	return (
		<section className="home__new" aria-labelledby="home-new-title">
			<h2 id="home-new-title">Start a new action</h2>
			<div className="home__cards">
				<button
					className="template-card"
					onClick={() => props.onCreate()}
					disabled={props.busy}
					data-testid="new-blank-action"
				>
					<strong>Blank action</strong>
					<span>An empty canvas: drag Fin Trigger onto it.</span>
				</button>
				{props.templates.map((template) =>
					template.n8nOnly ? (
						// Needs n8n's own nodes (its AI Agent): a file to import into n8n's editor.
						<button
							key={template.id}
							className="template-card"
							onClick={() => downloadJson(`${template.id}.json`, template.workflow)}
							data-testid={`download-${template.id}`}
						>
							<strong>{template.name}</strong>
							<span>{template.description}</span>
							<span className="muted">
								Downloads the workflow: import it in n8n (Import from File).
							</span>
						</button>
					) : (
						<button
							key={template.id}
							className="template-card"
							onClick={() => props.onCreate(template)}
							disabled={props.busy}
							data-testid={`new-from-${template.id}`}
						>
							<strong>{template.name}</strong>
							{template.description && (
								<span>{plainDescription(template.name, template.description)}</span>
							)}
						</button>
					),
				)}
			</div>
			<ImportTemplate busy={props.busy} onCreate={props.onCreate} />
			<label className="checkbox-line">
				<input
					type="checkbox"
					checked={props.templatesUseDemo}
					onChange={(event) => props.onTemplatesUseDemo(event.target.checked)}
					data-testid="home-use-demo"
				/>
				Test templates against the built-in demo backend (no account needed; the graph keeps the
				real addresses)
			</label>
		</section>
	);
}
