// The "Set live" form: where n8n is, its API key, secrets to enter again, and whether to publish.
import { DeployReenter, type Reentry } from './DeployReenter';
import type { useDeploy } from './useDeploy';

type DeployState = ReturnType<typeof useDeploy>;

export function DeployForm({ state }: { state: DeployState }) {
	const { error, previous, activate, setActivate } = state;
	const reenter = Array.isArray(error?.extra?.reenter) ? (error.extra.reenter as Reentry[]) : [];
	return (
		<>
			<DeployConnection state={state} />
			{reenter.length > 0 && (
				<DeployReenter reenter={reenter} secrets={state.secrets} setSecret={state.setSecret} />
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
			{state.deployments.length > 0 && (
				<div className="field">
					<div className="field__label">This action in n8n, one workflow per address</div>
					<ul className="deploy-targets" data-testid="deploy-targets">
						{state.deployments.map((deployment) => (
							<li key={deployment.baseUrl}>
								<button
									type="button"
									className="link-button"
									onClick={() => state.setBaseUrl(deployment.baseUrl)}
									aria-label={`Deploy to ${deployment.baseUrl} again`}
								>
									{deployment.baseUrl}
								</button>
								: workflow {deployment.workflowId},{' '}
								{deployment.active ? 'published' : 'not published'}
								{deployment.active && (
									<button
										type="button"
										className="button button--small button--ghost"
										onClick={() => void state.takeDown(deployment.baseUrl)}
										disabled={state.busy}
										aria-label={`Take down: unpublish it at ${deployment.baseUrl}`}
										data-testid="deploy-take-down"
									>
										Take down
									</button>
								)}
							</li>
						))}
					</ul>
				</div>
			)}
			<p className="field__hint" data-testid="deploy-target">
				{previous
					? `Updates the workflow this action became before (id ${previous.workflowId}); a new one only if it was deleted in n8n.`
					: 'Creates the workflow in n8n.'}{' '}
				Credentials entered on this canvas are created or updated in n8n by the canvas server; their
				secrets never come back to this page.
			</p>
		</>
	);
}

/** The n8n address and API key. */
function DeployConnection({ state }: { state: DeployState }) {
	return (
		<>
			<div className="field">
				<div className="field__label">
					<label htmlFor="deploy-base-url">n8n address</label>
				</div>
				<input
					id="deploy-base-url"
					className="input"
					value={state.baseUrl}
					onChange={(event) => state.setBaseUrl(event.target.value)}
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
					value={state.apiKey}
					onChange={(event) => state.setApiKey(event.target.value)}
					data-testid="deploy-api-key"
				/>
				<p className="field__hint" data-testid="deploy-key-hint">
					{state.keyKept
						? 'The canvas server keeps a key for this address: leave this empty to use it, or paste a new one to replace it.'
						: 'In n8n: Settings → n8n API → Create an API key. The canvas server keeps it encrypted, for this address only, to deploy again and show this action’s runs (Logs); it never comes back to this page.'}
				</p>
			</div>
		</>
	);
}
