// The canvas's credential store: kept in memory and, when given a CredentialFile (store.ts), saved
// encrypted to the data folder after every change so credentials survive a restart. Secrets are write-only: nothing here ever returns, logs or exports a field of `data`; the
// only way out is into a test run (resolveForRun), whose answers are scanned by redact.ts.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { looksSecretName } from '../../nodes/public';
import { HttpError, isObject, type JsonObject } from './http';
import type { CredentialFile } from './store';

/** What the API may show about a credential. */
export interface CredentialSummary {
	id: string;
	name: string;
	type: string;
}

interface StoredCredential extends CredentialSummary {
	data: ICredentialDataDecryptedObject;
	/** The id n8n gave this credential when deploy.ts created it there, per n8n base URL. */
	remoteIds?: Record<string, string>;
	/** The n8n addresses its secrets may be sent to: each confirmed by entering them again. */
	n8nAddresses?: string[];
}

/** A secret field of a stored credential, as the deploy dialog asks for it again. */
export interface SecretField {
	name: string;
	displayName: string;
}

/** Ids this store hands out; deploy.ts uses the prefix to tell them from ids of a real n8n. */
export const LOCAL_ID_PREFIX = 'local_';
const MAX_NAME_LENGTH = 128;

export class CredentialStore {
	private loaded?: Map<string, StoredCredential>;

	/** `types` is read on each call: the package's credential classes may still be under construction. */
	constructor(
		private readonly types: () => ICredentialType[],
		private readonly file?: CredentialFile,
	) {}

	/** Read from the file on first use; a missing or wrong key is an HttpError each call, never a crash. */
	private get entries(): Map<string, StoredCredential> {
		if (!this.loaded) {
			const stored = this.file?.load() ?? [];
			this.loaded = new Map(stored.map((credential) => [credential.id, credential]));
		}
		return this.loaded;
	}

	private persist() {
		this.file?.save([...this.entries.values()]);
	}

	list(): CredentialSummary[] {
		return [...this.entries.values()].map(summary);
	}

	/** Id, name and type of one credential, if this store has it. */
	find(id: string): CredentialSummary | undefined {
		const credential = this.entries.get(id);
		return credential && summary(credential);
	}

	create(body: JsonObject): CredentialSummary {
		const type = this.credentialType(body.type);
		const name = checkName(body.name);
		this.checkUniqueName(type.name, name);
		const data = checkData(type, body.data ?? {});
		const credential: StoredCredential = {
			id: LOCAL_ID_PREFIX + randomBytes(8).toString('hex'),
			name,
			type: type.name,
			data: withoutNulls(data),
		};
		this.entries.set(credential.id, credential);
		this.persist();
		return summary(credential);
	}

	/** Renames and/or merges new fields into `data`; a field set to null is removed. */
	update(id: string, body: JsonObject): CredentialSummary {
		const credential = this.get(id);
		for (const key of Object.keys(body)) {
			if (key !== 'name' && key !== 'data') {
				throw new HttpError(
					400,
					`Unknown field "${key}"`,
					'Send only "name" and/or "data"; the type of a credential cannot change (create a new one instead).',
				);
			}
		}
		if (body.name !== undefined) {
			const name = checkName(body.name);
			if (name !== credential.name) this.checkUniqueName(credential.type, name);
			credential.name = name;
		}
		if (body.data !== undefined) {
			const type = this.credentialType(credential.type);
			const data = checkData(type, body.data);
			const rebound = checkHostBindings(type, credential.data, data);
			// A token cached for the old host is not sent to the new one: it is fetched again.
			const kept = rebound ? withoutCachedTokens(type, credential.data) : credential.data;
			credential.data = withoutNulls({ ...kept, ...data });
		}
		this.persist();
		return summary(credential);
	}

	remove(id: string): CredentialSummary {
		const credential = this.get(id);
		this.entries.delete(id);
		this.persist();
		return summary(credential);
	}

	/**
	 * The credential a workflow node refers to (`credentials: { [type]: { id, name } }`): by id first,
	 * then by type and name, as n8n itself does on import. Returns a copy including the secret data.
	 */
	resolveForRun(
		type: string,
		reference: { id?: unknown; name?: unknown },
	): (CredentialSummary & { data: ICredentialDataDecryptedObject }) | undefined {
		const byId = typeof reference.id === 'string' ? this.entries.get(reference.id) : undefined;
		const found =
			byId?.type === type
				? byId
				: [...this.entries.values()].find(
						(entry) => entry.type === type && entry.name === reference.name,
					);
		return found ? { ...summary(found), data: structuredClone(found.data) } : undefined;
	}

