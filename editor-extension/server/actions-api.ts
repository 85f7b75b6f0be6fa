// The saved actions under /api/actions (list with state, get, save, delete), kept by store.ts.
import { saveActionBody } from '../shared/api';
import { AgentDeployments } from './agent/deploy';
import { normalizeBaseUrl } from './deploy';
import { readJsonObject, sendJson } from './http';
import type { Router } from './router';
import { actionState, ActionFiles, type StorePaths, type StoredAction } from './store';
import { validBody } from './validate';

const ACTION_EXAMPLE =
	'{"name": "Order status", "workflow": {"nodes": [...], "connections": {...}}}';

export function addActionRoutes(router: Router, paths: StorePaths) {
	const actions = new ActionFiles(paths);

	router.add('GET', '/api/actions', ({ res }) => {
		const list = actions.list();
		sendJson(res, 200, {
			actions: list,
			liveCount: agentToolCount(paths),
		});
	});
	router.add('POST', '/api/actions', async ({ req, res }) => {
		const raw = await readJsonObject(req);
		const body = validBody(saveActionBody, raw, ACTION_EXAMPLE);
		sendJson(res, 201, actions.save(merged(undefined, { ...body, workflow: raw.workflow })));
	});
	router.add('GET', '/api/actions/:id', ({ res, params }) => {
		const action = actions.get(params.id);
		sendJson(res, 200, { ...action, state: actionState(action) });
	});
	router.add('PUT', '/api/actions/:id', async ({ req, res, params }) => {
		const stored = actions.get(params.id);
		const raw = await readJsonObject(req);
		const body = validBody(saveActionBody, raw, ACTION_EXAMPLE);
		sendJson(res, 200, actions.save(merged(stored, { ...body, workflow: raw.workflow })));
	});
	router.add('DELETE', '/api/actions/:id', ({ res, params }) =>
		sendJson(res, 200, actions.remove(params.id)),
	);
}

/** The live count: the actions the published agents include (the chat reaches only those), each once. */
function agentToolCount(paths: StorePaths): number {
	const records = Object.values(new AgentDeployments(paths).all());
	return new Set(records.filter((record) => record.active).flatMap((record) => record.tools)).size;
}

// The workflow is kept as sent (checked, but not rebuilt by the schema), so its fields keep their order.
type Body = Omit<ReturnType<typeof saveActionBody.parse>, 'workflow'> & { workflow: unknown };

/** An autosave sends only what changed: the stored test, deploy info and test values stay unless sent (null clears). */
function merged(stored: StoredAction | undefined, body: Body) {
	const lastTest = body.lastTest === undefined ? stored?.lastTest : (body.lastTest ?? undefined);
	const deploy = body.deploy === undefined ? stored?.deploy : (body.deploy ?? undefined);
	const testValues =
		body.testValues === undefined ? stored?.testValues : (body.testValues ?? undefined);
	return {
		...(stored ? { id: stored.id } : {}),
		name: body.name,
		workflow: body.workflow as Record<string, unknown>,
		...(lastTest ? { lastTest } : {}),
		...(deploy ? { deploy } : {}),
		...(testValues ? { testValues: testValues as Record<string, unknown> } : {}),
		// What n8n last said stays with the action; actionState uses it only for the same deployment.
		...(stored?.n8n && deploy ? { n8n: stored.n8n } : {}),
		// One deployment per n8n address (deployments.ts): the last deploy updates its address's entry.
		...(stored?.deployments || deploy
			? {
					deployments: {
						...(stored?.deployments ?? {}),
						...(deploy ? { [normalizeBaseUrl(deploy.baseUrl)]: deploy } : {}),
					},
				}
			: {}),
	};
}
