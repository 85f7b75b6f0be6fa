// The agent's settings (server/agent/settings.ts) through GET/PUT /api/agent on a real canvas server:
// the model's API key is encrypted at rest and never answered, a kept key never follows a changed
// address, bad input names the field, and the agent's chat address (webhookId) survives a restart.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { secretVariants } from '../../../nodes/public';
import { agentModelKey, agentModelKeyFor, readAgentSettings } from '../../server/agent/settings';
import { call, expectActionableError, restartableServerOnStore } from './helpers';

const MODEL_KEY = 'sk-agent-model-0123456789-SECRET';
const fixture = restartableServerOnStore();

const model = (extra: Record<string, unknown> = {}) => ({
	baseUrl: 'http://127.0.0.1:9/v1/',
	model: 'scripted-model',
	apiKey: MODEL_KEY,
	n8nAddresses: ['http://localhost:5678/'],
	...extra,
});

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

it('keeps the model and instructions, answers only whether a key is set, and stores the key encrypted', async () => {
	const server = await fixture.restart();
	const empty = await call(server, 'GET', '/api/agent');
	expect(empty.status).toBe(200);
	expect(empty.json).toEqual({
		instructions: '',
		keySet: false,
		keyN8nAddresses: [],
		webhookId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		tools: [],
		deployments: [],
	});

	const saved = await call(server, 'PUT', '/api/agent', {
		body: { instructions: 'Be brief. Never promise refunds.', model: model() },
	});
	expect(saved.status).toBe(200);
	expect(saved.json).toMatchObject({
		instructions: 'Be brief. Never promise refunds.',
		model: { baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted-model' },
		keySet: true,
		keyN8nAddresses: ['http://localhost:5678'],
		webhookId: empty.json.webhookId,
	});
	const again = await call(await fixture.restart(), 'GET', '/api/agent');
	expect(saved.json.updated).toEqual([]);
	expect(again.json).toEqual({ ...saved.json, updated: undefined });

	// The key reaches the server side only: never an answer, never a file in any encoding.
	const texts = [
		saved.text,
		again.text,
		...filesUnder(fixture.store().root).map((file) => readFileSync(file, 'utf8')),
	];
	for (const text of texts)
		for (const variant of secretVariants(MODEL_KEY)) expect(text).not.toContain(variant);
	expect(agentModelKey(fixture.store())).toBe(MODEL_KEY);
	expect(readAgentSettings(fixture.store())).toEqual({
		instructions: 'Be brief. Never promise refunds.',
		model: { baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted-model' },
	});
	// Only for the n8n addresses it was entered with.
	expect(agentModelKeyFor(fixture.store(), 'http://localhost:5678')).toEqual({ apiKey: MODEL_KEY });
	expect(agentModelKeyFor(fixture.store(), 'http://evil.example.com')).toEqual({
		refused: expect.stringContaining('not allowed for the n8n at http://evil.example.com'),
	});
});

it('keeps the key when it is not sent again, but never for a changed model address', async () => {
	const server = await fixture.restart();
	await call(server, 'PUT', '/api/agent', { body: { model: model() } });
	const renamed = await call(server, 'PUT', '/api/agent', {
		body: { model: { baseUrl: 'http://127.0.0.1:9/v1', model: 'other-model' } },
	});
	expect(renamed.json).toMatchObject({ keySet: true, model: { model: 'other-model' } });
	expect(agentModelKey(fixture.store())).toBe(MODEL_KEY);

	// Another address with the kept key would send the key there: it must be entered again.
	const moved = await call(server, 'PUT', '/api/agent', {
		body: { model: { baseUrl: 'https://attacker.example.com/v1', model: 'other-model' } },
	});
	expectActionableError(moved, 400);
	expect(moved.json.error).toContain('"model.apiKey" is needed again');
	expect((await call(server, 'GET', '/api/agent')).json.model.baseUrl).toBe(
		'http://127.0.0.1:9/v1',
	);

	// Allowing more n8n addresses takes the key too.
	const widened = await call(server, 'PUT', '/api/agent', {
		body: {
			model: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', n8nAddresses: ['http://x.example'] },
		},
	});
	expectActionableError(widened, 400);
	expect(widened.json.error).toContain('"model.n8nAddresses" needs "model.apiKey"');

	const removed = await call(server, 'PUT', '/api/agent', { body: { model: null } });
	expect(removed.json).toMatchObject({ keySet: false, keyN8nAddresses: [] });
	expect(removed.json.model).toBeUndefined();
	expect(agentModelKey(fixture.store())).toBeUndefined();
});

it('names the field of bad input', async () => {
	const server = await fixture.restart();
	const cases: [unknown, string][] = [
		[{ model: model({ baseUrl: 'not a url' }) }, '"model.baseUrl" is not valid'],
		[{ model: model({ baseUrl: 'ftp://host/v1' }) }, '"model.baseUrl" is not valid'],
		[{ model: model({ model: ' ' }) }, '"model.model" is not valid'],
		[{ model: model({ apiKey: '' }) }, '"model.apiKey" is not valid'],
		[{ instructions: 42 }, '"instructions" is not valid'],
		[{ instructions: 'x'.repeat(4001) }, '"instructions" is not valid'],
		[{ modle: {} }, 'modle'],
	];
	for (const [body, message] of cases) {
		const answer = await call(server, 'PUT', '/api/agent', { body });
		expectActionableError(answer, 400);
		expect(answer.json.error).toContain(message);
	}
	expect((await call(server, 'GET', '/api/agent')).json.keySet).toBe(false);
});