	/**
	 * What deploy.ts sends to n8n: the fields a person entered (not tokens a run cached, which n8n
	 * fetches itself). This data goes to n8n only, never back to a browser.
	 */
	dataForDeploy(id: string): ICredentialDataDecryptedObject | undefined {
		const credential = this.entries.get(id);
		if (!credential) return undefined;
		let type: ICredentialType | undefined;
		try {
			type = this.types().find((candidate) => candidate.name === credential.type);
		} catch {
			return undefined;
		}
		return type ? withoutCachedTokens(type, structuredClone(credential.data)) : undefined;
	}

	/** The id this credential has in the n8n at `baseUrl`, as remembered from the last deploy. */
	remoteId(id: string, baseUrl: string): string | undefined {
		return this.entries.get(id)?.remoteIds?.[baseUrl];
	}

	rememberRemoteId(id: string, baseUrl: string, remoteId: string) {
		const credential = this.entries.get(id);
		if (!credential) return;
		credential.remoteIds = { ...credential.remoteIds, [baseUrl]: remoteId };
		this.persist();
	}

	/**
	 * Whether this credential's secrets may go to the n8n at `baseUrl` (a normalized base URL): yes
	 * when the address was confirmed before, or when `entered` holds every stored secret again (then
	 * `wrong`/`missing` are empty). Confirming is bindAddress's job, once all credentials pass.
	 */
	checkAddress(
		id: string,
		baseUrl: string,
		entered: unknown,
	): { bound: boolean; missing: SecretField[]; wrong: SecretField[] } {
		const credential = this.get(id);
		if (credential.n8nAddresses?.includes(baseUrl)) return { bound: true, missing: [], wrong: [] };
		const given = isObject(entered) ? entered : {};
		const missing: SecretField[] = [];
		const wrong: SecretField[] = [];
		for (const field of this.storedSecretFields(credential)) {
			const value = asText(given[field.name]);
			if (value === '') missing.push(field);
			else if (!sameSecret(value, asText(credential.data[field.name]))) wrong.push(field);
		}
		return { bound: false, missing, wrong };
	}

	/** Records that the admin confirmed this credential's secrets for the n8n at `baseUrl`. */
	bindAddress(id: string, baseUrl: string) {
		const credential = this.get(id);
		if (credential.n8nAddresses?.includes(baseUrl)) return;
		credential.n8nAddresses = [...(credential.n8nAddresses ?? []), baseUrl];
		this.persist();
	}

	/** The secret fields this credential holds a value for (what must be entered again). */
	private storedSecretFields(credential: StoredCredential): SecretField[] {
		let type: ICredentialType | undefined;
		try {
			type = this.types().find((candidate) => candidate.name === credential.type);
		} catch {
			type = undefined;
		}
		// Without its type every stored field counts as secret, as secretValues does.
		const fields = type
			? secretFields(type)
			: Object.keys(credential.data).map((name) => ({ name, displayName: name }));
		return fields.filter((field) => asText(credential.data[field.name]) !== '');
	}

	/** Saves what a run refreshed (e.g. an expirable access token fetched by preAuthentication). */
	saveFromRun(id: string, data: ICredentialDataDecryptedObject) {
		const credential = this.entries.get(id);
		if (!credential) return;
		credential.data = structuredClone(data);
		this.persist();
	}

	/** Every secret value a run with this data could expose, so answers can be scanned for them. */
	secretValues(type: string, data: ICredentialDataDecryptedObject): string[] {
		let properties: INodeProperties[] = [];
		try {
			properties = this.types().find((candidate) => candidate.name === type)?.properties ?? [];
		} catch {
			// Types unavailable: treat every field as secret below.
		}
		const byName = new Map(properties.map((property) => [property.name, property]));
		const secrets: string[] = [];
		for (const [key, value] of Object.entries(data)) {
			if (typeof value !== 'string' && typeof value !== 'number') continue;
			const property = byName.get(key);
			// Fields the type does not declare are treated as secret, as are names that sound like one.
			const secret =
				!property ||
				property.typeOptions?.password === true ||
				property.typeOptions?.expirable === true ||
				looksSecretName(key);
			if (secret && String(value) !== '') secrets.push(String(value));
		}
		return secrets;
	}

	private get(id: string): StoredCredential {
		const credential = this.entries.get(id);
		if (!credential)
			throw new HttpError(
				404,
				`No credential with id "${id}"`,
				'List credentials with GET /api/credentials; they are kept in the canvas data folder (CANVAS_DATA_DIR).',
			);
		return credential;
	}

	private credentialType(name: unknown): ICredentialType {
		if (typeof name !== 'string' || name === '') {
			throw new HttpError(
				400,
				'"type" is missing',
				'Send the credential type name, e.g. one of GET /api/credential-types.',
			);
		}
		let types: ICredentialType[];
		try {
			types = this.types();
		} catch (error) {
			throw new HttpError(
				503,
				`The package's credential types cannot be loaded: ${(error as Error).message}`,
				'Wait until the credential classes exist (credentials/*.credentials.ts), then try again.',
			);
		}
		const type = types.find((candidate) => candidate.name === name);
		if (!type) {
			throw new HttpError(
				400,
				`Unknown credential type "${name}"`,
				`Use one of: ${types.map((candidate) => candidate.name).join(', ')}.`,
			);
		}
		return type;
	}

