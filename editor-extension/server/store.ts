// The canvas's local store: a data folder of plain JSON files (no setup, no dependency) holding the
// admin's actions, their last test summary and deploy info, and the credentials. Files are written
// atomically (temp file + rename) so a crash never leaves half a file. Credential data is encrypted
// with AES-256-GCM under a random key kept in a key file OUTSIDE the data folder: copying or sharing
// the folder does not share the secrets.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { HttpError } from './http';
import { REPO_ROOT } from './paths';

export interface StorePaths {
	dataDir: string;
	keyFile: string;
}

/** `<repo>/.canvas-data/` and `<repo>/.canvas-key` (both git-ignored), unless the env says otherwise. */
export function defaultStorePaths(env: NodeJS.ProcessEnv = process.env): StorePaths {
	return {
		dataDir: env.CANVAS_DATA_DIR || join(REPO_ROOT, '.canvas-data'),
		keyFile: env.CANVAS_KEY_FILE || join(REPO_ROOT, '.canvas-key'),
	};
}

/** Writes a file so readers see the old or the new content, never a part. */
export function writeAtomic(file: string, text: string) {
	mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
	const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	writeFileSync(temp, text, { mode: 0o600 });
	renameSync(temp, file);
}

function readJson(file: string): unknown {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw new HttpError(
			500,
			`The store file ${file} cannot be read: ${(error as Error).message}`,
			'Restore the file from a backup or remove it (its content is then lost).',
		);
	}
}

// Credentials

/** A credential as kept on disk: the summary in clear, `data` encrypted. */
export interface PersistedCredential {
	id: string;
	name: string;
	type: string;
	remoteIds?: Record<string, string>;
	/** The n8n addresses the admin confirmed this credential's secrets for (credentials.ts). */
	n8nAddresses?: string[];
	data: ICredentialDataDecryptedObject;
}

/**
 * The confirmed n8n addresses travel inside the encrypted box (the GCM tag covers them): an address
 * added to the file by hand does not decrypt. '#' is in no credential field's name.
 */
const ADDRESSES_KEY = '#n8nAddresses';

export interface EncryptedBox {
	iv: string;
	tag: string;
	ciphertext: string;
}

const KEY_BYTES = 32;

export class CredentialFile {
	readonly file: string;
	private key?: Buffer;

	constructor(private readonly paths: StorePaths) {
		this.file = join(paths.dataDir, 'credentials.json');
	}

	/** Every stored credential, decrypted; a clear HttpError when the key is missing or wrong. */
	load(): PersistedCredential[] {
		const raw = readJson(this.file) as { credentials?: unknown } | undefined;
		const entries = Array.isArray(raw?.credentials) ? raw.credentials : [];
		if (entries.length === 0) return [];
		const key = this.readKey(false)!;
		return entries.map((entry: PersistedCredential & { data: EncryptedBox }) => {
			const { [ADDRESSES_KEY]: addresses, ...data } = this.decrypt(key, entry.id, entry.data);
			return {
				id: entry.id,
				name: entry.name,
				type: entry.type,
				...(entry.remoteIds ? { remoteIds: entry.remoteIds } : {}),
				...(Array.isArray(addresses) ? { n8nAddresses: addresses.map(String) } : {}),
				data,
			};
		});
	}

	save(credentials: PersistedCredential[]) {
		const key = credentials.length ? this.readKey(true)! : undefined;
		const stored = credentials.map((credential) => ({
			id: credential.id,
			name: credential.name,
			type: credential.type,
			...(credential.remoteIds ? { remoteIds: credential.remoteIds } : {}),
			data: this.encrypt(key!, credential.id, {
				...credential.data,
				...(credential.n8nAddresses?.length ? { [ADDRESSES_KEY]: credential.n8nAddresses } : {}),
			}),
		}));
		writeAtomic(this.file, JSON.stringify({ version: 1, credentials: stored }, null, '\t'));
	}

