// The workspace agent's settings, in `<data folder>/agent.json`: the admin's instructions (tone, what
// not to do), the chat model (an OpenAI-compatible base URL and model name) and its API key, and the
// agent's stable webhookId (its production chat address stays the same across deploys). The key is
// encrypted like the credentials (store.ts: AES-256-GCM under the key file kept outside the data
// folder) and is never answered: GET says only whether one is set.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AgentSettingsBody } from '../../shared/api';
import { normalizeBaseUrl } from '../deploy/request';
import { HttpError, isObject } from '../http';
import { CredentialFile, writeAtomic, type EncryptedBox, type StorePaths } from '../store';

export interface AgentModel {
	/** OpenAI-compatible API base, e.g. https://api.openai.com/v1 */
	baseUrl: string;
	model: string;
}

export interface AgentSettings {
	instructions: string;
	model?: AgentModel;
}

/** What GET /api/agent answers: the settings and whether a key is kept, never the key. */
export interface AgentSettingsInfo extends AgentSettings {
	keySet: boolean;
	/** The n8n addresses the admin allowed the key to be sent to (the agent's chat model credential there). */
	keyN8nAddresses: string[];
	webhookId: string;
}

interface AgentFile {
	version: 1;
	webhookId: string;
	instructions: string;
	model?: AgentModel;
	apiKey?: EncryptedBox;
}

// The box is bound to this id (GCM associated data): a box copied from another entry does not decrypt.
const KEY_BOX_ID = 'agent-model-api-key';

const fileOf = (paths: StorePaths) => join(paths.dataDir, 'agent.json');

function readFile(paths: StorePaths): AgentFile | undefined {
	const file = fileOf(paths);
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	if (!isObject(parsed) || typeof parsed.webhookId !== 'string')
		throw new HttpError(
			503,
			`The agent settings file ${file} cannot be read`,
			'Restore it from a backup, or delete it and enter the agent settings again (the agent then gets a new chat address).',
		);
	return parsed as unknown as AgentFile;
}

/** The stored file, created (with a fresh webhookId) on first use. */
function loadOrCreate(paths: StorePaths): AgentFile {
	const existing = readFile(paths);
	if (existing) return existing;
	const created: AgentFile = { version: 1, webhookId: randomUUID(), instructions: '' };
	writeAtomic(fileOf(paths), JSON.stringify(created, null, '\t'));
	return created;
}

export function readAgentSettings(paths: StorePaths): AgentSettings {
	const file = readFile(paths);
	return {
		instructions: file?.instructions ?? '',
		...(file?.model ? { model: file.model } : {}),
	};
}

/** The agent's Fin Trigger webhookId: random once, then kept. */
export function agentWebhookId(paths: StorePaths): string {
	return loadOrCreate(paths).webhookId;
}

/** The key and the n8n addresses it may go to: both inside the box, so an address added by hand does not decrypt. */
function unsealKey(paths: StorePaths): { apiKey: string; n8nAddresses: string[] } | undefined {
	const box = readFile(paths)?.apiKey;
	if (!box) return undefined;
	const { apiKey, n8nAddresses } = new CredentialFile(paths).unseal(KEY_BOX_ID, box);
	if (typeof apiKey !== 'string') return undefined;
	return { apiKey, n8nAddresses: Array.isArray(n8nAddresses) ? n8nAddresses.map(String) : [] };
}

/** The model's API key, decrypted; undefined when none is set. For the server only, never answered. */
export function agentModelKey(paths: StorePaths): string | undefined {
	return unsealKey(paths)?.apiKey;
}

/**
 * The key for the agent's credential in the n8n at `n8nBaseUrl`, only if the admin allowed that
 * address when entering the key (a stored secret goes only to an address confirmed for it).
 */
export function agentModelKeyFor(
	paths: StorePaths,
	n8nBaseUrl: string,
): { apiKey: string } | { refused: string } {
	const key = unsealKey(paths);
	if (!key) return { refused: 'no model API key is set' };
	if (!key.n8nAddresses.includes(n8nBaseUrl))
		return {
			refused: `the model's API key was not allowed for the n8n at ${n8nBaseUrl}. Enter the key again under "AI agent" on the home screen with ${n8nBaseUrl} among its n8n addresses`,
		};
	return { apiKey: key.apiKey };
}

export function agentSettingsInfo(paths: StorePaths): AgentSettingsInfo {
	const file = loadOrCreate(paths);
	return {
		instructions: file.instructions,
		...(file.model ? { model: file.model } : {}),
		keySet: !!file.apiKey,
		keyN8nAddresses: file.apiKey ? (unsealKey(paths)?.n8nAddresses ?? []) : [],
		webhookId: file.webhookId,
	};
}

/**
 * Saves what the body sends: `instructions` and `model` replace the stored ones when present,
 * `model: null` removes the model and its key, `model.apiKey` omitted keeps the stored key (and the
 * n8n addresses allowed with it), but only for the same model address: a kept key is never sent to an
 * address the admin did not enter it for.
 */
export function saveAgentSettings(paths: StorePaths, body: AgentSettingsBody): AgentSettingsInfo {
	const file = loadOrCreate(paths);
	const next: AgentFile = { ...file };
	if (body.instructions !== undefined) next.instructions = body.instructions;
	if (body.model === null) {
		delete next.model;
		delete next.apiKey;
	} else if (body.model) {
		const baseUrl = normalizeModelUrl(body.model.baseUrl);
		const apiKey = body.model.apiKey?.trim();
		if (body.model.n8nAddresses && !apiKey)
			throw new HttpError(
				400,
				'"model.n8nAddresses" needs "model.apiKey": the n8n addresses are allowed when the key is entered',
				'Enter the API key again together with the n8n addresses it may be sent to.',
			);
		if (apiKey) {
			const n8nAddresses = [...new Set((body.model.n8nAddresses ?? []).map(normalizeBaseUrl))];
			next.apiKey = new CredentialFile(paths).seal(KEY_BOX_ID, { apiKey, n8nAddresses });
		} else if (file.apiKey && file.model && file.model.baseUrl !== baseUrl) {
			throw new HttpError(
				400,
				`"model.apiKey" is needed again: the model's base URL changed from ${file.model.baseUrl} to ${baseUrl}`,
				'Enter the API key for the new address too (a kept key is only ever sent to the address it was entered for).',
			);
		}
		next.model = { baseUrl, model: body.model.model.trim() };
	}
	writeAtomic(fileOf(paths), JSON.stringify(next, null, '\t'));
	return agentSettingsInfo(paths);
}

/** `https://api.openai.com/v1/` -> `https://api.openai.com/v1` (the schema checked it is http(s)). */
function normalizeModelUrl(value: string): string {
	const url = new URL(value.trim());
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
