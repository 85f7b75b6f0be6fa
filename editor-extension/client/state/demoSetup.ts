// Switching the demo backend on: a "Demo token" credential for each token type the API Actions use
// (the demo accepts any non-empty token), then the API Actions are pointed at /demo.
import { api } from '../api/client';
import type { CredentialInfo, CredentialTypeInfo } from '../api/types';
import {
	applyDemo,
	revertDemo,
	usesDemo,
	type CredentialRef,
	type DemoOptions,
} from '../graph/demo';
import { commit, doc, editorStore, getLookup } from './editor';
import { showToast } from './toasts';
import type { Catalog } from './useCatalog';

/** Points the API Actions at the demo (on) or undoes exactly what that changed (off). */
export function setDemoBackend(on: boolean, options: Omit<DemoOptions, 'describe'>) {
	const state = editorStore.get();
	if (on) {
		const result = applyDemo(doc(), { ...options, describe: getLookup() });
		if (!result.changes.length) {
			showToast(
				'info',
				'No API Action here calls an API the demo backend imitates.',
				'The demo answers electricity usage (/customers/{id}/usage), Shopify orders and Statuspage incidents: open one of the templates.',
			);
			return;
		}
		commit(result.doc);
		editorStore.set({ demo: { changes: [...(state.demo?.changes ?? []), ...result.changes] } });
		return;
	}
	const reverted = state.demo ? revertDemo(doc(), state.demo.changes) : doc();
	if (reverted !== doc()) commit(reverted);
	editorStore.set({ demo: undefined });
	if (usesDemo(reverted, options.demoBase)) {
		showToast(
			'warning',
			'Some API Actions still call the demo backend.',
			`They were set to ${options.demoBase} before this session (or edited since): enter your API's address in their URL fields.`,
		);
	}
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

export async function enableDemo(catalog: Catalog): Promise<void> {
	const refs = new Map<string, CredentialRef>();
	for (const type of catalog.credentialTypes.filter((candidate) =>
		DEMO_TYPES.includes(candidate.name),
	)) {
		const credential = await ensureDemoCredential(type, catalog.credentials);
		refs.set(type.name, { type: type.name, id: credential.id, name: credential.name });
	}
	await catalog.reloadCredentials();
	setDemoBackend(true, { demoBase: demoBase(), demoCredential: (type) => refs.get(type) });
}

export function disableDemo() {
	setDemoBackend(false, { demoBase: demoBase() });
}
