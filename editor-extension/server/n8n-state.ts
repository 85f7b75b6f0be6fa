// What n8n says about a deployed action, read back with the API key kept for its n8n address
// (n8n-keys.ts): live (published), unpublished, or deleted in n8n. The canvas's own record of a deploy
// goes stale when someone unpublishes or deletes the workflow in n8n; this check, run when the home
// list loads, when an action is opened and on demand, is what the home list and "Set live" follow.
//   POST /api/actions/:id/n8n-state   one action
//   POST /api/actions/n8n-state       every deployed action
import { normalizeBaseUrl } from './deploy';
import { failure, n8nCaller } from './deploy/n8n-caller';
import { HttpError, isObject, sendJson } from './http';
import { withDeployment } from './deployments';
import type { N8nApiKeys } from './n8n-keys';
import type { Router } from './router';
import { ActionFiles, type N8nCheck, type StorePaths, type StoredAction } from './store';

export function addN8nStateRoutes(router: Router, paths: StorePaths, keys: N8nApiKeys) {
	const actions = new ActionFiles(paths);
	const checkOne = async (action: StoredAction) => {
		const check = await readN8nState(action, keys);
		if (!check || !action.deploy) return actions.summary(action);
		const active = check.state === 'live' || (check.state === 'unknown' && action.deploy.active);
		// Only what n8n said changes the record: an unreachable n8n leaves the last known state. The
		// address's entry follows too (the agent reads it), and the action stays where it was in the
		// list: learning n8n's state is not an edit.
		const checked = withDeployment(action, { ...action.deploy, active });
		return actions.rewrite({ ...checked, n8n: check });
	};
	router.add('POST', '/api/actions/n8n-state', async ({ res }) => {
		const checked = [];
		for (const summary of actions.list())
			if (summary.deploy) checked.push(await checkOne(actions.get(summary.id)));
		sendJson(res, 200, { checked });
	});
	router.add('POST', '/api/actions/:id/n8n-state', async ({ res, params }) =>
		sendJson(res, 200, await checkOne(actions.get(params.id))),
	);
}

/** n8n's answer for the action's workflow; undefined when the action was never deployed. */
async function readN8nState(action: StoredAction, keys: N8nApiKeys): Promise<N8nCheck | undefined> {
	if (!action.deploy) return undefined;
	const baseUrl = normalizeBaseUrl(action.deploy.baseUrl);
	const { workflowId } = action.deploy;
	const at = new Date().toISOString();
	const unknown = (reason: string) => ({
		state: 'unknown' as const,
		baseUrl,
		workflowId,
		at,
		reason,
	});
	let apiKey: string | undefined;
	try {
		apiKey = keys.get(baseUrl);
	} catch (error) {
		if (error instanceof HttpError) return unknown(`${error.message}. ${error.hint}`);
		throw error;
	}
	if (!apiKey)
		return unknown(
			`The canvas keeps no n8n API key for ${baseUrl}: publish the action again ("Set live") with one.`,
		);
	const n8n = n8nCaller(baseUrl, apiKey);
	try {
		const response = await n8n.call('get', `/workflows/${encodeURIComponent(workflowId)}`);
		if (response.status === 404) return { state: 'deleted', baseUrl, workflowId, at };
		if (response.status < 200 || response.status >= 300) {
			const refused = n8n.keyFree(failure(response, baseUrl, 'read the workflow'));
			return unknown(`${refused.message}. ${refused.hint}`);
		}
		const active = isObject(response.data) && response.data.active === true;
		return { state: active ? 'live' : 'unpublished', baseUrl, workflowId, at };
	} catch (error) {
		if (error instanceof HttpError) return unknown(`${error.message}. ${error.hint}`);
		throw error;
	}
}
