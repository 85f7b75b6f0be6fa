// Secret claims in a request: `{{identity.claims.<name>}}` where Fin Trigger sealed the claim
// (nodes/shared/sealed-claims.ts).
//
// - A header that sends a claim needs that claim declared secret: headers are where tokens go, and a
//   claim Fin Trigger did not seal sits in clear in every execution n8n saves.
// - A sealed claim the request reads is opened with the Fin Messenger credential the admin chose
//   under "Send Secret Claims", only in the context the request is built from; the request builder
//   lists every `identity.claims` value it places among the request's secrets, so the opened value is
//   redacted from the action record, errors and the output.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAttribute } from '../shared/attributes';
import { isSealed, openClaim, sealingKey } from '../shared/sealed-claims';
import type { RequestTemplate } from './request-builder';
import { placeholderPathsIn, requestAttributePaths } from './trust';

const CLAIM_PATH = /^identity\.claims\.([\w-]+)/;

/** A request setting that would send a claim in clear, or cannot open a sealed one. */
export class SecretClaimError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SecretClaimError';
	}
}

function claimName(path: string): string | undefined {
	return CLAIM_PATH.exec(path)?.[1];
}

/** Throws when a header sends a claim that Fin Trigger did not seal (not declared secret). */
export function checkHeaderClaims(request: RequestTemplate, item: IDataObject): void {
	for (const header of request.headers) {
		for (const path of placeholderPathsIn(header.value ?? '')) {
			const name = claimName(path);
			if (!name) continue;
			const value = readAttribute(item, `identity.claims.${name}`);
			if (!value.found || isSealed(value.value)) continue;
			throw new SecretClaimError(
				`The header "${header.name}" sends {{${path}}}, but Fin Trigger did not declare the claim "${name}" secret, so its value is stored in clear in every execution n8n saves. ` +
					`List "${name}" under Fin Trigger's "JWT Secret Claims" (it is then sealed), and switch on "Send Secret Claims" here.`,
			);
		}
	}
}

/** Names of the sealed claims the request reads. */
function sealedClaimsRead(request: RequestTemplate, item: IDataObject): string[] {
	const names = requestAttributePaths(request)
		.map(claimName)
		.filter((name): name is string => name !== undefined);
	return [...new Set(names)].filter((name) =>
		isSealed(readAttribute(item, `identity.claims.${name}`).value),
	);
}

/**
 * The context with every sealed claim the request reads opened, or the context itself when it reads
 * none. Needs "Send Secret Claims" and the Fin Messenger credential of the Fin Trigger that sealed them.
 */
export async function openRequestClaims(
	context: IExecuteFunctions,
	itemIndex: number,
	request: RequestTemplate,
	item: IDataObject,
): Promise<IDataObject> {
	const names = sealedClaimsRead(request, item);
	if (names.length === 0) return item;
	const list = names.map((name) => `"${name}"`).join(', ');
	if (!context.getNodeParameter('sendSecretClaims', itemIndex, false)) {
		throw new SecretClaimError(
			`The request sends the secret claim ${list}, which Fin Trigger sealed. Switch on "Send Secret Claims" and choose the Fin Messenger credential the Fin Trigger uses, so the action can open it.`,
		);
	}
	const credential = await context.getCredentials<{ identityVerificationSecret?: string }>(
		'finMessengerApi',
		itemIndex,
	);
	const key = sealingKey(String(credential.identityVerificationSecret ?? ''));
	const identity = item.identity as IDataObject;
	const claims: IDataObject = { ...(identity.claims as IDataObject) };
	for (const name of names) claims[name] = openClaim(name, claims[name] as string, key) as never;
	return { ...item, identity: { ...identity, claims } };
}
