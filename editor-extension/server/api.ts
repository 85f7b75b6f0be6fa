// The JSON API under /api/: package info, templates, saved actions, write-only credentials, test runs
// and deploys.
import { PACKAGE_NAME } from '../../engine';
import {
	checksRequestBody,
	createCredentialBody,
	deployRequestBody,
	testRequestBody,
	updateCredentialBody,
} from '../shared/api';
import { addActionRoutes } from './actions-api';
import { addAgentRoutes, agentAfterDeploy } from './agent/routes';
import { addConversationRoutes } from './agent/events-routes';
import { addAnswerPreviewRoute } from './answer-preview';
import { addAgentPreviewRoutes } from './agent/preview/routes';
import { workflowIssues } from './checks';
import { CredentialStore } from './credentials';
import { deployWorkflow, normalizeBaseUrl } from './deploy';
import { readJsonObject, sendJson, type JsonObject } from './http';
import { PassedTests } from './live-gate';
import { addLogsRoutes } from './logs-api';
import { N8nApiKeys } from './n8n-keys';
import { addN8nStateRoutes } from './n8n-state';
import { keyForDeploy, recordDeployment, workflowIdAt } from './deployments';
import { addPackageRoutes, packageCredentials, packageNodes } from './package-info';
import type { Router } from './router';
import { addTemplateRoutes } from './templates';
import { CredentialFile, type StorePaths } from './store';
import { runTest } from './test-runner';
import { validBody } from './validate';

const CREDENTIAL_EXAMPLE =
	'{"type": "finFixedTokenApi", "name": "My token", "data": {"token": "..."}}';
const TEST_EXAMPLE =
	'{"workflow": {"nodes": [...], "connections": {...}}, "testValues": {"user": {...}, "message": "..."}}';
const DEPLOY_EXAMPLE =
	'{"workflow": {...}, "baseUrl": "https://n8n.example.com", "apiKey": "...", "activate": true}';

/** This package's node types, as the page knows them from GET /api/nodes; empty while they cannot be loaded. */
function packageNodeTypes(): Set<string> {
	try {
		return new Set(packageNodes().map((node) => `${PACKAGE_NAME}.${node.description.name}`));
	} catch {
		return new Set();
	}
}

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

export function addApiRoutes(router: Router, paths: StorePaths) {
	const store = new CredentialStore(packageCredentials, new CredentialFile(paths));
	const n8nKeys = new N8nApiKeys(paths);
	// The tests that passed since this start: a deploy that publishes needs one of its exact graph.
	const passedTests = new PassedTests(packageNodeTypes);
	router.add('GET', '/api/health', ({ res }) => sendJson(res, 200, { ok: true }));
	addPackageRoutes(router);
	addTemplateRoutes(router);
	addActionRoutes(router, paths);

	addCredentialRoutes(router, store);
	addTestRoutes(router, store, passedTests);
	addAnswerPreviewRoute(router);
	addDeployRoute(router, store, n8nKeys, passedTests, paths);
	addAgentRoutes(router, paths, store, n8nKeys);
	addLogsRoutes(router, paths, store, n8nKeys);
	addN8nStateRoutes(router, paths, n8nKeys);
	addConversationRoutes(router, paths, store, n8nKeys);
	addAgentPreviewRoutes(router, paths, store);
	return store;
}

/** The canvas's credentials: listed without their secrets, created, updated and removed. */
function addCredentialRoutes(router: Router, store: CredentialStore) {
	router.add('GET', '/api/credentials', ({ res }) => sendJson(res, 200, store.list()));
	router.add('POST', '/api/credentials', async ({ req, res }) =>
		sendJson(
			res,
			201,
			store.create(validBody(createCredentialBody, await readJsonObject(req), CREDENTIAL_EXAMPLE)),
		),
	);
	router.add('PATCH', '/api/credentials/:id', async ({ req, res, params }) =>
		sendJson(
			res,
			200,
			store.update(
				params.id,
				validBody(
					updateCredentialBody,
					await readJsonObject(req),
					'{"name": "...", "data": {...}}',
				),
			),
		),
	);
	router.add('DELETE', '/api/credentials/:id', ({ res, params }) =>
		sendJson(res, 200, store.remove(params.id)),
	);
}

/** A test run of the graph (recorded when it passes), and n8n's checks of its nodes. */
function addTestRoutes(router: Router, store: CredentialStore, passedTests: PassedTests) {
	router.add('POST', '/api/test', async ({ req, res }) => {
		const body = validBody(testRequestBody, await readJsonObject(req), TEST_EXAMPLE);
		const report = await runTest(body, store);
		passedTests.record(body.workflow as JsonObject, report);
		sendJson(res, 200, report);
	});

	// n8n's own checks (parameter issues, required credentials) for the nodes, before any deploy.
	router.add('POST', '/api/checks', async ({ req, res }) => {
		const body = validBody(checksRequestBody, await readJsonObject(req), '{"workflow": {...}}');
		sendJson(res, 200, {
			// A credential named but unknown here may exist in n8n: deploy checks that against n8n.
			issues: workflowIssues(body.workflow as JsonObject),
		});
	});
}

/** Deploy to the admin's n8n; the key n8n accepted is kept to read the action's runs. */
function addDeployRoute(
	router: Router,
	store: CredentialStore,
	n8nKeys: N8nApiKeys,
	passedTests: PassedTests,
	paths: StorePaths,
) {
	// Whether a key is kept for an address (never the key): the dialog then needs none typed.
	router.add('GET', '/api/n8n-key', ({ res, url }) => {
		const baseUrl = normalizeBaseUrl(url.searchParams.get('baseUrl') ?? '');
		sendJson(res, 200, { baseUrl, kept: Boolean(n8nKeys.get(baseUrl)) });
	});
	router.add('POST', '/api/deploy', async ({ req, res }) => {
		const body = validBody(deployRequestBody, await readJsonObject(req), DEPLOY_EXAMPLE);
		// Environments (deployments.ts): the key kept for this address, and the workflow at it.
		const apiKey = keyForDeploy(body.apiKey, body.baseUrl, n8nKeys);
		const deployed = await deployWorkflow(
			{
				workflow: body.workflow,
				baseUrl: body.baseUrl,
				apiKey,
				activate: body.activate,
				workflowId: workflowIdAt(paths, body.actionId, body.baseUrl) ?? body.workflowId,
				secrets: body.secrets,
			},
			{ credentials: store, webhookNodeTypes: webhookNodeTypes(), passedTests },
		);
		// The key n8n accepted is kept (encrypted) to read the action's runs (Logs); never answered.
		n8nKeys.save(normalizeBaseUrl(body.baseUrl), apiKey);
		if (body.actionId)
			recordDeployment(paths, body.actionId, {
				baseUrl: body.baseUrl,
				workflowId: deployed.id,
				active: deployed.active,
				at: new Date().toISOString(),
				...(deployed.chatUrl ? { chatUrl: deployed.chatUrl } : {}),
			});
		// Set live: the one agent of this n8n is rebuilt with every live action (server/agent/).
		sendJson(res, 200, { ...deployed, ...(await agentAfterDeploy(paths, store, body, deployed)) });
	});
}
