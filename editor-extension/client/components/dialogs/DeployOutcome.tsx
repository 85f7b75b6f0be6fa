// What "Set live" reports: the published workflow (with its credentials and warnings), or why it failed.
import type { ApiError } from '../../api/client';
import type { DeployResult, NodeIssue } from '../../api/types';
import { ChatAddress } from '../common/ChatAddress';

export function DeployResultView({
	result,
}: {
	result: DeployResult & { warnings?: string[]; previousChatUrl?: string };
}) {
	return (
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
			{result.active && result.chatUrl && (
				<ChatAddress
					url={result.chatUrl}
					changed={
						(result.previousChatUrl && result.previousChatUrl !== result.chatUrl) ||
						result.saved === 'recreated'
							? { from: result.previousChatUrl }
							: undefined
					}
					testId="deploy-chat-address"
				/>
			)}
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
	);
}

export function DeployErrorView({ error }: { error: ApiError }) {
	const issues = Array.isArray(error.extra?.issues) ? (error.extra.issues as NodeIssue[]) : [];
	return (
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
	);
}
