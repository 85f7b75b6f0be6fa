// Logs of a live action: the n8n API key "Set live" used is kept encrypted per n8n address
// (server/n8n-keys.ts), and GET /api/actions/:id/runs says plainly when it cannot list runs. Listing
// runs of a real n8n is tested end to end (test/e2e/canvas-deploy.e2e.test.ts).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

import { secretVariants } from '../../../nodes/public';
import { N8nApiKeys } from '../../server/n8n-keys';
import { call, expectActionableError, restartableServerOnStore } from './helpers';

const { store, restart } = restartableServerOnStore();
const KEY = 'n8n_api_5c1f0e9a7b3d2c4e6f8a0b1c2d3e4f5a';
const BASE = 'http://127.0.0.1:5678';
const workflow = { name: 'Usage', nodes: [], connections: {} };

describe('the n8n API keys kept for Logs', () => {
	it('are kept encrypted, bound to their n8n address, and read back', () => {
		const keys = new N8nApiKeys(store());
		expect(keys.get(BASE)).toBeUndefined();
		keys.save(BASE, KEY);
		expect(new N8nApiKeys(store()).get(BASE)).toBe(KEY);
		const text = readFileSync(keys.file, 'utf8');
		for (const variant of secretVariants(KEY)) expect(text).not.toContain(variant);

		// A box copied onto another address does not decrypt there.
		const file = JSON.parse(text);
		file.keys['https://elsewhere.example.com'] = file.keys[BASE];
		writeFileSync(keys.file, JSON.stringify(file));
		expect(() => new N8nApiKeys(store()).get('https://elsewhere.example.com')).toThrow(
			/cannot be decrypted/,
		);
	});

	it('cannot be read without the key file, and the error says what to do', () => {
		new N8nApiKeys(store()).save(BASE, KEY);
		rmSync(store().keyFile);
		expect(() => new N8nApiKeys(store()).get(BASE)).toThrow(/cannot be decrypted/);
	});
});

describe('GET /api/actions/:id/runs', () => {
	it('refuses an action that is not live, and one whose n8n has no kept key, saying what to do', async () => {
		const server = await restart();
		const draft = await call(server, 'POST', '/api/actions', { body: { name: 'Draft', workflow } });
		const notLive = await call(server, 'GET', `/api/actions/${draft.json.id}/runs`);
		expectActionableError(notLive, 409);
		expect(notLive.json.hint).toContain('Set live');

		const live = await call(server, 'POST', '/api/actions', {
			body: {
				name: 'Live',
				workflow,
				deploy: { baseUrl: BASE, workflowId: 'wf1', active: true, at: new Date().toISOString() },
			},
		});
		const noKey = await call(server, 'GET', `/api/actions/${live.json.id}/runs`);
		expectActionableError(noKey, 409);
		expect(noKey.json.error).toContain(BASE);

		expectActionableError(await call(server, 'GET', '/api/actions/action_missing/runs'), 404);
	});

	it('answers 502 naming the address when the kept n8n cannot be reached, and never the key', async () => {
		const server = await restart();
		// Port 9 (discard) on loopback: nothing listens there.
		const unreachable = 'http://127.0.0.1:9';
		new N8nApiKeys(store()).save(unreachable, KEY);
		const live = await call(server, 'POST', '/api/actions', {
			body: {
				name: 'Live',
				workflow,
				deploy: {
					baseUrl: unreachable,
					workflowId: 'wf1',
					active: true,
					at: new Date().toISOString(),
				},
			},
		});
		const answer = await call(server, 'GET', `/api/actions/${live.json.id}/runs`);
		expectActionableError(answer, 502);
		expect(answer.json.error).toContain(unreachable);
		for (const variant of secretVariants(KEY)) expect(answer.text).not.toContain(variant);
	});
});
