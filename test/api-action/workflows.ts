// Workflow JSON for API Action tests, shaped like what n8n exports.
import type { IDataObject } from 'n8n-workflow';

import type { WorkflowJson } from '../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../engine/single-node-workflow';
import { sealClaim, sealingKey } from '../../nodes/shared/sealed-claims';

export const ACTION = 'API Action';

export function apiActionWorkflow(
	parameters: IDataObject,
	extra: { credentials?: IDataObject; onError?: string } = {},
): WorkflowJson {
	// Request and transport tests read the raw body (picked output has its own tests) and call fixed
	// test URLs (/data, /orders): they are marked not customer-specific unless a test says otherwise.
	// The rule that a customer-specific request needs a signed attribute is tested in test/trust.
	// The items a test hands in are what this execution's Fin Trigger emitted.
	return afterFinTrigger(
		singleNodeWorkflow(
			ACTION,
			'apiAction',
			{ responseMode: 'full', customerSpecific: false, ...parameters },
			{
				...(extra.credentials ? { credentials: extra.credentials } : {}),
				...(extra.onError ? { onError: extra.onError } : {}),
			},
		),
	);
}

/** A conversation item as Fin Trigger emits it. */
export function conversation(user: IDataObject = {}, extra: IDataObject = {}): IDataObject {
	return {
		message: { id: 'm1', text: 'Where is my order?', createdAt: '2025-05-01T10:00:00.000Z' },
		user: { user_id: 'u-42', email: 'bob.norman@mail.example.com', plan: 'pro', ...user },
		company: { company_id: 'c-7', name: 'Acme' },
		conversation: { id: 'conv-1' },
		// Every attribute signed, as if each came from a mapped JWT claim: these tests are about
		// placeholders and requests; what unsigned attributes may do is tested in test/trust.
		identity: {
			verified: true,
			method: 'jwt',
			kind: 'user',
			signed: ['user', 'company', 'conversation', 'message', 'identity.claims'],
		},
		source: 'messenger',
		...extra,
	};
}

export const fixedTokenCredential = { finFixedTokenApi: { id: 'cred-fixed', name: 'Fixed token' } };
export const dynamicTokenCredential = {
	finDynamicTokenApi: { id: 'cred-dynamic', name: 'Dynamic token' },
};

/** The identity-verification secret of the Fin Messenger credential in these tests. */
export const MESSENGER_SECRET = 'messenger-verification-secret-for-tests';
export const messengerCredential = {
	finMessengerApi: { id: 'cred-messenger', name: 'Fin Messenger' },
};
export const messengerCredentialData = {
	finMessengerApi: { identityVerificationSecret: MESSENGER_SECRET, intercomClientSecret: '' },
};

/** Claims as Fin Trigger emits them when they are listed under "JWT Secret Claims": sealed. */
export function sealedClaims(
	claims: Record<string, unknown>,
	secret = MESSENGER_SECRET,
): Record<string, string> {
	const key = sealingKey(secret);
	return Object.fromEntries(
		Object.entries(claims).map(([name, value]) => [name, sealClaim(name, value, key)]),
	);
}
