// Switching the demo backend on: a "Demo token" credential for each token type the API Actions use
// (the demo accepts any non-empty token). Nothing in the graph changes: tests then run on a copy
// pointed at /demo (demoTestDoc, used by testRun.ts), so exports and deploys keep the real addresses.
import { api } from '../api/client';
import type { CredentialInfo, CredentialTypeInfo } from '../api/types';
import { applyDemo, isApiAction, type CredentialRef } from '../graph/demo';
import type { GraphDoc } from '../graph/types';
import { doc, editorStore, getLookup } from './editor';
import { showToast } from './toasts';
import type { Catalog } from './useCatalog';

/** The graph a test runs: the graph itself, or with the demo on, a copy pointed at the demo. */
export function demoTestDoc(current: GraphDoc): GraphDoc {
	const demo = editorStore.get().demo;
	if (!demo) return current;
	return applyDemo(current, {
		demoBase: demoBase(),
		describe: getLookup(),
		demoCredential: (type) => demo.credentials[type],
	}).doc;
}

/**
 * With the demo on, the API Actions it cannot point at the demo (an address that is not a template's):
 * their tests call their own address. Empty when the demo is off.
 */
export function demoMisses(current: GraphDoc): Array<{ name: string; host: string }> {
	const demo = editorStore.get().demo;
	if (!demo) return [];
	const lookup = getLookup();
	const { changes } = applyDemo(current, {
		demoBase: demoBase(),
		describe: lookup,
		demoCredential: (type) => demo.credentials[type],
	});
	const changed = new Set(changes.map((change) => change.nodeId));
	return current.nodes
		.filter((graphNode) => {
			const node = graphNode.data.node;
			return isApiAction(node.type) && lookup(node.type) && !node.disabled;
		})
		.filter((graphNode) => !changed.has(graphNode.id))
		.map((graphNode) => {
			const address = Object.values(graphNode.data.node.parameters).find(
				(value): value is string => typeof value === 'string' && /^\s*https?:\/\//i.test(value),
			);
			const host = /^\s*https?:\/\/([^/?#]+)/i.exec(address ?? '')?.[1] ?? 'its own address';
			return { name: graphNode.data.node.name, host };
		});
}

/** Tests call the demo (on) or the real addresses (off); the graph is the same either way. */
export function setDemoBackend(on: boolean, credentials: Record<string, CredentialRef> = {}) {
	if (!on) {
		editorStore.set({ demo: undefined });
		return;
	}
	const probe = applyDemo(doc(), {
		demoBase: demoBase(),
		describe: getLookup(),
		demoCredential: (type) => credentials[type],
	});
	if (!probe.changes.length) {
		showToast(
			'info',
			'No API Action here calls an API the demo backend imitates.',
			'The demo answers electricity usage (/customers/{id}/usage), Shopify orders and Statuspage incidents: open one of the templates.',
		);
		return;
	}
	editorStore.set({ demo: { credentials } });
}

export const DEMO_CREDENTIAL_NAME = 'Demo token';
/** Credential types the demo can serve: a fixed token sent as a header. */
const DEMO_TYPES = ['finFixedTokenApi'];

export function demoBase(): string {
	return `${window.location.origin}/demo`;
}

async function ensureDemoCredential(
	type: CredentialTypeInfo,
	existing: CredentialInfo[],
): Promise<CredentialInfo> {
	const found = existing.find(
		(credential) => credential.type === type.name && credential.name === DEMO_CREDENTIAL_NAME,
	);
	if (found) return found;
	const data: Record<string, unknown> = {};
	for (const property of type.properties) {
		if (property.typeOptions?.password === true && property.type !== 'hidden')
			data[property.name] = 'demo-token';
	}
	return api.createCredential({ type: type.name, name: DEMO_CREDENTIAL_NAME, data });
}

/** The demo being switched on (a template opens on it), so a test pressed meanwhile can wait for it. */
let switchingOn: Promise<void> | undefined;

export function enableDemo(catalog: Catalog): Promise<void> {
	const switching = switchOn(catalog).finally(() => {
		if (switchingOn === switching) switchingOn = undefined;
	});
	switchingOn = switching;
	return switching;
}

/** Settles once no switch to the demo is under way (whether it worked or not). */
export async function demoSwitched(): Promise<void> {
	await switchingOn?.catch(() => undefined);
}

async function switchOn(catalog: Catalog): Promise<void> {
	const refs = new Map<string, CredentialRef>();
	for (const type of catalog.credentialTypes.filter((candidate) =>
		DEMO_TYPES.includes(candidate.name),
	)) {
		const credential = await ensureDemoCredential(type, catalog.credentials);
		refs.set(type.name, { type: type.name, id: credential.id, name: credential.name });
	}
	await catalog.reloadCredentials();
	setDemoBackend(true, Object.fromEntries(refs));
}

export function disableDemo() {
	setDemoBackend(false);
}
