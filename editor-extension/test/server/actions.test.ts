// Saved actions (/api/actions): listed with their state, read, saved and deleted, and still there
// after a restart on the same data folder; the session secret guards them like every /api route.
import { call, expectActionableError, restartableServerOnStore } from './helpers';

const fixture = restartableServerOnStore();
const restart = fixture.restart;

const workflow = {
	name: 'Order status',
	nodes: [{ name: 'Fin Trigger', type: 'n8n-nodes-fin-actions.finTrigger', parameters: {} }],
	connections: {},
};

it('saves, lists with state, reads, updates and deletes actions, across a restart', async () => {
	let running = await restart();
	expect((await call(running, 'GET', '/api/actions')).json).toEqual({ actions: [], liveCount: 0 });

	const created = await call(running, 'POST', '/api/actions', {
		body: { name: 'Order status', workflow },
	});
	expect(created.status).toBe(201);
	expect(created.json).toMatchObject({ name: 'Order status', state: 'draft' });
	const { id } = created.json;

	const tested = await call(running, 'PUT', `/api/actions/${id}`, {
		body: {
			name: 'Order status',
			workflow,
			lastTest: { at: '2026-11-29T09:00:00Z', passed: true },
		},
	});
	expect(tested.json.state).toBe('tested');
	// An autosave (name and graph only) keeps the stored test.
	const autosaved = await call(running, 'PUT', `/api/actions/${id}`, {
		body: { name: 'Order status v2', workflow },
	});
	expect(autosaved.json).toMatchObject({ name: 'Order status v2', state: 'tested' });
	const testValues = { user: { user_id: 'cus_1' }, message: { text: 'Where is my order?' } };
	await call(running, 'PUT', `/api/actions/${id}`, {
		body: { name: 'Order status v2', workflow, testValues },
	});

	const second = await call(running, 'POST', '/api/actions', {
		body: {
			name: 'Usage',
			workflow,
			deploy: { baseUrl: 'http://127.0.0.1:5678', workflowId: 'w1', active: true, at: 'now' },
		},
	});
	expect(second.json.state).toBe('live');

	running = await restart();
	const listed = await call(running, 'GET', '/api/actions');
	// Live on its own, in no agent: not counted (the count is the agent's tools, live-count.test.ts).
	expect(listed.json.liveCount).toBe(0);
	expect(
		listed.json.actions
			.map((action: { name: string; state: string }) => [action.name, action.state])
			.sort(),
	).toEqual([
		['Order status v2', 'tested'],
		['Usage', 'live'],
	]);
	const read = await call(running, 'GET', `/api/actions/${id}`);
	expect(read.json).toMatchObject({
		id,
		name: 'Order status v2',
		state: 'tested',
		workflow,
		testValues,
		lastTest: { passed: true },
	});

	expect((await call(running, 'DELETE', `/api/actions/${id}`)).json).toMatchObject({ id });
	expectActionableError(await call(running, 'GET', `/api/actions/${id}`), 404);
	expect((await call(running, 'GET', '/api/actions')).json.actions).toHaveLength(1);
});

it('refuses bad bodies, unknown or path-like ids, and callers without the session secret', async () => {
	const running = await restart();
	const bad = await call(running, 'POST', '/api/actions', { body: { name: '', workflow } });
	expectActionableError(bad, 400);
	expect(bad.json.error).toContain('name');
	expectActionableError(await call(running, 'GET', '/api/actions/..%2F..%2Fcanvas-key'), 404);
	expectActionableError(
		await call(running, 'PUT', '/api/actions/action_missing', { body: { name: 'x', workflow } }),
		404,
	);
	for (const [method, path] of [
		['GET', '/api/actions'],
		['POST', '/api/actions'],
		['GET', '/api/actions/x'],
		// The save the page sends as it goes (keepalive) uses this route: a local process cannot overwrite an action.
		['PUT', '/api/actions/x'],
		['DELETE', '/api/actions/x'],
	]) {
		const answer = await call(running, method, path, {
			token: null,
			body: { name: 'x', workflow },
		});
		expect(answer.status).toBe(401);
	}
	expect((await call(running, 'GET', '/api/actions')).json.actions).toEqual([]);
});
