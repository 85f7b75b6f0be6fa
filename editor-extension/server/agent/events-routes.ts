// GET /api/agent/conversations?baseUrl=&customer=&action=&cursor=&limit=: the conversations of the
// workspace agent in one n8n, newest first, one event per execution of its workflow (events.ts).
// The workflow id comes from the agent's deployments (deploy.ts), the n8n API key from the keys kept
// per address (n8n-keys.ts); the key never leaves this server, and every secret the canvas knows is
// scrubbed from the answer. Filtering by customer or action reads up to MAX_PAGES pages of n8n's
// executions, so a rare customer may need "older" to be found.
import { redactSecrets } from '../../../nodes/public';
import type { ConversationEvent, ConversationList } from '../../shared/api';
import type { CredentialStore } from '../credentials';
import { normalizeBaseUrl } from '../deploy/request';
import { HttpError, sendJson } from '../http';
import { fetchExecutions } from '../logs-api';
import type { N8nApiKeys } from '../n8n-keys';
import type { Router } from '../router';
import type { StorePaths } from '../store';
import { AgentDeployments } from './deploy';
import { conversationEvent, eventMatches } from './events';
import { agentModelKey } from './settings';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_PAGES = 5;

export function addConversationRoutes(
	router: Router,
	paths: StorePaths,
	credentials: CredentialStore,
	keys: N8nApiKeys,
) {
	router.add('GET', '/api/agent/conversations', async ({ res, url }) => {
		const query = url.searchParams;
		const { baseUrl, workflowId } = agentAt(paths, query.get('baseUrl'));
		const apiKey = keys.get(baseUrl);
		if (!apiKey)
			throw new HttpError(
				409,
				`The canvas keeps no n8n API key for ${baseUrl}`,
				'Set an action live there again with an API key: the canvas server keeps it (encrypted) to read the conversations.',
			);
		const limit = Math.min(
			Math.max(Number.parseInt(query.get('limit') ?? '', 10) || DEFAULT_LIMIT, 1),
			MAX_LIMIT,
		);
		const filter = {
			customer: query.get('customer') ?? undefined,
			action: query.get('action') ?? undefined,
		};
		const secrets = [apiKey, ...canvasSecrets(credentials), agentModelKey(paths) ?? ''].filter(
			Boolean,
		);
		const events: ConversationEvent[] = [];
		let cursor = query.get('cursor') ?? undefined;
		for (let page = 0; page < MAX_PAGES && events.length < limit; page++) {
			const found = await fetchExecutions({ baseUrl, apiKey, workflowId, limit, cursor }, secrets);
			for (const execution of found.executions) {
				const event = conversationEvent(execution, { baseUrl, workflowId, secrets });
				if (eventMatches(event, filter)) events.push(event);
			}
			cursor = found.nextCursor;
			if (!cursor) break;
		}
		const answer: ConversationList = {
			baseUrl,
			workflowId,
			events,
			...(cursor ? { nextCursor: cursor } : {}),
		};
		sendJson(res, 200, redactSecrets(answer, secrets));
	});
}

/** The agent deployed at that address; without one given, the only agent there is. */
function agentAt(paths: StorePaths, given: string | null) {
	const deployments = new AgentDeployments(paths).all();
	const addresses = Object.keys(deployments);
	const setLive =
		'Set an action live there: the canvas builds the agent from the live actions and publishes it.';
	if (!given) {
		if (addresses.length === 1)
			return { baseUrl: addresses[0], workflowId: deployments[addresses[0]].workflowId };
		throw new HttpError(
			addresses.length ? 400 : 404,
			addresses.length
				? `Say which n8n's agent to read: agents are deployed at ${addresses.join(', ')}`
				: 'No agent is deployed in any n8n yet, so there are no conversations',
			addresses.length ? 'Add ?baseUrl=<one of them> to the request.' : setLive,
		);
	}
	const baseUrl = normalizeBaseUrl(given);
	const record = deployments[baseUrl];
	if (!record)
		throw new HttpError(
			404,
			`No agent is deployed in the n8n at ${baseUrl}`,
			addresses.length ? `${setLive} Agents are deployed at ${addresses.join(', ')}.` : setLive,
		);
	return { baseUrl, workflowId: record.workflowId };
}

/** Every secret value of every credential entered on this canvas. */
function canvasSecrets(store: CredentialStore): string[] {
	return store
		.list()
		.flatMap((credential) =>
			store.secretValues(credential.type, store.dataForDeploy(credential.id) ?? {}),
		);
}
