// Import an n8n workflow: paste its JSON or choose the file n8n downloaded. Replaces the canvas
// (Ctrl+Z brings the previous graph back); nothing of the file is dropped.
import { useState } from 'react';

import { parseWorkflowJson } from '../../graph/workflow';
import type { N8nWorkflow } from '../../graph/types';
import { Modal } from '../common/Modal';

export function ImportDialog({
	onClose,
	onImport,
}: {
	onClose: () => void;
	onImport: (workflow: N8nWorkflow) => void;
}) {
	const [text, setText] = useState('');
	const [error, setError] = useState<string>();
	const submit = (value = text) => {
		try {
			onImport(parseWorkflowJson(value));
		} catch (caught) {
			setError((caught as Error).message);
		}
	};
	return (
		<Modal
			title="Import n8n workflow"
			onClose={onClose}
			testId="import-dialog"
			wide
			footer={<ImportFooter text={text} setText={setText} submit={submit} />}
		>
			<p className="field__hint">
				Paste the JSON of a workflow (n8n: ⋯ menu → Download, or select nodes and copy). The current
				canvas is replaced; Ctrl+Z brings it back.
			</p>
			<textarea
				className="input input--code"
				rows={16}
				value={text}
				onChange={(event) => {
					setText(event.target.value);
					setError(undefined);
				}}
				placeholder='{"name": "...", "nodes": [...], "connections": {...}}'
				data-testid="import-text"
				autoFocus
			/>
			{error && (
				<p className="field__error" role="alert" data-testid="import-error">
					{error}
				</p>
			)}
		</Modal>
	);
}

/** Choose the file n8n downloaded (imported at once), or import what was pasted. */
function ImportFooter({
	text,
	setText,
	submit,
}: {
	text: string;
	setText: (text: string) => void;
	submit: (value?: string) => void;
}) {
	return (
		<>
			<label className="button">
				Choose file…
				<input
					type="file"
					accept="application/json,.json"
					hidden
					data-testid="import-file"
					onChange={async (event) => {
						const file = event.target.files?.[0];
						if (!file) return;
						const content = await file.text();
						setText(content);
						submit(content);
					}}
				/>
			</label>
			<button
				className="button button--primary"
				onClick={() => submit()}
				disabled={!text.trim()}
				data-testid="import-submit"
			>
				Import
			</button>
		</>
	);
}
