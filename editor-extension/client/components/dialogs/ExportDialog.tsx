// Export the graph as n8n workflow JSON: everything imported is kept (unknown fields, sticky notes);
// credentials appear as references ({id, name}) only, never their secrets.
import type { N8nWorkflow } from '../../graph/types';
import { Modal } from '../common/Modal';
import { JsonView } from '../common/JsonView';

function fileName(workflow: N8nWorkflow): string {
	const base = String(workflow.name ?? 'workflow')
		.trim()
		.replace(/[^\w.-]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return `${base || 'workflow'}.json`;
}

export function ExportDialog({
	workflow,
	onClose,
}: {
	workflow: N8nWorkflow;
	onClose: () => void;
}) {
	const text = JSON.stringify(workflow, null, 2);
	const download = () => {
		const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
		const link = document.createElement('a');
		link.href = url;
		link.download = fileName(workflow);
		link.click();
		setTimeout(() => URL.revokeObjectURL(url), 1000);
	};
	return (
		<Modal
			title="Export n8n workflow"
			onClose={onClose}
			testId="export-dialog"
			wide
			footer={
				<button className="button button--primary" onClick={download} data-testid="export-download">
					Download {fileName(workflow)}
				</button>
			}
		>
			<p className="field__hint">
				Import this file in n8n (Workflows → Import from File). Credentials are referenced by name:
				create them in n8n with the same names. No secret is in this file.
			</p>
			<JsonView value={workflow} testId="export-json" maxHeight={420} />
		</Modal>
	);
}
