// The home list's live count (GET /api/actions `liveCount`) counts the agent's tools: the live actions
// the workspace agent in n8n includes (its deployments, server/agent/deploy.ts), each name once
// across n8n addresses; an action live on its own, outside any agent, is not counted.
import { AgentDeployments } from '../../server/agent/deploy';
import { call, restartableServerOnStore } from './helpers';

const { store, restart } = restartableServerOnStore();
const workflow = { name: 'Usage', nodes: [], connections: {} };
const at = new Date(0).toISOString();

it('counts the tools of the published agents, each action once', async () => {
	const server = await restart();
	await call(server, 'POST', '/api/actions', {
		body: {
			name: 'Usage',
			workflow,
			deploy: { baseUrl: 'http://127.0.0.1:5678', workflowId: 'w1', active: true, at },
		},
	});
	expect((await call(server, 'GET', '/api/actions')).json.liveCount).toBe(0);

	const deployments = new AgentDeployments(store());
	deployments.save('http://127.0.0.1:5678', {
		workflowId: 'a1',
		active: true,
		at,
		tools: ['Usage', 'Order status'],
	});
	deployments.save('http://127.0.0.1:5679', {
		workflowId: 'a2',
		active: true,
		at,
		tools: ['Usage'],
	});
	// An agent that is not published answers no customer: its tools are not live.
	deployments.save('http://127.0.0.1:5680', {
		workflowId: 'a3',
		active: false,
		at,
		tools: ['Refunds'],
	});
	expect((await call(server, 'GET', '/api/actions')).json.liveCount).toBe(2);
});