	/** Encrypts another secret under the same key, bound to `id` (n8n-keys.ts: the n8n API keys). */
	seal(id: string, data: ICredentialDataDecryptedObject): EncryptedBox {
		return this.encrypt(this.readKey(true)!, id, data);
	}

	unseal(id: string, box: EncryptedBox): ICredentialDataDecryptedObject {
		return this.decrypt(this.readKey(false)!, id, box);
	}

	private readKey(create: boolean): Buffer | undefined {
		if (this.key) return this.key;
		const file = this.paths.keyFile;
		let text: string | undefined;
		try {
			text = readFileSync(file, 'utf8').trim();
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw keyError(file, error as Error);
		}
		if (text === undefined) {
			if (!create) {
				throw new HttpError(
					503,
					`The key file ${file} is missing, so the credentials in ${this.file} cannot be decrypted`,
					`Put the original key file back at ${file} (or point CANVAS_KEY_FILE at it), or delete ${this.file} and enter the credentials again.`,
				);
			}
			const key = randomBytes(KEY_BYTES);
			mkdirSync(dirname(file), { recursive: true });
			// 'wx': never overwrite a key another process just wrote.
			writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
			this.key = key;
			return key;
		}
		const key = Buffer.from(text, 'base64');
		if (key.length !== KEY_BYTES) {
			throw new HttpError(
				503,
				`The key file ${file} does not hold a ${KEY_BYTES}-byte base64 key`,
				`Put the original key file back at ${file} (or point CANVAS_KEY_FILE at it), or delete ${this.file} and enter the credentials again.`,
			);
		}
		this.key = key;
		return key;
	}

	// The credential id is bound as associated data: a box copied onto another entry is refused.
	private encrypt(key: Buffer, id: string, data: ICredentialDataDecryptedObject): EncryptedBox {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', key, iv);
		cipher.setAAD(Buffer.from(id, 'utf8'));
		const ciphertext = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
		return {
			iv: iv.toString('base64'),
			tag: cipher.getAuthTag().toString('base64'),
			ciphertext: ciphertext.toString('base64'),
		};
	}

	private decrypt(key: Buffer, id: string, box: EncryptedBox): ICredentialDataDecryptedObject {
		try {
			const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
			decipher.setAAD(Buffer.from(id, 'utf8'));
			decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
			const text = Buffer.concat([
				decipher.update(Buffer.from(box.ciphertext, 'base64')),
				decipher.final(),
			]).toString('utf8');
			return JSON.parse(text) as ICredentialDataDecryptedObject;
		} catch {
			throw new HttpError(
				503,
				`Credential "${id}" in ${this.file} cannot be decrypted with the key in ${this.paths.keyFile}: the key is not the one it was saved with, or the file was altered`,
				`Put the original key file back at ${this.paths.keyFile} (or point CANVAS_KEY_FILE at it), or delete ${this.file} and enter the credentials again.`,
			);
		}
	}
}

function keyError(file: string, error: Error) {
	return new HttpError(
		503,
		`The key file ${file} cannot be read: ${error.message}`,
		`Make ${file} readable by the user running the canvas server, or point CANVAS_KEY_FILE at the key.`,
	);
}

// Actions

export type ActionState = 'draft' | 'tested' | 'live' | 'unpublished' | 'deleted';

export interface StoredAction {
	id: string;
	name: string;
	workflow: Record<string, unknown>;
	updatedAt: string;
	/** The last test run of this action, as the canvas reported it. */
	lastTest?: { at: string; passed: boolean; summary?: string };
	/** Where it was last deployed (deploy.ts): the n8n workflow id and whether it is published. */
	deploy?: DeployRecord;
	/** Every n8n address it was deployed to, one workflow each (deployments.ts). */
	deployments?: Record<string, DeployRecord>;
	/** The test values last used for it (the admin's stand-ins for a chat message). */
	testValues?: Record<string, unknown>;
	/** What n8n said about the deployed workflow when last asked (n8n-state.ts). */
	n8n?: N8nCheck;
}

