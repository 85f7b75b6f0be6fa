// What n8n says about a deployed action (POST /api/actions/:id/n8n-state), against a loopback
// stand-in of n8n's public API: an action unpublished in n8n is not live at that address anywhere the
// canvas reads it, the workspace agent included, and asking n8n is not an edit (the list keeps its order).
import type { RunningServer } from '../../server/app';
import { liveActionsAt } from '../../server/agent/deploy';
import { n8nCaller } from '../../server/deploy/n8n-caller';
import { N8nApiKeys } from '../../server/n8n-keys';
import { ActionFiles } from '../../server/store';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/testing';
import { fakeN8n, fakeN8nState, type FakeN8nState } from './fake-n8n-api';
import { call, startTestServer, tempStore } from './helpers';

const API_KEY = 'n8n_api_state_0123456789';

let n8n: LoopbackServer;
let state: FakeN8nState;
let server: RunningServer;
const store = tempStore();
afterAll(() => store.remove());

beforeAll(async () => {
	state = fakeN8nState();
	n8n = await startLoopbackServer({ '*': fakeN8n(state, API_KEY) });
	new N8nApiKeys(store).save(n8n.url, API_KEY);
	server = await startTestServer({ store });
});
afterAll(async () => {
	await server?.close();
	await n8n?.close();
});

/** An action set live at the stand-in n8n, as "Set live" records it, and its workflow there. */
function liveAction(name: string, updatedAt: string) {
	const workflow = { name, nodes: [], connections: {}, settings: {} };
	const workflowId = `Wf${state.next++}`;
	state.workflows.set(workflowId, { ...workflow, id: workflowId, active: true });
	const deploy = { baseUrl: n8n.url, workflowId, active: true, at: '2026-12-01T00:00:00.000Z' };
	const files = new ActionFiles(store);
	const { id } = files.save({ name, workflow, deploy, deployments: { [n8n.url]: deploy } });
	return files.rewrite({ ...files.get(id), updatedAt });
}

it('unpublished in n8n: not live at that address, and left out of the agent there', async () => {
	const action = liveAction('Order status', '2026-12-02T00:00:00.000Z');
	expect((await liveActionsAt(n8nCaller(n8n.url, API_KEY), store)).actions).toHaveLength(1);
	state.workflows.get(action.deploy!.workflowId)!.active = false;

	const checked = await call(server, 'POST', `/api/actions/${action.id}/n8n-state`);
	expect(checked.json).toMatchObject({ state: 'unpublished', deploy: { active: false } });
	const stored = new ActionFiles(store).get(action.id);
	expect(stored.deployments?.[n8n.url]).toMatchObject({ active: false });
	expect((await liveActionsAt(n8nCaller(n8n.url, API_KEY), store)).actions).toEqual([]);
});

it('asking n8n keeps the list in its order: the answer is recorded, the action is not edited', async () => {
	const older = liveAction('Older', '2026-12-03T00:00:00.000Z');
	const newer = liveAction('Newer', '2026-12-04T00:00:00.000Z');
	const order = () => new ActionFiles(store).list().map((action) => action.name);
	const before = order();
	expect(before).toEqual(['Newer', 'Older', 'Order status']);
	const all = await call(server, 'POST', '/api/actions/n8n-state');
	expect(all.status).toBe(200);
	expect(order()).toEqual(before);
	expect(new ActionFiles(store).get(older.id).updatedAt).toBe('2026-12-03T00:00:00.000Z');
	expect(new ActionFiles(store).get(newer.id).n8n).toMatchObject({ state: 'live' });
});