	private checkUniqueName(type: string, name: string) {
		if ([...this.entries.values()].some((entry) => entry.type === type && entry.name === name)) {
			throw new HttpError(
				409,
				`A credential of type "${type}" named "${name}" already exists`,
				'Choose another name, or edit the existing credential with PATCH /api/credentials/:id.',
			);
		}
	}
}

function summary({ id, name, type }: CredentialSummary): CredentialSummary {
	return { id, name, type };
}

function checkName(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new HttpError(
			400,
			'"name" is missing',
			'Give the credential a name, e.g. "Fin token (production)".',
		);
	}
	if (value.length > MAX_NAME_LENGTH) {
		throw new HttpError(
			400,
			`"name" is longer than ${MAX_NAME_LENGTH} characters`,
			'Use a shorter name.',
		);
	}
	return value.trim();
}

/** Only the fields the credential type declares, with simple values (null deletes on update). */
function checkData(type: ICredentialType, value: unknown): ICredentialDataDecryptedObject {
	if (!isObject(value)) {
		throw new HttpError(
			400,
			'"data" must be an object of field values',
			`Send e.g. {"data": {"${type.properties[0]?.name ?? 'field'}": "..."}}.`,
		);
	}
	const known = new Set(
		type.properties
			.filter((property) => property.type !== 'notice')
			.map((property) => property.name),
	);
	const unknown = Object.keys(value).filter((key) => !known.has(key));
	if (unknown.length) {
		throw new HttpError(
			400,
			`Unknown field(s) for ${type.name}: ${unknown.join(', ')}`,
			`Use only: ${[...known].join(', ')}.`,
		);
	}
	for (const [key, field] of Object.entries(value)) {
		const simple = (item: unknown) => ['string', 'number', 'boolean'].includes(typeof item);
		if (!(field === null || simple(field) || (Array.isArray(field) && field.every(simple)))) {
			throw new HttpError(
				400,
				`Field "${key}" must be a string, number, boolean or a list of those`,
				'Send plain values; nested objects are not credential fields.',
			);
		}
	}
	return value as ICredentialDataDecryptedObject;
}

/** Fields that decide where a credential is sent: any URL, domain or host field the type declares. */
function hostBindingFields(type: ICredentialType): string[] {
	return type.properties
		.filter((property) => property.type !== 'hidden' && /url|domain|host/i.test(property.name))
		.map((property) => property.name);
}

/** Fields a person enters as secrets (not the hidden tokens a run caches). */
function secretFields(type: ICredentialType): SecretField[] {
	return type.properties
		.filter(
			(property) =>
				property.type !== 'hidden' &&
				(property.typeOptions?.password === true || looksSecretName(property.name)),
		)
		.map(({ name, displayName }) => ({ name, displayName }));
}

const asText = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** Compares two secrets in constant time (over their hashes, so lengths do not show). */
function sameSecret(a: string, b: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(a), digest(b));
}

/**
 * A host binding (allowedDomain, tokenUrl, testUrl...) changes only when every secret stored in the
 * credential is entered again in the same request: otherwise whoever can call the API could point
 * the stored secret at a host of their choosing. Returns whether a binding changes.
 */
function checkHostBindings(
	type: ICredentialType,
	stored: ICredentialDataDecryptedObject,
	update: ICredentialDataDecryptedObject,
): boolean {
	const changed = hostBindingFields(type).filter(
		(field) => field in update && asText(update[field]) !== asText(stored[field]),
	);
	if (changed.length === 0) return false;
	const missing = secretFields(type)
		.map((field) => field.name)
		.filter((field) => asText(stored[field]) !== '' && asText(update[field]) === '');
	if (missing.length > 0) {
		throw new HttpError(
			403,
			`${changed.join(', ')} decides where this credential's secrets are sent and cannot change on its own`,
			`Enter ${missing.join(', ')} again in the same request to change ${changed.join(', ')}.`,
		);
	}
	return true;
}

function withoutCachedTokens(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const hidden = new Set(
		type.properties
			.filter((property) => property.type === 'hidden')
			.map((property) => property.name),
	);
	return Object.fromEntries(
		Object.entries(data).filter(([key]) => !hidden.has(key)),
	) as ICredentialDataDecryptedObject;
}

function withoutNulls(data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	return Object.fromEntries(
		Object.entries(data).filter(([, value]) => value !== null),
	) as ICredentialDataDecryptedObject;
}
