// The credentials of a deploy: the canvas's own are created or updated in n8n (secrets go canvas
// server -> n8n only), the others must already be in n8n; each node then refers to n8n's id.
import { LOCAL_ID_PREFIX, type CredentialStore } from '../credentials';
import { isObject, type JsonObject } from '../http';
import { failure, listCredentials, ok, type N8nCaller, type RemoteCredential } from './n8n-caller';

/** What happened to one credential in n8n. */
export interface CredentialOutcome {
	type: string;
	name: string;
	id: string;
	outcome: 'created' | 'updated' | 'existing';
}

type Reference = { id?: unknown; name?: unknown };

/** The n8n credential each reference of a node resolved to, and what happened to each credential. */
export interface PushedCredentials {
	resolved: Map<string, { id: string; name: string }>;
	credentials: CredentialOutcome[];
}

/** One credential reference of a node: its type, id and name. */
export function referenceKey(type: string, ref: Reference): string {
	return `${type}\u0000${String(ref.id)}\u0000${String(ref.name)}`;
}

/** The credential references of the nodes, as [type, reference] pairs. */
function referencesOf(raw: unknown): [string, Reference][] {
	if (!isObject(raw) || !isObject(raw.credentials)) return [];
	return Object.entries(raw.credentials).map(([type, reference]) => [
		type,
		isObject(reference) ? reference : { name: reference },
	]);
}

/** The canvas's credentials each node uses (by its id, else by type and name), by reference key. */
export function localCredentials(nodes: unknown[], store: CredentialStore): Map<string, string> {
	const localFor = new Map<string, string>();
	for (const raw of nodes) {
		for (const [type, ref] of referencesOf(raw)) {
			const id = typeof ref.id === 'string' ? ref.id : undefined;
			const local =
				(id?.startsWith(LOCAL_ID_PREFIX) && store.find(id)?.type === type ? id : undefined) ??
				store.resolveForRun(type, { name: ref.name })?.id;
			if (local) localFor.set(referenceKey(type, ref), local);
		}
	}
	return localFor;
}

interface PushContext {
	n8n: N8nCaller;
	store: CredentialStore;
	remote: RemoteCredential[];
	outcomes: Map<string, CredentialOutcome>;
}

/** Every credential the nodes use, resolved to n8n's: the canvas's own pushed, the others found. */
export async function pushCredentials(
	n8n: N8nCaller,
	nodes: unknown[],
	localFor: Map<string, string>,
	store: CredentialStore,
): Promise<PushedCredentials> {
	const wanted = nodes.some((node) => isObject(node) && isObject(node.credentials));
	const remote: RemoteCredential[] = wanted ? await listCredentials(n8n.call, n8n.baseUrl) : [];
	const context: PushContext = { n8n, store, remote, outcomes: new Map() };
	const resolved = new Map<string, { id: string; name: string }>();
	for (const raw of nodes) {
		for (const [type, ref] of referencesOf(raw)) {
			const key = referenceKey(type, ref);
			if (resolved.has(key)) continue;
			const id = typeof ref.id === 'string' ? ref.id : undefined;
			// A credential of this canvas is created or updated in n8n.
			const local = localFor.get(key);
			if (local) {
				const outcome = await pushCredential(context, local, type);
				resolved.set(key, { id: outcome.id, name: outcome.name });
				continue;
			}
			// Otherwise n8n must have it: by its n8n id, else by type and name.
			const inN8n =
				remote.find((entry) => entry.id === id && entry.type === type) ??
				remote.find((entry) => entry.type === type && entry.name === ref.name);
			if (inN8n) {
				resolved.set(key, { id: inN8n.id, name: inN8n.name });
				const outcomeKey = `n8n:${inN8n.id}`;
				if (!context.outcomes.has(outcomeKey))
					context.outcomes.set(outcomeKey, { ...inN8n, outcome: 'existing' });
			}
		}
	}
	return { resolved, credentials: [...context.outcomes.values()] };
}

/** One canvas credential in n8n: updated when n8n has it (the id remembered, else type and name), else created. */
async function pushCredential(
	{ n8n, store, remote, outcomes }: PushContext,
	localId: string,
	type: string,
): Promise<CredentialOutcome> {
	const known = outcomes.get(localId);
	if (known) return known;
	const summary = store.find(localId)!;
	const data = store.dataForDeploy(localId) ?? {};
	n8n.secrets.push(...store.secretValues(type, data));
	const remembered = store.remoteId(localId, n8n.baseUrl);
	const existing =
		remote.find((entry) => entry.id === remembered && entry.type === type) ??
		remote.find((entry) => entry.type === type && entry.name === summary.name);
	let outcome: CredentialOutcome;
	if (existing) {
		const updated = await n8n.call('patch', `/credentials/${encodeURIComponent(existing.id)}`, {
			name: summary.name,
			type,
			data,
		});
		if (!ok(updated))
			throw n8n.keyFree(failure(updated, n8n.baseUrl, `update the credential "${summary.name}"`));
		outcome = { type, name: summary.name, id: existing.id, outcome: 'updated' };
	} else {
		const created = await n8n.call('post', '/credentials', { name: summary.name, type, data });
		const id = isObject(created.data) ? created.data.id : undefined;
		if (!ok(created) || (typeof id !== 'string' && typeof id !== 'number'))
			throw n8n.keyFree(failure(created, n8n.baseUrl, `create the credential "${summary.name}"`));
		outcome = { type, name: summary.name, id: String(id), outcome: 'created' };
		remote.push({ id: String(id), name: summary.name, type });
	}
	store.rememberRemoteId(localId, n8n.baseUrl, outcome.id);
	outcomes.set(localId, outcome);
	return outcome;
}

/** The workflow with each node's credential references set to n8n's id and name. */
export function withCredentialIds(
	workflow: JsonObject,
	resolved: PushedCredentials['resolved'],
): JsonObject {
	return {
		...workflow,
		nodes: (workflow.nodes as unknown[]).map((raw) => {
			if (!isObject(raw) || !isObject(raw.credentials)) return raw;
			const credentials = Object.fromEntries(
				referencesOf(raw).map(([type, ref]) => [
					type,
					resolved.get(referenceKey(type, ref)) ?? ref,
				]),
			);
			return { ...raw, credentials };
		}),
	};
}
