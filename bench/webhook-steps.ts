// (g) Fin Trigger's webhook phase, step by step (issue 28): each step of receive() on the benchmark's
// chat message, in this process, as a ratio against one JSON.parse of the same body (what n8n's body
// parser already pays for every webhook). The credential read is not here: in real n8n it costs an
// expression isolate, counted in test/real-n8n/credential-window.e2e.test.ts and now paid once per
// SECRETS_LIFETIME_SECONDS (nodes/FinTrigger/identity/secrets.ts).
import {
	checkContentType,
	checkProtectedAttributes,
	computeIntercomSignature,
	DEFAULT_JWT_CHECKS,
	parseClaimMapping,
	parseMessengerBody,
	parseProtectedAttributes,
	parseSecretClaims,
	readJsonBody,
	verifyMessengerIdentity,
} from '../nodes/public';
import { customer, messengerJwt, secrets, userHash } from '../real-n8n';
import { measure, type Measurement } from './measure';

export interface StepRatio {
	name: string;
	perRunUs: number;
	/** The step's time / one JSON.parse of the same body. */
	ratio: number;
}

const RUNS = 20000;
const PROTECTED = 'user.email, user.plan, company.plan';

export async function benchWebhookSteps(): Promise<{ baseline: Measurement; steps: StepRatio[] }> {
	const user = { user_id: customer.user_id, email: customer.email };
	const text = JSON.stringify({ message: { text: 'Where is my order?' }, user });
	const hashedText = JSON.stringify({
		message: { text: 'Where is my order?' },
		user: { ...user, user_hash: userHash(secrets.identityVerification, customer.user_id) },
	});
	const raw = Buffer.from(text);
	const body = JSON.parse(text) as Record<string, unknown>;
	const hashedBody = parseMessengerBody(JSON.parse(hashedText));
	const messenger = parseMessengerBody(body);
	if (!messenger.ok || !hashedBody.ok) throw new Error('the benchmark message does not parse');
	const jwt = `Bearer ${messengerJwt(secrets.identityVerification, user)}`;
	const now = Math.floor(Date.now() / 1000);
	const policy = { checks: DEFAULT_JWT_CHECKS, mappings: [], secretClaims: [] };
	const protectedList = (parseProtectedAttributes(PROTECTED) as { value: string[] }).value;

	const baseline = await measure('JSON.parse of the body', RUNS, () => JSON.parse(text));
	const steps: Array<[string, () => unknown]> = [
		['content type', () => checkContentType('application/json; charset=utf-8')],
		[
			'settings: Protected Attributes, claim mapping, redacted claims',
			() => [parseProtectedAttributes(PROTECTED), parseClaimMapping(''), parseSecretClaims('')],
		],
		['body: UTF-8 check, bounded JSON parse, sanitize', () => readJsonBody(raw, undefined)],
		['Messenger body shape', () => parseMessengerBody(body)],
		[
			'identity: JWT (HS256) verified',
			() =>
				verifyMessengerIdentity(messenger.value, jwt, secrets.identityVerification, now, policy),
		],
		[
			'identity: user_hash verified',
			() =>
				verifyMessengerIdentity(
					hashedBody.value,
					undefined,
					secrets.identityVerification,
					now,
					policy,
				),
		],
		['Protected Attributes checked', () => checkProtectedAttributes(protectedList, { user })],
		[
			'Intercom: X-Hub-Signature (HMAC-SHA1 of the bytes)',
			() => computeIntercomSignature(secrets.intercomClient, raw),
		],
	];
	const out: StepRatio[] = [];
	for (const [name, step] of steps) {
		const measured = await measure(name, RUNS, step);
		out.push({ name, perRunUs: measured.perRunUs, ratio: measured.perRunUs / baseline.perRunUs });
	}
	return { baseline, steps: out };
}