/** One deployment: the n8n address, the workflow there and whether it is published. */
export interface DeployRecord {
	baseUrl: string;
	workflowId: string;
	active: boolean;
	at: string;
	chatUrl?: string;
}

/** n8n's state of a deployed workflow, as read back from n8n (n8n-state.ts). */
export interface N8nCheck {
	state: 'live' | 'unpublished' | 'deleted' | 'unknown';
	baseUrl: string;
	workflowId: string;
	at: string;
	/** Why the state is unknown (no key kept, n8n unreachable or refusing), with what to do. */
	reason?: string;
}

export interface ActionSummary {
	id: string;
	name: string;
	updatedAt: string;
	state: ActionState;
	lastTest?: StoredAction['lastTest'];
	deploy?: StoredAction['deploy'];
	deployments?: StoredAction['deployments'];
	n8n?: N8nCheck;
}

const ACTION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function actionState(action: StoredAction): ActionState {
	const { deploy, n8n } = action;
	// What n8n said about this very deployment, once the canvas no longer counts it as published.
	const said =
		deploy && n8n && n8n.workflowId === deploy.workflowId && n8n.baseUrl === deploy.baseUrl;
	if (said && !deploy.active && (n8n.state === 'unpublished' || n8n.state === 'deleted'))
		return n8n.state;
	if (deploy?.active) return 'live';
	if (action.lastTest?.passed) return 'tested';
	return 'draft';
}

export class ActionFiles {
	private readonly dir: string;

	constructor(paths: StorePaths) {
		this.dir = join(paths.dataDir, 'actions');
	}

	list(): ActionSummary[] {
		if (!existsSync(this.dir)) return [];
		return readdirSync(this.dir)
			.filter((file) => file.endsWith('.json'))
			.map((file) => readJson(join(this.dir, file)) as StoredAction | undefined)
			.filter((action): action is StoredAction => !!action && typeof action.id === 'string')
			.map(summarize)
			.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
	}

	get(id: string): StoredAction {
		const action = readJson(this.file(id)) as StoredAction | undefined;
		if (!action) throw notFound(id);
		return action;
	}

	/** Creates (no id) or replaces an action; returns its summary. */
	save(input: Omit<StoredAction, 'id' | 'updatedAt'> & { id?: string }): ActionSummary {
		const id = input.id ?? `action_${randomBytes(8).toString('hex')}`;
		return this.rewrite({ ...input, id, updatedAt: new Date().toISOString() });
	}

	/** Writes the action as it is, its `updatedAt` too: for what the canvas learns (n8n's state), not an edit. */
	rewrite(action: StoredAction): ActionSummary {
		writeAtomic(this.file(action.id), JSON.stringify(action, null, '\t'));
		return summarize(action);
	}

	summary(action: StoredAction): ActionSummary {
		return summarize(action);
	}

	remove(id: string): ActionSummary {
		const action = this.get(id);
		rmSync(this.file(id), { force: true });
		return summarize(action);
	}

	private file(id: string): string {
		// Ids name files: only a safe alphabet, so no path can leave the folder.
		if (!ACTION_ID.test(id)) throw notFound(id);
		return join(this.dir, `${id}.json`);
	}
}

function summarize(action: StoredAction): ActionSummary {
	return {
		id: action.id,
		name: action.name,
		updatedAt: action.updatedAt,
		state: actionState(action),
		...(action.lastTest ? { lastTest: action.lastTest } : {}),
		...(action.deploy ? { deploy: action.deploy } : {}),
		...(action.n8n ? { n8n: action.n8n } : {}),
		...(action.deployments ? { deployments: action.deployments } : {}),
	};
}

function notFound(id: string) {
	return new HttpError(
		404,
		`No action with id "${id}"`,
		'List the saved actions with GET /api/actions.',
	);
}
