// The workflow of a deploy in n8n: cleaned to what n8n's public API accepts, saved over the one
// deployed before (its webhook ids kept) or created, then published when asked.
import { randomUUID } from 'node:crypto';

import { LOCAL_ID_PREFIX, type CredentialStore } from '../credentials';
import { HttpError, isObject, type JsonObject } from '../http';
import type { CredentialOutcome } from './credentials';
import { failure, ok, type N8nCaller } from './n8n-caller';

/** Node fields n8n's public API accepts (node.yml has additionalProperties: false). */
const NODE_FIELDS = [
	'id',
	'name',
	'webhookId',
	'disabled',
	'notesInFlow',
	'notes',
	'type',
	'typeVersion',
	'executeOnce',
	'alwaysOutputData',
	'retryOnFail',
	'maxTries',
	'waitBetweenTries',
	'continueOnFail',
	'onError',
	'position',
	'parameters',
	'credentials',
];
/** Workflow settings n8n's public API accepts (workflowSettings.yml has additionalProperties: false). */
const SETTINGS_FIELDS = [
	'saveExecutionProgress',
	'saveManualExecutions',
	'saveDataErrorExecution',
	'saveDataSuccessExecution',
	'executionTimeout',
	'errorWorkflow',
	'timezone',
	'executionOrder',
	'callerPolicy',
	'callerIds',
	'timeSavedPerExecution',
	'availableInMCP',
];
/** Workflow fields n8n keeps itself: left out of a deploy without a word. */
const N8N_BOOKKEEPING = [
	'id',
	'active',
	'versionId',
	'meta',
	'createdAt',
	'updatedAt',
	'isArchived',
	'triggerCount',
	'shared',
];

const isEmpty = (value: unknown) =>
	value === undefined ||
	value === null ||
	value === false ||
	(Array.isArray(value) && value.length === 0) ||
	(isObject(value) && Object.keys(value).length === 0);

export interface CleanOptions {
	credentials: CredentialStore;
	/** Node types that receive webhooks: n8n's editor gives such nodes a webhookId, so we do too. */
	webhookNodeTypes?: Set<string>;
}

/**
 * The workflow as n8n's public API accepts it: `{ name, nodes, connections, settings }` only, each node
 * with the documented fields only. Credentials are referenced by type and name: ids this canvas made
 * up (local_...) mean nothing to n8n, so they become `id: null`, which makes n8n look the credential
 * up by type and name (an id that n8n does not know falls back to the name too). Secrets never leave.
 */
export function cleanWorkflow(
	workflow: JsonObject,
	options: CleanOptions,
): { body: JsonObject; warnings: string[] } {
	const warnings: string[] = [];
	const nodes = (workflow.nodes as unknown[]).map((raw, index) =>
		cleanNode(raw, index, options, warnings),
	);
	const settings: JsonObject = {};
	const rawSettings = isObject(workflow.settings) ? workflow.settings : {};
	for (const field of SETTINGS_FIELDS)
		if (rawSettings[field] !== undefined) settings[field] = rawSettings[field];
	const droppedSettings = Object.keys(rawSettings).filter(
		(field) => !SETTINGS_FIELDS.includes(field),
	);
	if (droppedSettings.length)
		warnings.push(
			`Settings: left out ${droppedSettings.join(', ')} (n8n's API does not accept them).`,
		);
	settings.executionOrder ??= 'v1';
	// Only what the admin would miss: not n8n's own bookkeeping, not empty pinData or tags of an export.
	const droppedTop = Object.keys(workflow).filter(
		(field) =>
			!['name', 'nodes', 'connections', 'settings', ...N8N_BOOKKEEPING].includes(field) &&
			!isEmpty(workflow[field]),
	);
	if (droppedTop.length)
		warnings.push(`Left out ${droppedTop.join(', ')}: n8n sets or rejects these on create.`);
	const name =
		typeof workflow.name === 'string' && workflow.name.trim() ? workflow.name : 'Fin action';
	return { body: { name, nodes, connections: workflow.connections, settings }, warnings };
}

/** One node with the fields n8n's API accepts; its credentials referenced as n8n can find them. */
function cleanNode(
	raw: unknown,
	index: number,
	options: CleanOptions,
	warnings: string[],
): JsonObject {
	if (!isObject(raw))
		throw new HttpError(
			400,
			`nodes[${index}] is not an object`,
			'Export the workflow again from the canvas.',
		);
	const node: JsonObject = {};
	for (const field of NODE_FIELDS) if (raw[field] !== undefined) node[field] = raw[field];
	const dropped = Object.keys(raw).filter((field) => !NODE_FIELDS.includes(field));
	if (dropped.length)
		warnings.push(
			`Node "${String(raw.name)}": left out ${dropped.join(', ')} (n8n's API does not accept them).`,
		);
	node.parameters ??= {};
	if (isObject(raw.credentials)) {
		node.credentials = Object.fromEntries(
			Object.entries(raw.credentials).map(([type, reference]) => {
				const ref = isObject(reference) ? reference : { name: reference };
				const id = typeof ref.id === 'string' ? ref.id : undefined;
				const local = id !== undefined && id.startsWith(LOCAL_ID_PREFIX);
				const name = (local && options.credentials.find(id)?.name) || ref.name;
				if (local || id === undefined) {
					warnings.push(
						`Node "${String(raw.name)}": n8n must have a "${type}" credential named "${String(name)}" (secrets stay on this machine; create it in n8n).`,
					);
					return [type, { id: null, name }];
				}
				return [type, { id, name }];
			}),
		);
	}
	if (options.webhookNodeTypes?.has(String(raw.type)) && typeof node.webhookId !== 'string')
		node.webhookId = randomUUID();
	return node;
}

