// Ships a canvas action to an n8n instance through n8n's public REST API: n8n's own checks first
// (checks.ts), then the credentials the nodes use (created in n8n, or updated when n8n already has
// them: by the id remembered from the last deploy, else by type and name), then the workflow (the one
// deployed before is updated; a new one only when there was none or it was deleted in n8n), then
// POST /workflows/{id}/publish. Secrets go from this server to n8n only; the API key is used for these
// requests only: never stored, logged or echoed back, and n8n's answers are scanned for every secret.
import { workflowIssues } from './checks';
import {
	pushCredentials,
	referenceKey,
	withCredentialIds,
	type CredentialOutcome,
} from './deploy/credentials';
import { n8nCaller } from './deploy/n8n-caller';
import { checksFailed, preflight } from './deploy/preflight';
import { readDeployRequest, type DeployOptions, type DeployRequest } from './deploy/request';
import { publish, saveWorkflow } from './deploy/workflow';

// What the API routes and the tests use of a deploy.
export type { CredentialOutcome } from './deploy/credentials';
export { normalizeBaseUrl, type DeployOptions, type DeployRequest } from './deploy/request';
export { cleanWorkflow, type CleanOptions } from './deploy/workflow';

export async function deployWorkflow(request: DeployRequest, options: DeployOptions) {
	const { baseUrl, apiKey, workflow } = readDeployRequest(request);
	// Nothing is sent to n8n before every check of preflight has passed.
	const localFor = preflight(workflow, baseUrl, request, options);
	const n8n = n8nCaller(baseUrl, apiKey);
	const nodes = workflow.nodes as unknown[];
	const { resolved, credentials } = await pushCredentials(
		n8n,
		nodes,
		localFor,
		options.credentials,
	);
	const missing = workflowIssues(workflow, (type, ref) => resolved.has(referenceKey(type, ref)));
	if (missing.length) throw n8n.keyFree(checksFailed(missing));
	const saved = await saveWorkflow(
		n8n,
		request.workflowId,
		withCredentialIds(workflow, resolved),
		options,
	);
	const active = request.activate === true ? await publish(n8n, saved, credentials) : false;
	return {
		id: saved.id,
		active,
		url: saved.url,
		saved: saved.saved,
		...(saved.chatUrl ? { chatUrl: saved.chatUrl } : {}),
		credentials,
		message: plainWords(saved.saved, active, credentials),
		warnings: saved.warnings,
	};
}

function plainWords(saved: string, active: boolean, credentials: CredentialOutcome[]): string {
	const what =
		saved === 'updated'
			? 'n8n updated the workflow'
			: saved === 'recreated'
				? 'The workflow deployed before is gone from n8n, so n8n created it again, with a new chat address'
				: 'n8n created the workflow';
	const count = (outcome: CredentialOutcome['outcome']) =>
		credentials.filter((credential) => credential.outcome === outcome).length;
	const parts = [
		count('created') && `${count('created')} credential(s) created`,
		count('updated') && `${count('updated')} updated`,
		count('existing') && `${count('existing')} already in n8n`,
	].filter(Boolean);
	return `${what}${active ? ' and published it: it answers chat messages now' : ' (not published)'}.${parts.length ? ` Credentials: ${parts.join(', ')}.` : ''}`;
}
