// The one item shape Fin Trigger emits and every later node reads.
import type { IDataObject } from 'n8n-workflow';

export type IdentityMethod = 'user_hash' | 'jwt' | 'intercom_signature' | 'none';

export interface ConversationItem extends IDataObject {
	message: { id: string; text: string; createdAt: string };
	user: IDataObject;
	company: IDataObject;
	conversation: IDataObject;
	identity: {
		verified: boolean;
		method: IdentityMethod;
		/** Intercom's kind of person: user (verified), lead or visitor (nodes/shared/provenance). */
		kind: 'user' | 'lead' | 'visitor';
		/** Attribute paths a signature vouches for; everything else is unsigned. */
		signed: string[];
		claims?: IDataObject;
		/** Names of JWT claims dropped as secrets (never their values). */
		redactedClaims?: string[];
	};
	source: 'messenger' | 'intercom_webhook' | 'test';
}

/** Roots an attribute path may start with, e.g. `user.plan` or `identity.claims.api_token`. */
export const ATTRIBUTE_ROOTS = ['user', 'company', 'conversation', 'message', 'identity'] as const;
