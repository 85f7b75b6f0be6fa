// "Set live": sends the tested graph to an n8n instance through the canvas server (n8n's public API),
// and activates it if asked. The API key is used for this request only and never stored.
import { useState } from 'react';

import { api, type ApiError } from '../../api/client';
import type { DeployResult, DeployRequest } from '../../api/types';
import type { N8nWorkflow } from '../../graph/types';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';

const BASE_URL_KEY = 'fin-canvas.n8nBaseUrl';

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
	const [activate, setActivate] = useState(true);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<ApiError>();
	const [result, setResult] = useState<DeployResult & { warnings?: string[] }>();

	const deploy = async () => {
		setBusy(true);
		setError(undefined);
		try {
			localStorage.setItem(BASE_URL_KEY, baseUrl);
			const request: DeployRequest = { workflow, baseUrl, apiKey, activate };
			setResult(await api.deploy(request));
			setApiKey('');
		} catch (caught) {
			setError(caught as ApiError);
		} finally {
			setBusy(false);
		}
	};

	return (
		<Modal
			title="Set live in n8n"
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
							{busy ? 'Sending to n8n…' : activate ? 'Deploy and activate' : 'Deploy'}
						</button>
					</>
				)
			}
		>
			{usesDemo && (
				<p className="field__error" data-testid="deploy-demo-warning">
					This action still calls the demo backend. Switch off “Use demo backend” (panel on the
					right, with no node selected) to restore your real API addresses, test again, then set it
					live.
				</p>
			)}
			{result ? (
				<div className="deploy-result" data-testid="deploy-result">
					<p>
						<strong>{result.active ? '✓ Deployed and active.' : '✓ Deployed (not active).'}</strong>{' '}
						{result.url && (
							<a href={result.url} target="_blank" rel="noreferrer">
								Open it in n8n
							</a>
						)}
					</p>
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
							In n8n: Settings → n8n API → Create an API key. Used for this request only, never
							stored.
						</p>
					</div>
					<label className="checkbox-line">
						<input
							type="checkbox"
							checked={activate}
							onChange={(event) => setActivate(event.target.checked)}
							data-testid="deploy-activate"
						/>
						Activate it, so it answers chat messages at once
					</label>
					<p className="field__hint">
						Credentials travel as names only: n8n needs credentials with the same names (secrets
						never leave this machine).
					</p>
				</>
			)}
			{error && (
				<div className="run-error" role="alert" data-testid="deploy-error">
					<strong>{error.message}</strong>
					<p>{error.hint}</p>
					{typeof error.extra.url === 'string' && (
						<a href={error.extra.url} target="_blank" rel="noreferrer">
							Open the created workflow in n8n
						</a>
					)}
				</div>
			)}
		</Modal>
	);
}