/** Where the workflow was saved in n8n, and how. */
export interface SavedWorkflow {
	id: string;
	url: string;
	saved: 'updated' | 'recreated' | 'created';
	warnings: string[];
	/** The Fin Trigger's production URL: where the Messenger backend posts each chat message. */
	chatUrl?: string;
}

/** A Fin Trigger's production URL: `<n8n>/webhook/<webhookId>/fin` (its webhook path is "fin"). */
export const productionUrl = (baseUrl: string, webhookId: string) =>
	`${baseUrl}/webhook/${webhookId}/fin`;

/** The production URL of the workflow's Fin Trigger. */
function chatUrlOf(baseUrl: string, body: JsonObject): string | undefined {
	const nodes = Array.isArray(body.nodes) ? body.nodes : [];
	const trigger = nodes.find(
		(node) => isObject(node) && String(node.type).endsWith('.finTrigger') && !node.disabled,
	);
	return isObject(trigger) && typeof trigger.webhookId === 'string'
		? productionUrl(baseUrl, trigger.webhookId)
		: undefined;
}

/** The workflow this action was deployed as before is updated, unless it is gone from n8n; else created. */
export async function saveWorkflow(
	n8n: N8nCaller,
	workflowId: unknown,
	withIds: JsonObject,
	options: CleanOptions,
): Promise<SavedWorkflow> {
	const previousId =
		typeof workflowId === 'string' && workflowId.trim() ? workflowId.trim() : undefined;
	const { existing, recreated } = previousId
		? await findPrevious(n8n, previousId)
		: { existing: undefined, recreated: false };
	const { body, warnings } = cleanWorkflow(withWebhookIds(withIds, existing, options), options);
	let id: string;
	if (existing) {
		const updated = await n8n.call('put', `/workflows/${encodeURIComponent(previousId!)}`, body);
		if (!ok(updated)) throw n8n.keyFree(failure(updated, n8n.baseUrl, 'update the workflow'));
		id = previousId!;
	} else {
		const created = await n8n.call('post', '/workflows', body);
		if (!ok(created)) throw n8n.keyFree(failure(created, n8n.baseUrl, 'create the workflow'));
		const createdId = isObject(created.data) ? created.data.id : undefined;
		if (typeof createdId !== 'string' && typeof createdId !== 'number') {
			throw new HttpError(
				502,
				`${n8n.baseUrl} answered without a workflow id`,
				'Check that the base URL points at n8n itself, not at another site or a login page.',
			);
		}
		id = String(createdId);
	}
	const saved = existing ? 'updated' : recreated ? 'recreated' : 'created';
	const chatUrl = chatUrlOf(n8n.baseUrl, body);
	return {
		id,
		url: `${n8n.baseUrl}/workflow/${id}`,
		saved,
		warnings,
		...(chatUrl ? { chatUrl } : {}),
	};
}

/** The workflow deployed before, as n8n has it; `recreated` when it is gone (deleted or archived). */
async function findPrevious(
	n8n: N8nCaller,
	previousId: string,
): Promise<{ existing: JsonObject | undefined; recreated: boolean }> {
	const found = await n8n.call('get', `/workflows/${encodeURIComponent(previousId)}`);
	if (ok(found) && isObject(found.data) && found.data.isArchived !== true)
		return { existing: found.data, recreated: false };
	if (found.status === 404 || (ok(found) && isObject(found.data)))
		return { existing: undefined, recreated: true };
	throw n8n.keyFree(failure(found, n8n.baseUrl, 'find the workflow deployed before'));
}

/**
 * A webhook node keeps n8n's webhookId across updates, so its production URL stays the same. A new
 * workflow gets new ones, as n8n's editor gives a duplicate: graphs made from one template (or
 * imported from a workflow n8n already runs) carry the same webhookId, which n8n refuses to publish
 * twice ("There is a conflict with one of the webhooks").
 */
function withWebhookIds(
	workflow: JsonObject,
	existing: JsonObject | undefined,
	options: CleanOptions,
): JsonObject {
	const keptWebhookIds = new Map<string, string>();
	if (existing && Array.isArray(existing.nodes))
		for (const node of existing.nodes)
			if (isObject(node) && typeof node.webhookId === 'string')
				keptWebhookIds.set(String(node.name), node.webhookId);
	return {
		...workflow,
		nodes: (workflow.nodes as unknown[]).map((raw) => {
			if (!isObject(raw) || !options.webhookNodeTypes?.has(String(raw.type))) return raw;
			return { ...raw, webhookId: keptWebhookIds.get(String(raw.name)) ?? randomUUID() };
		}),
	};
}

/** POST /workflows/{id}/publish; whether n8n says the workflow is active now. */
export async function publish(
	n8n: N8nCaller,
	{ id, url, saved }: SavedWorkflow,
	credentials: CredentialOutcome[],
): Promise<boolean> {
	const published = await n8n.call(
		'post',
		`/workflows/${encodeURIComponent(id)}/publish`,
		{},
		{ id, url, active: false, saved },
	);
	if (!ok(published)) {
		const error = failure(published, n8n.baseUrl, 'publish the workflow');
		throw n8n.keyFree(
			new HttpError(
				error.status,
				`n8n saved the workflow but did not publish it: ${error.message}`,
				`Fix what n8n names, then publish again (the same workflow is updated), or open ${url}.`,
				{ id, url, active: false, saved, credentials: credentials as unknown as JsonObject[] },
			),
		);
	}
	return !(isObject(published.data) && published.data.active === false);
}
