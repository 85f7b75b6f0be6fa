// "Import a template file" on the home page: reads a template file (or an n8n workflow file with
// this package's nodes), names every field that is wrong, and shows what the template needs
// (credentials to create, addresses to set, its instructions) before it is used.
import { useRef, useState } from 'react';

import { readTemplateFile, templateWorkflow, type ReadResult } from '../../../shared/template-file';
import type { TemplateInfo } from '../../api/types';
import { Modal } from '../common/Modal';
import { plainDescription } from '../palette/TemplateList';

interface Props {
	busy: boolean;
	onCreate: (template: TemplateInfo) => void;
}

export function ImportTemplate({ busy, onCreate }: Props) {
	const input = useRef<HTMLInputElement>(null);
	const [read, setRead] = useState<{ fileName: string; result: ReadResult }>();
	const choose = async (file: File | undefined) => {
		if (!file) return;
		setRead({ fileName: file.name, result: readTemplateFile(await file.text()) });
		if (input.current) input.current.value = '';
	};
	return (
		<>
			<button
				className="button"
				onClick={() => input.current?.click()}
				disabled={busy}
				data-testid="import-template"
			>
				Import a template file
			</button>
			{/* Opened by the button above: a file input is hard to label and style for keyboard users. */}
			<input
				ref={input}
				hidden
				type="file"
				accept=".json,application/json"
				onChange={(event) => void choose(event.target.files?.[0])}
				data-testid="import-template-file"
			/>
			{read && (
				<ImportDialog
					fileName={read.fileName}
					result={read.result}
					busy={busy}
					onClose={() => setRead(undefined)}
					onUse={(template) => {
						setRead(undefined);
						onCreate(template);
					}}
				/>
			)}
		</>
	);
}

function ImportDialog({
	fileName,
	result,
	busy,
	onClose,
	onUse,
}: {
	fileName: string;
	result: ReadResult;
	busy: boolean;
	onClose: () => void;
	onUse: (template: TemplateInfo) => void;
}) {
	if (!result.ok)
		return (
			<Modal
				title={`“${fileName}” cannot be imported`}
				onClose={onClose}
				testId="import-template-dialog"
			>
				<div role="alert" data-testid="import-template-errors">
					<p>Fix these fields in the file, then import it again:</p>
					<ul>
						{result.errors.map((error) => (
							<li key={error}>{error}</li>
						))}
					</ul>
				</div>
			</Modal>
		);
	const { file, needs } = result;
	const use = () =>
		onUse({
			id: `imported-${Date.now()}`,
			name: file.name,
			description: file.description,
			...(file.testValues ? { testValues: file.testValues } : {}),
			workflow: templateWorkflow(file) as TemplateInfo['workflow'],
		});
	return (
		<Modal
			title={`Import “${file.name}”`}
			onClose={onClose}
			testId="import-template-dialog"
			wide
			footer={
				<>
					<button className="button" onClick={onClose}>
						Cancel
					</button>
					<button
						className="button button--primary"
						onClick={use}
						disabled={busy}
						data-testid="import-template-use"
					>
						Use this template
					</button>
				</>
			}
		>
			{file.description && <p>{file.description}</p>}
			<h3>What it needs before it works</h3>
			<ul data-testid="import-template-needs">
				{needs.credentials.length === 0 && <li>No credential.</li>}
				{needs.credentials.map((credential) => (
					<li key={`${credential.node}-${credential.type}`}>
						A <strong>{credential.type}</strong> credential of your own on “{credential.node}”.
					</li>
				))}
				{needs.addresses.map((address) => (
					<li key={`${address.node}-${address.parameter}`}>
						Your address in “{address.node}” ({address.parameter}), now {address.value}
					</li>
				))}
			</ul>
			{needs.instructions.length > 0 && (
				<>
					<h3>Its instructions</h3>
					{needs.instructions.map((text, index) => (
						<p key={index} className="muted">
							{plainDescription('', text)}
						</p>
					))}
				</>
			)}
		</Modal>
	);
}
