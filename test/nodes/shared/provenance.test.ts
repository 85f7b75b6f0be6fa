// The trust module's small rules, which the API Action, its AI-tool path and the Audience Filter share.
import {
	audienceKindOf,
	checkAttributeTrust,
	checkToolArguments,
	isSigned,
	parseAttributeList,
} from '../../../nodes/shared/provenance';
import { readAttribute } from '../../../nodes/shared/attributes';

const item = (identity: Record<string, unknown>, source = 'messenger') => ({
	user: { user_id: 'u-1', email: 'a@b.c', account: { id: 'acct-1' } },
	identity,
	source,
});

describe('provenance', () => {
	it('a signed entry covers the paths under it, never a sibling with the same prefix', () => {
		const signed = item({ verified: true, kind: 'user', signed: ['user.account', 'user.user_id'] });
		expect(isSigned(signed, 'user.account.id', false)).toBe(true);
		expect(isSigned(signed, 'user.user_id', false)).toBe(true);
		expect(isSigned(signed, 'user.user_id_2', false)).toBe(false);
		expect(isSigned(signed, 'user.email', false)).toBe(false);
	});

	it('a test item signs in a manual run only, and is a visitor in production', () => {
		const test = item({ verified: false, kind: 'user', signed: ['user'] }, 'test');
		expect(isSigned(test, 'user.email', true)).toBe(true);
		expect(isSigned(test, 'user.email', false)).toBe(false);
		expect(audienceKindOf(test, true)).toBe('user');
		expect(audienceKindOf(test, false)).toBe('visitor');
	});

	it('a "user" kind without verification, or an item without identity, is a visitor', () => {
		expect(audienceKindOf(item({ verified: false, kind: 'user' }), false)).toBe('visitor');
		expect(audienceKindOf({}, false)).toBe('visitor');
		expect(audienceKindOf(item({ verified: false, kind: 'lead' }), false)).toBe('lead');
	});

	it('reads the allowed list as paths; a bare name is a user attribute', () => {
		expect(parseAttributeList('plan, {{company.tier}}\nuser.locale;')).toEqual([
			'user.plan',
			'company.tier',
			'user.locale',
		]);
	});

	it('names the attribute and both ways out, and says when the person is a lead', () => {
		const lead = item({ verified: false, kind: 'lead', signed: [] });
		expect(() =>
			checkAttributeTrust(lead, ['user.email'], {
				customerSpecific: true,
				unverifiedAllowed: [],
				manualRun: false,
			}),
		).toThrow(
			/"user\.email".*this lead is not a verified user.*JWT Claims to Attributes.*Unverified Attributes Allowed/s,
		);
	});

	it('refuses tool arguments that would replace the conversation or its provenance', () => {
		expect(() => checkToolArguments(['orderNumber'])).not.toThrow();
		expect(() => checkToolArguments(['orderNumber', 'identity', 'user'])).toThrow(
			/"identity", "user"/,
		);
	});
});

describe('the one attribute reader', () => {
	it('reads a null value as absent, the same as a missing one (Fin Trigger reads the same way)', () => {
		expect(readAttribute({ user: { plan: null } }, 'user.plan')).toEqual({ found: false });
		expect(readAttribute({ user: {} }, 'user.plan')).toEqual({ found: false });
		expect(readAttribute({ user: { plan: 'pro' } }, 'user.plan')).toEqual({
			found: true,
			value: 'pro',
		});
	});
});
