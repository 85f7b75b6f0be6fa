// "Set live": sends the tested graph to an n8n instance through the canvas server (n8n's public API):
// the credentials the nodes use are created or updated in n8n by the server (their secrets never come
// back here), the workflow this action was deployed as before is updated, and it is published, as
// n8n 2.x calls it. The canvas server keeps the API key encrypted (to read the action's runs for
// Logs); it never comes back to this page. Stored secrets go only to an n8n address confirmed for
// them: for a new address the server names them (`reenter`) and the admin enters them here again.
import { useState } from 'react';

import { useStore } from '../../state/store';
import { editorStore } from '../../state/editor';

import { api, type ApiError } from '../../api/client';
import type { DeployResult, DeployRequest, NodeIssue } from '../../api/types';
import type { N8nWorkflow } from '../../graph/types';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';

const BASE_URL_KEY = 'fin-canvas.n8nBaseUrl';

/** A stored credential whose secrets the server asks for again (server/secret-addresses.ts). */
interface Reentry {
	id: string;
	name: string;
	fields: { name: string; displayName: string }[];
}

interface Props {
	workflow: N8nWorkflow;
	usesDemo: boolean;
	onClose: () => void;
}

export function DeployDialog({ workflow, usesDemo, onClose }: Props) {
	const [baseUrl, setBaseUrl] = useState(
		() => localStorage.getItem(BASE_URL_KEY) ?? 'http://localhost:5678',
	);
	const [apiKey, setApiKey] = useState('');
	const [secrets, setSecrets] = useState<Record<string, Record<string, string>>>({});
	const [activate, setActivate] = useState(true);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<ApiError>();
	const [result, setResult] = useState<DeployResult & { warnings?: string[] }>();
	const deployed = useStore(editorStore, (state) => state.deployed);
	// Deployed to this n8n before: that workflow is updated, not copied.
	const previous = deployed && sameN8n(deployed.baseUrl, baseUrl) ? deployed : undefined;

	const deploy = async () => {
		setBusy(true);
		setError(undefined);
		const remember = (workflowId: unknown, active: boolean) => {
			if (typeof workflowId === 'string')
				editorStore.set({ deployed: { baseUrl, workflowId, active } });
		};
		try {
			localStorage.setItem(BASE_URL_KEY, baseUrl);
			const request: DeployRequest = {
				workflow,
				baseUrl,
				apiKey,
				activate,
				workflowId: previous?.workflowId ?? null,
				...(Object.keys(secrets).length ? { secrets } : {}),
			};
			const answer = await api.deploy(request);
			remember(answer.id, answer.active);
			setResult(answer);
			setApiKey('');
			setSecrets({});
		} catch (caught) {
			const failure = caught as ApiError;
			// Saved but not published: the next attempt updates that workflow.
			remember(failure.extra?.id, false);
			setError(failure);
		} finally {
			setBusy(false);
		}
	};
	const issues = Array.isArray(error?.extra?.issues) ? (error.extra.issues as NodeIssue[]) : [];
	const reenter = Array.isArray(error?.extra?.reenter) ? (error.extra.reenter as Reentry[]) : [];
	const setSecret = (id: string, field: string, value: string) =>
		setSecrets((all) => ({ ...all, [id]: { ...all[id], [field]: value } }));

	return (
		<Modal
			title="Publish in n8n"
			onClose={onClose}
			testId="deploy-dialog"
			footer={
				result ? (
					<button className="button button--primary" onClick={onClose}>
						Done
					</button>
				) : (
					<>
						<button className="button" onClick={onClose}>
							Cancel
						</button>
						<button
							className="button button--primary"
							onClick={deploy}
							disabled={busy || !baseUrl.trim() || !apiKey.trim()}
							data-testid="deploy-submit"
						>
							{busy ? <Spinner /> : null}{' '}
							{busy
								? 'Sending to n8n…'
								: `${previous ? 'Update' : 'Save'}${activate ? ' and publish' : ' in n8n'}`}
						</button>
					</>
				)
			}
		>
			{usesDemo && (
				<p className="field__error" data-testid="deploy-demo-warning">
					This graph holds addresses of the canvas's demo backend (e.g. from an older export): enter
					your API's address in those fields (Checks lists them), test again, then set it live.
				</p>
			)}
			{result ? (
				<div className="deploy-result" data-testid="deploy-result">
					<p>
						<strong>{result.active ? '✓ Published.' : '✓ Saved in n8n (not published).'}</strong>{' '}
						{result.message}{' '}
						{result.url && (
							<a href={result.url} target="_blank" rel="noreferrer">
								Open it in n8n
							</a>
						)}
					</p>
					{(result.credentials ?? []).length > 0 && (
						<ul className="deploy-credentials" data-testid="deploy-credentials">
							{result.credentials!.map((credential) => (
								<li key={credential.id}>
									{credential.name} ({credential.type}):{' '}
									{credential.outcome === 'created'
										? 'created in n8n'
										: credential.outcome === 'updated'
											? 'updated in n8n'
											: 'already in n8n'}
								</li>
							))}
						</ul>
					)}
					{(result.warnings ?? []).length > 0 && (
						<ul className="problems">
							{result.warnings!.map((warning) => (
								<li key={warning} className="problem problem--warning">
									! {warning}
								</li>
							))}
						</ul>
					)}
				</div>
			) : (
				<>
					<div className="field">
						<div className="field__label">
							<label htmlFor="deploy-base-url">n8n address</label>
						</div>
						<input
							id="deploy-base-url"
							className="input"
							value={baseUrl}
							onChange={(event) => setBaseUrl(event.target.value)}
							placeholder="https://n8n.example.com"
							data-testid="deploy-base-url"
						/>
						<p className="field__hint">The address you open n8n at.</p>
					</div>
					<div className="field">
						<div className="field__label">
							<label htmlFor="deploy-api-key">n8n API key</label>
						</div>
						<input
							id="deploy-api-key"
							className="input"
							type="password"
							autoComplete="off"
							value={apiKey}
							onChange={(event) => setApiKey(event.target.value)}
							data-testid="deploy-api-key"
						/>
						<p className="field__hint">
							In n8n: Settings → n8n API → Create an API key. The canvas server keeps it encrypted
							to show this action’s runs (Logs); it never comes back to this page.
						</p>
					</div>
					{reenter.length > 0 && (
						<fieldset className="field" data-testid="deploy-reenter">
							<legend className="field__label">
								Enter these secrets again for this n8n address
							</legend>
							{reenter.flatMap((credential) =>
								credential.fields.map((field) => (
									<div className="field" key={`${credential.id}:${field.name}`}>
										<label htmlFor={`deploy-secret-${credential.id}-${field.name}`}>
											{credential.name}: {field.displayName}
										</label>
										<input
											id={`deploy-secret-${credential.id}-${field.name}`}
											className="input"
											type="password"
											autoComplete="off"
											value={secrets[credential.id]?.[field.name] ?? ''}
											onChange={(event) => setSecret(credential.id, field.name, event.target.value)}
										/>
									</div>
								)),
							)}
							<p className="field__hint">
								Stored secrets go only to the n8n addresses they were entered for; this is asked
								once per address.
							</p>
						</fieldset>
					)}
					<label className="checkbox-line">
						<input
							type="checkbox"
							checked={activate}
							onChange={(event) => setActivate(event.target.checked)}
							data-testid="deploy-activate"
						/>
						Publish it, so it answers chat messages at once
					</label>
					<p className="field__hint" data-testid="deploy-target">
						{previous
							? `Updates the workflow this action became before (id ${previous.workflowId}); a new one only if it was deleted in n8n.`
							: 'Creates the workflow in n8n.'}{' '}
						Credentials entered on this canvas are created or updated in n8n by the canvas server;
						their secrets never come back to this page.
					</p>
				</>
			)}
			{error && (
				<div className="run-error" role="alert" data-testid="deploy-error">
					<strong>{error.message}</strong>
					<p>{error.hint}</p>
					{issues.length > 0 && (
						<ul className="problems" data-testid="deploy-issues">
							{issues.map((issue) => (
								<li key={`${issue.node}:${issue.message}`} className="problem problem--error">
									“{issue.node}”: {issue.message}
								</li>
							))}
						</ul>
					)}
					{typeof error.extra.url === 'string' && (
						<a href={error.extra.url} target="_blank" rel="noreferrer">
							Open the saved workflow in n8n
						</a>
					)}
				</div>
			)}
		</Modal>
	);
}

/** The same n8n, whichever way its address was typed (trailing slash, /api/v1). */
function sameN8n(a: string, b: string): boolean {
	const clean = (value: string) =>
		value
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/api\/v1$/, '')
			.toLowerCase();
	return clean(a) === clean(b);
}
