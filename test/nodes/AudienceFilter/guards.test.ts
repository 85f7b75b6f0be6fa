// The pure pieces under the Audience Filter: the regular-expression guard and the rollout hash.
import {
	guardPattern,
	testPattern,
	MAX_INPUT_LENGTH,
} from '../../../nodes/AudienceFilter/safe-regex';
import { isInRollout, rolloutBucket } from '../../../nodes/AudienceFilter/rollout';

describe('regular-expression guard', () => {
	it.each([
		'^[a-z0-9._%+-]+@acme\\.com$',
		'/^pro(fessional)?$/i',
		'^(?:team|pro|enterprise)$', // top-level alternation in a group that is not repeated
		'^\\d{3}-\\d{4}$',
		'^(?<area>\\d{3})-\\d{4}$',
		'(ab)+c', // a repeated group with no quantifier or alternation inside
		'^[(+*)]+$', // quantifier characters inside a class are literals
		'a{2}b?',
		'\\p{L}+',
		'.*order.*',
		'^[\\](]+x$', // an escaped ] and a ( inside a class
		'a\\\\+', // an escaped backslash, repeated
		'a{,5}', // not a quantifier without a lower bound: literal text
	])('accepts %s', (pattern) => {
		expect(guardPattern(pattern, false)).toHaveProperty('pattern');
	});

	it.each([
		['(a+)+$', /nested quantifiers/],
		['(\\w*)*', /nested quantifiers/],
		['(a?a)+', /nested quantifiers/],
		['((ab)*c)+', /nested quantifiers/],
		['(a+){2,5}', /nested quantifiers/],
		['(?:x+y?)*', /nested quantifiers/],
		['(a|aa)*b', /alternation/],
		['((a|b)c)+', /alternation/],
		['(a)\\1', /backreferences/],
		['(?<x>a)\\k<x>', /backreferences/],
		['foo(?=bar)', /lookahead and lookbehind/],
		['(?<!x)y', /lookahead and lookbehind/],
		['/abc/g', /flag "g" is not supported/],
		['', /empty/],
		['a'.repeat(201), /limited to 200 characters/],
		['([a-z', /Invalid regular expression/],
	])('rejects %s', (pattern, reason) => {
		const guarded = guardPattern(pattern, false);
		expect('problem' in guarded && guarded.problem).toMatch(reason);
	});

	it('adds the i flag when comparisons ignore case, and reads /source/flags literals', () => {
		expect(guardPattern('^pro$', true)).toEqual({ pattern: { source: '^pro$', flags: 'i' } });
		expect(guardPattern('/^pro$/m', false)).toEqual({ pattern: { source: '^pro$', flags: 'm' } });
	});

	it('does not run on inputs over the cap', () => {
		const guarded = guardPattern('a', false);
		if (!('pattern' in guarded)) throw new Error('expected a pattern');
		expect(testPattern(guarded.pattern, 'a'.repeat(MAX_INPUT_LENGTH))).toEqual({ matched: true });
		expect(testPattern(guarded.pattern, 'a'.repeat(MAX_INPUT_LENGTH + 1))).toMatchObject({
			matched: false,
			note: expect.any(String),
		});
	});
});

describe('rollout bucket', () => {
	it('is pinned: a change of hash would move every user between runs of different versions', () => {
		// sha256("order_status:u_1") starts with bytes whose uint32 modulo 10000 is 8041, and so on.
		expect(rolloutBucket('order_status', 'u_1')).toBe(8041);
		expect(rolloutBucket('order_status', 'u_2')).toBe(9854);
		expect(rolloutBucket('refund', 'u_1')).toBe(3425);
		expect(rolloutBucket('order_status', '42')).toBe(6200);
	});

	it('counts buckets below percentage x 100, in 0.01% steps', () => {
		expect(isInRollout(0, 0)).toBe(false);
		expect(isInRollout(0, 0.01)).toBe(true);
		expect(isInRollout(999, 10)).toBe(true);
		expect(isInRollout(1000, 10)).toBe(false);
		expect(isInRollout(9999, 100)).toBe(true);
	});
});
