// The workspace agent's settings, opened from the home: the admin's instructions (tone, what not to
// do), the chat model (an OpenAI-compatible base URL and model name), its API key (write-only: the
// page only learns whether one is saved) and the n8n addresses the key may be sent to; below, the
// agent's tools (the live actions) and where it runs.
import { useEffect, useState, type FormEvent } from 'react';

import type { AgentInfo, AgentSettingsBody } from '../../../shared/api';
import { agentApi, type ApiError } from '../../api/client';
import { ChatAddress } from '../common/ChatAddress';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';

/** Where "Set live" last deployed (useDeploy.ts): the first n8n address to allow the key for. */
const DEPLOY_BASE_URL_KEY = 'fin-canvas.n8nBaseUrl';

interface Form {
	instructions: string;
	baseUrl: string;
	model: string;
	apiKey: string;
	n8nAddresses: string;
}

function formOf(info: AgentInfo): Form {
	return {
		instructions: info.instructions,
		baseUrl: info.model?.baseUrl ?? '',
		model: info.model?.model ?? '',
		apiKey: '',
		n8nAddresses: (info.keyN8nAddresses.length
			? info.keyN8nAddresses
			: [localStorage.getItem(DEPLOY_BASE_URL_KEY) ?? 'http://localhost:5678']
		).join('\n'),
	};
}

/** The request for a form: the key (and the n8n addresses allowed with it) only when typed. */
function bodyOf(form: Form): AgentSettingsBody {
	const body: AgentSettingsBody = { instructions: form.instructions };
	if (form.baseUrl.trim() || form.model.trim() || form.apiKey.trim()) {
		body.model = { baseUrl: form.baseUrl.trim(), model: form.model.trim() };
		if (form.apiKey.trim()) {
			body.model.apiKey = form.apiKey.trim();
			body.model.n8nAddresses = form.n8nAddresses
				.split(/[\s,]+/)
				.map((address) => address.trim())
				.filter(Boolean);
		}
	}
	return body;
}

export function AgentSettingsDialog({ onClose }: { onClose: () => void }) {
	const [info, setInfo] = useState<AgentInfo>();
	const [form, setForm] = useState<Form>();
	const [error, setError] = useState<ApiError>();
	const [busy, setBusy] = useState(false);
	const [saved, setSaved] = useState('');

	useEffect(() => {
		agentApi
			.settings()
			.then((loaded) => {
				setInfo(loaded);
				setForm(formOf(loaded));
			})
			.catch((caught: ApiError) => setError(caught));
	}, []);

	const save = async (event: FormEvent) => {
		event.preventDefault();
		if (!form) return;
		setBusy(true);
		setError(undefined);
		setSaved('');
		try {
			const answer = await agentApi.saveSettings(bodyOf(form));
			setInfo(answer);
			setForm(formOf(answer));
			const updated = answer.updated ?? [];
			setSaved(
				updated.length
					? `Saved. ${updated.map((outcome) => `${outcome.baseUrl}: ${outcome.message}`).join(' ')}`
					: 'Saved. The agent is deployed with these settings when an action is set live.',
			);
		} catch (caught) {
			setError(caught as ApiError);
		} finally {
			setBusy(false);
		}
	};

	return (
		<Modal title="AI agent" onClose={onClose} testId="agent-settings" wide>
			{!form && !error && (
				<p className="muted">
					<Spinner /> Loading…
				</p>
			)}
			{form && info && (
				<form onSubmit={(event) => void save(event)} data-testid="agent-settings-form">
					<p className="field__hint">
						One AI agent answers your customers in the Messenger: it chooses among your live actions
						and answers each customer with their own data only.
					</p>
					<AgentFields form={form} setForm={setForm} keySet={info.keySet} />
					<div className="modal__footer">
						<button
							type="submit"
							className="button button--primary"
							disabled={busy}
							data-testid="agent-settings-save"
						>
							{busy ? 'Saving…' : 'Save'}
						</button>
					</div>
				</form>
			)}
			<div
				role="status"
				aria-live="polite"
				className="field__hint"
				data-testid="agent-settings-status"
			>
				{saved}
			</div>
			{error && (
				<div className="run-error" role="alert" data-testid="agent-settings-error">
					<strong>{error.message}</strong>
					<p>{error.hint}</p>
				</div>
			)}
			{info && <AgentWhere info={info} />}
		</Modal>
	);
}

