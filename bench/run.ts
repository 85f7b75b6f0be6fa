// `npm run bench`: the package's hot paths, each printed as a ratio against a baseline measured
// in the same process on the same machine. Every loop is bounded; servers listen on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildRequest } from '../nodes/ApiAction/request-builder';
import { startLoopbackServer } from '../engine/loopback-server';
import { runWorkflow, type WorkflowJson } from '../engine/run-workflow';
import { measure, report } from './measure';

const item = {
	message: { id: 'm', text: 'hi', createdAt: '2025-01-01T00:00:00Z' },
	user: { user_id: 'u-42', email: 'bob@example.com', plan: 'pro' },
	company: { name: 'Acme' },
	conversation: { id: 'c' },
	identity: { verified: true, method: 'user_hash' },
	source: 'messenger',
};

async function main() {
	// n8n-core's instance folder for this run only, removed when the process exits (also on error).
	if (!process.env.N8N_USER_FOLDER) {
		const folder = mkdtempSync(join(tmpdir(), 'fin-bench-'));
		process.env.N8N_USER_FOLDER = folder;
		process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
	}
	const server = await startLoopbackServer({
		'*': { body: { usage: [{ day: '2025-01-01', kwh: 7.5 }] } },
	});
	try {
		const url = `${server.url}/customers/u-42/usage?email=bob%40example.com`;
		const template = {
			method: 'GET',
			url: `${server.url}/customers/{{user.user_id}}/usage`,
			query: [{ name: 'email', value: '{{user.email}}' }],
			headers: [{ name: 'X-Plan', value: '{{user.plan|free}}' }],
		};

		const concat = await measure(
			'string concatenation with encodeURIComponent',
			50000,
			() =>
				`${server.url}/customers/${encodeURIComponent(item.user.user_id)}/usage?email=${encodeURIComponent(item.user.email)}`,
		);
		const render = await measure('API Action request rendering (buildRequest)', 50000, () =>
			buildRequest(template, item),
		);
		console.log(report('Placeholder rendering, per request', concat, render));

		const fetchBaseline = await measure('plain fetch of the same URL', 300, async () =>
			(await fetch(url)).json(),
		);
		const workflow = {
			nodes: [
				{
					id: '1',
					name: 'API Action',
					type: 'n8n-nodes-fin-actions.apiAction',
					typeVersion: 1,
					position: [0, 0],
					parameters: { url: template.url, queryParameters: { parameters: template.query } },
				},
			],
			connections: {},
		} as unknown as WorkflowJson;
		const engine = await measure(
			'one API Action run through n8n-core WorkflowExecute',
			300,
			async () => {
				const result = await runWorkflow(workflow, { input: [item], mode: 'webhook' });
				if (Object.keys(result.errors).length) throw new Error(JSON.stringify(result.errors));
			},
		);
		console.log(
			report('API Action call through the engine, per conversation', fetchBaseline, engine),
		);
	} finally {
		await server.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
