// Intercom webhook source: Intercom's signed conversation notification (X-Hub-Signature, keyed with
// the app's client secret). The signature covers the bytes, so it is checked before anything of them
// is read; only a verified `user` contact is a verified identity.
import type { IWebhookFunctions } from 'n8n-workflow';

import type { WebhookRequest } from '../http/body-limits';
import { verifyIntercomSignature } from '../identity/intercom-signature';
import { parseIntercomNotification } from './intercom-envelope';
import { checkProtectedAttributes } from '../identity/protected-attributes';
import { deliveryOf, recordDelivery, type Delivery } from '../identity/replay-guard';
import { accept, refuse, type Outcome } from '../rejection';
import { checkWithSecrets } from '../identity/secrets';
import type { Received } from '../receive';
import type { TriggerSettings } from '../settings';

/** Refuses bytes Intercom did not sign (an empty test call needs no signature). */
export async function checkIntercomBytes(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	request: WebhookRequest,
	raw: Buffer | undefined,
): Promise<Outcome<void>> {
	const hasContent = raw
		? raw.toString('utf8').trim() !== ''
		: request.body !== undefined && request.body !== '';
	if (!settings.requireVerification || (!hasContent && settings.isTestRun))
		return accept(undefined);
	if (!raw) {
		return refuse(
			500,
			'raw_body_unavailable',
			'The raw request body is not available, so the Intercom signature cannot be checked',
		);
	}
	return await checkWithSecrets(context, (secrets) =>
		checkSignature(secrets.intercomClientSecret, raw, request.headers['x-hub-signature']),
	);
}

function checkSignature(clientSecret: string, raw: Buffer, header: unknown): Outcome<void> {
	if (clientSecret === '') {
		return refuse(
			500,
			'secret_missing',
			'The Fin Messenger credential has no Intercom client secret',
		);
	}
	const signature = verifyIntercomSignature(clientSecret, raw, header);
	if (signature === 'missing')
		return refuse(401, 'signature_missing', 'The X-Hub-Signature header is missing');
	if (signature !== 'valid')
		return refuse(401, 'signature_invalid', 'The X-Hub-Signature does not match the body');
	return accept(undefined);
}

/** A signed notification starts one run, however often it is posted (replay-guard.ts). */
function checkReplay(
	context: IWebhookFunctions,
	body: Record<string, unknown>,
	now: Date,
): Outcome<Delivery> {
	const delivery = deliveryOf(body);
	if (!delivery.ok) return delivery;
	return accept(
		recordDelivery(
			context.getWorkflowStaticData('node'),
			`${context.getWorkflow().id ?? ''}\u0000${context.getNode().name}`,
			delivery.value,
			Math.floor(now.getTime() / 1000),
		),
	);
}

export function receiveIntercom(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	body: Record<string, unknown>,
): Outcome<Received> {
	const { requireVerification, isTestRun, now } = settings;
	const notification = parseIntercomNotification(body, now);
	if (!notification.ok) return notification;
	if (notification.value.kind === 'ignored') return accept({ kind: 'ignored' });
	if (requireVerification && !isTestRun) {
		const seen = checkReplay(context, body, now);
		if (!seen.ok) return seen;
		if (seen.value !== 'new') return accept({ kind: seen.value });
	}
	const { parts, audience, signedPaths } = notification.value;
	// Intercom signed the notification, but only a `user` contact is a verified identity: a lead
	// or visitor typed whatever it says about itself.
	const verifiedUser = requireVerification && audience === 'user';
	const signed = verifiedUser ? signedPaths : [];
	const check = checkProtectedAttributes(settings.protectedList, parts, parts, signed);
	if (!check.ok) return check;
	return accept({
		kind: 'item',
		item: {
			...parts,
			identity: {
				verified: verifiedUser,
				method: requireVerification ? 'intercom_signature' : 'none',
				kind: verifiedUser ? 'user' : audience === 'user' ? 'visitor' : audience,
				signed,
			},
			source: 'intercom_webhook',
		},
	});
}
