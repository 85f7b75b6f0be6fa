// The workspace agent under /api/agent (its settings, tools and deployments; the model's key is
// never answered), "Back to draft" for a live action, and the hook that rebuilds the agent when an
// action is set live.
import { agentSettingsBody, type AgentOutcome } from '../../shared/api';
import type { CredentialStore } from '../credentials';
import { n8nCaller } from '../deploy/n8n-caller';
import { normalizeBaseUrl } from '../deploy/request';
import { productionUrl } from '../deploy/workflow';
import { HttpError, isObject, readJsonObject, sendJson } from '../http';
import { deploymentsOf } from '../deployments';
import type { N8nApiKeys } from '../n8n-keys';
import type { Router } from '../router';
import { ActionFiles, type StorePaths } from '../store';
import { validBody } from '../validate';
import { AgentDeployments, deactivate, deployAgent, type DeployedAction } from './deploy';
import { agentSettingsInfo, saveAgentSettings } from './settings';
import type { N8nWorkflow } from './workflow';

const AGENT_EXAMPLE =
	'{"instructions": "Be brief.", "model": {"baseUrl": "https://api.openai.com/v1", "model": "gpt-4o-mini", "apiKey": "...", "n8nAddresses": ["http://localhost:5678"]}}';

export function addAgentRoutes(
	router: Router,
	paths: StorePaths,
	store: CredentialStore,
	n8nKeys: N8nApiKeys,
) {
	router.add('GET', '/api/agent', ({ res }) => sendJson(res, 200, agentInfo(paths)));
	router.add('PUT', '/api/agent', async ({ req, res }) => {
		const body = validBody(agentSettingsBody, await readJsonObject(req), AGENT_EXAMPLE);
		saveAgentSettings(paths, body);
		const updated = await redeployEverywhere(paths, store, n8nKeys);
		sendJson(res, 200, { ...agentInfo(paths), updated });
	});
	router.add('POST', '/api/actions/:id/draft', async ({ req, res, params }) => {
		const body = await readJsonObject(req);
		sendJson(res, 200, await backToDraft(paths, store, n8nKeys, params.id, body));
	});
}

/**
 * New settings reach the agent at once wherever it is deployed, with the n8n API key kept from "Set
 * live" (n8n-keys.ts); each address's outcome is answered in plain words.
 */
async function redeployEverywhere(paths: StorePaths, store: CredentialStore, n8nKeys: N8nApiKeys) {
	const outcomes: Array<AgentOutcome & { baseUrl: string }> = [];
	for (const baseUrl of Object.keys(new AgentDeployments(paths).all())) {
		try {
			const apiKey = n8nKeys.get(baseUrl);
			outcomes.push({
				baseUrl,
				...(apiKey
					? await deployAgent(paths, store, { baseUrl, apiKey })
					: {
							deployed: false,
							message: `No n8n API key is kept for ${baseUrl}: set an action live there to update the agent.`,
						}),
			});
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			outcomes.push({ baseUrl, deployed: false, message: `${error.message}. ${error.hint}` });
		}
	}
	return outcomes;
}

/** GET /api/agent: the settings (never the key), the tools (live actions) and where it is deployed. */
function agentInfo(paths: StorePaths) {
	const settings = agentSettingsInfo(paths);
	const live = new ActionFiles(paths).list().filter((action) => action.state === 'live');
	const deployments = Object.entries(new AgentDeployments(paths).all()).map(
		([baseUrl, record]) => ({
			baseUrl,
			workflowId: record.workflowId,
			active: record.active,
			at: record.at,
			productionUrl: productionUrl(baseUrl, settings.webhookId),
			tools: record.tools,
		}),
	);
	return { ...settings, tools: live.map((action) => action.name).sort(), deployments };
}

/**
 * A live action back to draft: its own workflow is unpublished in n8n, its state is kept as not
 * live (its n8n workflow id stays, so the next "Set live" updates it), and the agent of that n8n is
 * rebuilt without it. The n8n API key kept from "Set live" is used unless the body sends one.
 */
async function backToDraft(
	paths: StorePaths,
	store: CredentialStore,
	n8nKeys: N8nApiKeys,
	id: string,
	body: Record<string, unknown>,
) {
	const files = new ActionFiles(paths);
	const action = files.get(id);
	// Environments (deployments.ts): `baseUrl` takes down the deployment at that address; else the last.
	const deployments = deploymentsOf(action);
	const chosen =
		typeof body.baseUrl === 'string' && body.baseUrl.trim()
			? normalizeBaseUrl(body.baseUrl)
			: undefined;
	const target = chosen ? deployments[chosen] : action.deploy;
	if (!target?.active)
		throw new HttpError(
			400,
			`The action "${action.name}" is not live${chosen ? ` at ${chosen}` : ''}`,
			'Only a live action can go back to draft; reload the list to see its state.',
		);
	const baseUrl = normalizeBaseUrl(target.baseUrl);
	const apiKey =
		(typeof body.apiKey === 'string' && body.apiKey.trim()) || n8nKeys.get(baseUrl) || '';
	if (!apiKey)
		throw new HttpError(
			400,
			`No n8n API key is kept for ${baseUrl}`,
			'Send "apiKey" (create one in n8n under Settings > n8n API), or set any action live there once.',
		);
	const n8n = n8nCaller(baseUrl, apiKey);
	await deactivate(n8n, target.workflowId, `unpublish the workflow of "${action.name}"`);
	const at = new Date().toISOString();
	const last = action.deploy && normalizeBaseUrl(action.deploy.baseUrl) === baseUrl;
	const summary = files.save({
		...action,
		...(action.deploy
			? { deploy: last ? { ...action.deploy, active: false, at } : action.deploy }
			: {}),
		deployments: { ...deployments, [baseUrl]: { ...target, baseUrl, active: false, at } },
	});
	const agent = await deployAgent(paths, store, { baseUrl, apiKey, excludeId: id });
	return { action: summary, agent };
}

/**
 * After an action was set live (published) in n8n: the agent of that n8n rebuilt with it, and its
 * outcome added to the deploy's answer in plain words (the action itself is live either way).
 */
export async function agentAfterDeploy(
	paths: StorePaths,
	store: CredentialStore,
	request: { workflow: unknown; baseUrl: string; apiKey: string; secrets?: unknown },
	deployed: { id: string; active: boolean; message?: string },
): Promise<{ agent?: AgentOutcome; message?: string }> {
	if (!deployed.active || !isObject(request.workflow)) return {};
	const workflow = request.workflow as unknown as N8nWorkflow;
	const action: DeployedAction = {
		name: typeof workflow.name === 'string' ? workflow.name : '',
		workflow,
		workflowId: deployed.id,
	};
	let agent: AgentOutcome;
	try {
		agent = await deployAgent(paths, store, {
			baseUrl: normalizeBaseUrl(request.baseUrl),
			apiKey: request.apiKey.trim(),
			secrets: request.secrets,
			deployed: action,
		});
	} catch (error) {
		// The store could not be read (deployAgent answers n8n's refusals itself): the action is live anyway.
		if (!(error instanceof HttpError)) throw error;
		agent = {
			deployed: false,
			message: `The AI agent was not deployed: ${error.message}. ${error.hint}`,
		};
	}
	return { agent, message: [deployed.message, agent.message].filter(Boolean).join(' ') };
}
