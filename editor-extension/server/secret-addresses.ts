// Stored secrets go only to the n8n addresses the admin confirmed them for. A deploy to an address a
// credential was not confirmed for needs its secrets entered again in that request (`secrets`, per
// credential id), as a change of a host binding does (credentials.ts); otherwise nothing is sent and
// the answer names each credential and field to enter (`reenter`, for the deploy dialog).
import type { CredentialStore, SecretField } from './credentials';
import { HttpError, isObject } from './http';

export interface Reentry {
	id: string;
	name: string;
	type: string;
	fields: SecretField[];
}

/** Throws 403 unless every credential may go to `baseUrl`; then confirms the address for each. */
export function confirmSecretAddresses(
	store: CredentialStore,
	localIds: string[],
	baseUrl: string,
	secrets: unknown,
) {
	const entered = isObject(secrets) ? secrets : {};
	const missing: Reentry[] = [];
	const wrong: Reentry[] = [];
	const confirmed: string[] = [];
	for (const id of new Set(localIds)) {
		const check = store.checkAddress(id, baseUrl, entered[id]);
		if (check.bound) continue;
		const { name, type } = store.find(id)!;
		if (check.missing.length) missing.push({ id, name, type, fields: check.missing });
		if (check.wrong.length) wrong.push({ id, name, type, fields: check.wrong });
		confirmed.push(id);
	}
	const named = (entries: Reentry[]) =>
		entries
			.map((entry) => `“${entry.name}” (${entry.fields.map((f) => f.displayName).join(', ')})`)
			.join(', ');
	if (wrong.length)
		throw new HttpError(
			403,
			`The secrets entered for ${baseUrl} are not the stored ones: ${named(wrong)}`,
			`Enter the values stored in those credentials, or change the credentials first. Nothing was sent to ${baseUrl}.`,
			{ reenter: [...wrong, ...missing] as unknown as Record<string, unknown>[] },
		);
	if (missing.length)
		throw new HttpError(
			403,
			`The stored secrets were not confirmed for the n8n at ${baseUrl}: ${named(missing)}`,
			`Enter these secrets again to send them to ${baseUrl} (once per n8n address). Nothing was sent to ${baseUrl}.`,
			{ reenter: missing as unknown as Record<string, unknown>[] },
		);
	for (const id of confirmed) store.bindAddress(id, baseUrl);
}
