// The JSON API under /api/: package info, templates, write-only credentials, test runs and deploys.
import { PACKAGE_NAME } from '../../engine/package-types';
import { CredentialStore } from './credentials';
import { deployWorkflow } from './deploy';
import { readJsonObject, sendJson } from './http';
import { addPackageRoutes, packageCredentials, packageNodes } from './package-info';
import type { Router } from './router';
import { addTemplateRoutes } from './templates';
import { runTest } from './test-runner';

/** Node types that receive webhooks (Fin Trigger); empty while the nodes cannot be loaded. */
function webhookNodeTypes(): Set<string> {
	try {
		return new Set(
			packageNodes()
				.filter((node) => node.description.webhooks?.length)
				.map((node) => `${PACKAGE_NAME}.${node.description.name}`),
		);
	} catch {
		return new Set();
	}
}

export function addApiRoutes(router: Router, store = new CredentialStore(packageCredentials)) {
	router.add('GET', '/api/health', ({ res }) => sendJson(res, 200, { ok: true }));
	addPackageRoutes(router);
	addTemplateRoutes(router);

	router.add('GET', '/api/credentials', ({ res }) => sendJson(res, 200, store.list()));
	router.add('POST', '/api/credentials', async ({ req, res }) =>
		sendJson(res, 201, store.create(await readJsonObject(req))),
	);
	router.add('PATCH', '/api/credentials/:id', async ({ req, res, params }) =>
		sendJson(res, 200, store.update(params.id, await readJsonObject(req))),
	);
	router.add('DELETE', '/api/credentials/:id', ({ res, params }) =>
		sendJson(res, 200, store.remove(params.id)),
	);

	router.add('POST', '/api/test', async ({ req, res }) =>
		sendJson(res, 200, await runTest(await readJsonObject(req), store)),
	);

	router.add('POST', '/api/deploy', async ({ req, res }) => {
		const body = await readJsonObject(req);
		sendJson(
			res,
			200,
			await deployWorkflow(
				{
					workflow: body.workflow,
					baseUrl: body.baseUrl,
					apiKey: body.apiKey,
					activate: body.activate,
				},
				{ credentials: store, webhookNodeTypes: webhookNodeTypes() },
			),
		);
	});
	return store;
}
