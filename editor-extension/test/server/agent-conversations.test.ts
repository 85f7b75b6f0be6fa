// GET /api/agent/conversations says plainly why it cannot list the agent's conversations: no agent
// deployed (at that address), no API key kept, n8n unreachable; never the key. The events themselves
// are tested on recorded executions (agent-events.test.ts) and against real n8n end to end.
import { secretVariants } from '../../../nodes/public';
import { AgentDeployments } from '../../server/agent/deploy';
import { N8nApiKeys } from '../../server/n8n-keys';
import { call, expectActionableError, restartableServerOnStore } from './helpers';

const { store, restart } = restartableServerOnStore();
const KEY = 'n8n_api_7d1f0e9a7b3d2c4e6f8a0b1c2d3e4f5b';
const BASE = 'http://127.0.0.1:5678';
// Port 9 (discard) on loopback: nothing listens there.
const UNREACHABLE = 'http://127.0.0.1:9';
const record = { workflowId: 'agentWf1', active: true, at: new Date(0).toISOString(), tools: [] };

it('with no agent deployed anywhere: 404 saying to set an action live', async () => {
	const server = await restart();
	const answer = await call(server, 'GET', '/api/agent/conversations');
	expectActionableError(answer, 404);
	expect(answer.json.error).toBe(
		'No agent is deployed in any n8n yet, so there are no conversations',
	);
	expect(answer.json.hint).toMatch(/Set an action live/);
});

it('at an address without an agent: 404 naming it and where agents are', async () => {
	new AgentDeployments(store()).save(BASE, record);
	const server = await restart();
	const answer = await call(
		server,
		'GET',
		`/api/agent/conversations?baseUrl=${encodeURIComponent('http://127.0.0.1:5999/')}`,
	);
	expectActionableError(answer, 404);
	expect(answer.json.error).toBe('No agent is deployed in the n8n at http://127.0.0.1:5999');
	expect(answer.json.hint).toContain(`Agents are deployed at ${BASE}`);
});

it('with two agents and no address: 400 listing both', async () => {
	new AgentDeployments(store()).save(BASE, record);
	new AgentDeployments(store()).save(UNREACHABLE, record);
	const server = await restart();
	const answer = await call(server, 'GET', '/api/agent/conversations');
	expectActionableError(answer, 400);
	expect(answer.json.error).toContain(`${BASE}, ${UNREACHABLE}`);
});

it("with no API key kept for the agent's n8n: 409 naming the address", async () => {
	new AgentDeployments(store()).save(BASE, record);
	const server = await restart();
	const answer = await call(server, 'GET', '/api/agent/conversations');
	expectActionableError(answer, 409);
	expect(answer.json.error).toBe(`The canvas keeps no n8n API key for ${BASE}`);
});

it('when n8n cannot be reached: 502 naming the address, and never the key', async () => {
	new AgentDeployments(store()).save(UNREACHABLE, record);
	new N8nApiKeys(store()).save(UNREACHABLE, KEY);
	const server = await restart();
	const answer = await call(
		server,
		'GET',
		`/api/agent/conversations?baseUrl=${encodeURIComponent(UNREACHABLE)}&customer=ada`,
	);
	expectActionableError(answer, 502);
	expect(answer.json.error).toContain(UNREACHABLE);
	for (const variant of secretVariants(KEY)) expect(answer.text).not.toContain(variant);
});
