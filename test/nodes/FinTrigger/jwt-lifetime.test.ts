// Fin Trigger, Messenger JWT lifetime: a token may not be valid for longer than the JWT Maximum
// Lifetime (default 24 h from now to exp), and an iat in the future beyond the clock leeway is
// refused with or without a Maximum Age. Each refusal names its cause and the fix.
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_JWT_MAX_LIFETIME_SECONDS } from '../../../nodes/FinTrigger/identity/messenger-jwt';
import { FinTrigger } from '../../../nodes/FinTrigger/FinTrigger.node';
import { startWebhookHost, type WebhookHost } from '../../../engine/webhook-host';
import {
	CREDENTIALS,
	finWorkflow,
	nowSeconds,
	Personalize,
	post,
	signJwt,
} from '../../fixtures/fin-trigger';

let host: WebhookHost;
async function serve(options: IDataObject = {}) {
	host = await startWebhookHost({
		workflow: finWorkflow({ options }),
		credentials: structuredClone(CREDENTIALS),
		extraNodes: [new Personalize()],
	});
}
afterEach(async () => host?.close());

const DAY = 24 * 3600;
const YEAR = 365 * DAY;

async function send(claims: IDataObject) {
	const jwt = signJwt({ user_id: 'u-7', ...claims });
	return post(host.url, { message: { text: 'usage?' } }, { authorization: `Bearer ${jwt}` });
}

async function expectRefused(claims: IDataObject, code: string, fix: RegExp) {
	const reply = await send(claims);
	expect(reply.status).toBe(401);
	expect(reply.json.error.code).toBe(code);
	expect(reply.json.error.message).toMatch(fix);
	expect(host.executionsStarted).toBe(0);
}

describe('Messenger JWT lifetime', () => {
	it('has a default maximum lifetime of 24 h, documented on the option', () => {
		expect(DEFAULT_JWT_MAX_LIFETIME_SECONDS).toBe(DAY);
		const options = new FinTrigger().description.properties.find((p) => p.name === 'options');
		const option = (options?.options as unknown as IDataObject[]).find(
			(candidate) => candidate.name === 'jwtMaxLifetimeSeconds',
		);
		expect(option).toMatchObject({ default: DAY });
		expect(String(option?.description)).toMatch(/24 h/);
	});

	it('refuses a JWT whose exp is 100 years ahead, by default, naming the cause and the fix', async () => {
		await serve();
		await expectRefused(
			{ iat: nowSeconds(), exp: nowSeconds() + 100 * YEAR },
			'jwt_lifetime_too_long',
			/Maximum Lifetime.*(shorter|nearer|sooner).*raise/i,
		);
	});

	it('refuses a JWT that expires 24 h and a minute from now, accepts one at 23 h', async () => {
		await serve();
		await expectRefused(
			{ exp: nowSeconds() + DAY + 60 + 30 },
			'jwt_lifetime_too_long',
			/Maximum Lifetime/,
		);
		expect((await send({ exp: nowSeconds() + 23 * 3600 })).status).toBe(200);
	});

	it('an admin can raise the maximum lifetime', async () => {
		await serve({ jwtMaxLifetimeSeconds: 30 * DAY });
		expect((await send({ exp: nowSeconds() + 7 * DAY })).status).toBe(200);
		await host.close();
		await serve({ jwtMaxLifetimeSeconds: 30 * DAY });
		await expectRefused({ exp: nowSeconds() + 31 * DAY }, 'jwt_lifetime_too_long', /raise/);
	});

	it('refuses an iat in the future beyond the leeway even without a maximum age', async () => {
		await serve();
		await expectRefused(
			{ iat: nowSeconds() + 3600, exp: nowSeconds() + 7200 },
			'jwt_iat_in_future',
			/future \(iat.*clock/i,
		);
	});

	it('allows an iat within the leeway (clock drift), and refuses it beyond a smaller leeway', async () => {
		await serve();
		expect((await send({ iat: nowSeconds() + 20, exp: nowSeconds() + 600 })).status).toBe(200);
		await host.close();
		await serve({ jwtLeewaySeconds: 5 });
		await expectRefused(
			{ iat: nowSeconds() + 20, exp: nowSeconds() + 600 },
			'jwt_iat_in_future',
			/leeway/i,
		);
	});

	it('with a maximum age, a JWT without exp is still accepted (its iat bounds it)', async () => {
		await serve({ jwtMaxAgeSeconds: 600 });
		expect((await send({ iat: nowSeconds() - 10 })).status).toBe(200);
	});
});