function AgentFields({
	form,
	setForm,
	keySet,
}: {
	form: Form;
	setForm: (form: Form) => void;
	keySet: boolean;
}) {
	const set = (key: keyof Form) => (event: { target: { value: string } }) =>
		setForm({ ...form, [key]: event.target.value });
	return (
		<>
			<div className="field">
				<div className="field__label">
					<label htmlFor="agent-instructions">Instructions</label>
				</div>
				<textarea
					id="agent-instructions"
					className="input"
					rows={5}
					value={form.instructions}
					onChange={set('instructions')}
					aria-describedby="agent-instructions-hint"
					data-testid="agent-instructions"
				/>
				<p className="field__hint" id="agent-instructions-hint">
					Tone and what not to do, e.g. “Answer in two sentences. Never promise refunds.” Fixed
					rules come first and cannot be changed: tools only for the verified customer, never
					another customer’s details, no offer of an action that is not available to them.
				</p>
			</div>
			<div className="field">
				<div className="field__label">
					<label htmlFor="agent-model-url">Model API base URL</label>
				</div>
				<input
					id="agent-model-url"
					className="input"
					value={form.baseUrl}
					onChange={set('baseUrl')}
					placeholder="https://api.openai.com/v1"
					aria-describedby="agent-model-url-hint"
					data-testid="agent-model-url"
				/>
				<p className="field__hint" id="agent-model-url-hint">
					Any OpenAI-compatible chat API.
				</p>
			</div>
			<div className="field">
				<div className="field__label">
					<label htmlFor="agent-model-name">Model name</label>
				</div>
				<input
					id="agent-model-name"
					className="input"
					value={form.model}
					onChange={set('model')}
					placeholder="gpt-4o-mini"
					data-testid="agent-model-name"
				/>
			</div>
			<div className="field">
				<div className="field__label">
					<label htmlFor="agent-model-key">API key</label>
				</div>
				<input
					id="agent-model-key"
					className="input"
					type="password"
					autoComplete="off"
					value={form.apiKey}
					onChange={set('apiKey')}
					aria-describedby="agent-model-key-hint"
					data-testid="agent-model-key"
				/>
				<p className="field__hint" id="agent-model-key-hint" data-testid="agent-key-state">
					{keySet
						? 'A key is saved (encrypted; it never comes back to this page). Leave empty to keep it.'
						: 'No key saved yet.'}
				</p>
			</div>
			<div className="field">
				<div className="field__label">
					<label htmlFor="agent-n8n-addresses">n8n addresses that may receive the key</label>
				</div>
				<textarea
					id="agent-n8n-addresses"
					className="input"
					rows={2}
					value={form.n8nAddresses}
					onChange={set('n8nAddresses')}
					aria-describedby="agent-n8n-addresses-hint"
					data-testid="agent-n8n-addresses"
				/>
				<p className="field__hint" id="agent-n8n-addresses-hint">
					One per line. “Set live” creates the agent’s model credential in these n8n only; to change
					them, enter the key again.
				</p>
			</div>
		</>
	);
}

/** The agent's tools and where it runs. */
function AgentWhere({ info }: { info: AgentInfo }) {
	return (
		<section aria-labelledby="agent-where-title" data-testid="agent-where">
			<h3 id="agent-where-title">Tools and deployments</h3>
			<p data-testid="agent-tools">
				{info.tools.length
					? `Live actions the agent may use: ${info.tools.join(', ')}.`
					: 'No action is live yet: set one live and the agent is deployed with it.'}
			</p>
			{info.deployments.length > 0 && (
				<ul data-testid="agent-deployments">
					{info.deployments.map((deployment) => (
						<li key={deployment.baseUrl}>
							{deployment.baseUrl}: workflow {deployment.workflowId},{' '}
							{deployment.active ? 'published' : 'not published'}; chat address{' '}
							<code>{deployment.productionUrl}</code>
							{deployment.active && (
								<ChatAddress url={deployment.productionUrl} testId="agent-chat-address" />
							)}
						</li>
					))}
				</ul>
			)}
		</section>
	);
}
