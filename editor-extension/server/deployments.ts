// Environments: one deployment per n8n address per action. Each "Set live" to an address updates the
// workflow this action became at that address (staging, then production, then staging again leaves
// two workflows, not three), with the API key kept for that address (n8n-keys.ts) when none is typed.
// The action keeps the list (`deployments`, by normalized address); `deploy` stays the last one.
import { normalizeBaseUrl } from './deploy';
import { HttpError } from './http';
import type { N8nApiKeys } from './n8n-keys';
import { ActionFiles, type DeployRecord, type StorePaths, type StoredAction } from './store';

/** The key typed for this deploy, else the one kept for the address; a clear error when neither. */
export function keyForDeploy(typed: string, baseUrl: string, keys: N8nApiKeys): string {
	if (typed.trim()) return typed.trim();
	const kept = keys.get(normalizeBaseUrl(baseUrl));
	if (kept) return kept;
	throw new HttpError(
		400,
		`The n8n API key is missing, and none is kept for ${normalizeBaseUrl(baseUrl)}`,
		'Create one in n8n under Settings > n8n API and paste it here: the canvas server keeps it for this address.',
	);
}

/** The workflow the action became at this address, to update in place. */
export function workflowIdAt(
	paths: StorePaths,
	actionId: string | undefined,
	baseUrl: string,
): string | undefined {
	if (!actionId) return undefined;
	const action = new ActionFiles(paths).get(actionId);
	return deploymentsOf(action)[normalizeBaseUrl(baseUrl)]?.workflowId;
}

/** Every deployment of an action by address (older stores kept only `deploy`). */
export function deploymentsOf(action: StoredAction): Record<string, DeployRecord> {
	const list = { ...(action.deployments ?? {}) };
	if (action.deploy && !list[normalizeBaseUrl(action.deploy.baseUrl)])
		list[normalizeBaseUrl(action.deploy.baseUrl)] = action.deploy;
	return list;
}

/** The action with `record` as its last deploy and as its entry for that address (normalized). */
export function withDeployment(action: StoredAction, record: DeployRecord): StoredAction {
	const key = normalizeBaseUrl(record.baseUrl);
	const deploy = { ...record, baseUrl: key };
	return { ...action, deploy, deployments: { ...deploymentsOf(action), [key]: deploy } };
}

/** Records a deploy on the action: its entry for that address, and the last deploy. */
export function recordDeployment(paths: StorePaths, actionId: string, record: DeployRecord) {
	const actions = new ActionFiles(paths);
	const action = actions.get(actionId);
	actions.save(withDeployment(action, record));
}
