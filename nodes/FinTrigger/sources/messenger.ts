// Messenger source: your Messenger backend posts {message, user, company?, conversation?} with
// Intercom's `user_hash` or a Messenger JWT (HS256, the identity-verification secret). Signed values
// win over unsigned ones of the same name; a protected attribute may only come signed.
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { ConversationItem } from '../../shared/conversation-item';
import type { WebhookRequest } from '../http/body-limits';
import { messageOf, parseMessengerBody, type MessengerBody } from './messenger-body';
import { verifyMessengerIdentity } from '../identity/messenger-identity';
import { checkProtectedAttributes } from '../identity/protected-attributes';
import { accept, type Outcome } from '../rejection';
import { checkWithSecrets } from '../identity/secrets';
import type { Received } from '../receive';
import type { TriggerSettings } from '../settings';

/** The item's parts every Messenger item shares, whoever the customer is. */
function baseOf(messenger: MessengerBody, now: Date) {
	return {
		message: messageOf(messenger.message, now),
		company: messenger.company,
		conversation: messenger.conversation,
		source: 'messenger' as const,
	};
}

export async function receiveMessenger(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	body: Record<string, unknown>,
	request: WebhookRequest,
): Promise<Outcome<Received>> {
	const { protectedList, now } = settings;
	const messenger = parseMessengerBody(body);
	if (!messenger.ok) return messenger;
	const { user, company, conversation } = messenger.value;
	const base = baseOf(messenger.value, now);
	const unsigned = { user, company, conversation, message: messenger.value.message };
	if (!settings.requireVerification) {
		const check = checkProtectedAttributes(protectedList, unsigned);
		if (!check.ok) return check;
		const identity = { verified: false, method: 'none', kind: 'visitor', signed: [] };
		return accept({ kind: 'item', item: { ...base, user, identity } as ConversationItem });
	}

	const identity = await checkWithSecrets(context, (secrets) =>
		verifyMessengerIdentity(
			messenger.value,
			request.headers.authorization,
			secrets.identityVerificationSecret,
			Math.floor(now.getTime() / 1000),
			settings.jwtPolicy,
		),
	);
	if (!identity.ok) return identity;
	const { method, signedUser, signedPaths, claims, redactedClaims } = identity.value;
	// With a JWT the identifiers are claims: an unsigned user_id or email must not differ from them.
	const checked =
		method === 'jwt'
			? [...new Set([...protectedList, 'user.user_id', 'user.email'])]
			: protectedList;
	const check = checkProtectedAttributes(checked, unsigned, { user: signedUser }, signedPaths);
	if (!check.ok) return check;
	return accept({
		kind: 'item',
		item: {
			...base,
			user: { ...user, ...signedUser },
			identity: {
				verified: true,
				method,
				kind: 'user',
				signed: signedPaths,
				...(claims ? { claims: claims as IDataObject } : {}),
				...(redactedClaims && redactedClaims.length > 0 ? { redactedClaims } : {}),
			},
		} as ConversationItem,
	});
}
