// Audience Filter through n8n-core's engine: every operator, AND / OR groups, missing attributes,
// test accounts, phased rollout over 10,000 users, configuration errors and the audience record.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../../engine/single-node-workflow';

const NODE = 'Audience Filter';

function conversation(
	overrides: { user?: IDataObject; company?: IDataObject; identity?: IDataObject } = {},
): IDataObject {
	return {
		message: { id: 'm_1', text: 'Where is my order #1042?', createdAt: '2024-05-01T10:00:00Z' },
		user: {
			user_id: 'u_1',
			email: 'ana@acme.com',
			name: 'Ana Lima',
			plan: 'Pro',
			seats: 12,
			signed_up_at: 1700000000, // 2023-11-14, as Intercom sends it: Unix seconds
			tags: ['vip', 'beta'],
			nickname: '',
			...overrides.user,
		},
		company: {
			company_id: 'co_9',
			name: 'Acme',
			monthly_spend: '1999.50',
			created_at: '2021-03-04',
			...overrides.company,
		},
		conversation: { id: 'c_1', channel: 'messenger' },
		// A verified user whose id and email are signed (a Messenger JWT with both claims).
		identity: {
			verified: true,
			method: 'jwt',
			kind: 'user',
			signed: ['user.user_id', 'user.email'],
			...overrides.identity,
		},
		source: 'messenger',
	};
}

const filterNode = (parameters: IDataObject, extra: IDataObject = {}) =>
	singleNodeWorkflow(NODE, 'audienceFilter', parameters, {
		id: 'a1f0c2e4-0000-4000-8000-000000000001',
		...extra,
	});
/** The filter after a Fin Trigger: the items a test hands in are what the trigger emitted. */
const workflow = (parameters: IDataObject, extra: IDataObject = {}) =>
	afterFinTrigger(filterNode(parameters, extra));

/** Parameters with one group of rules. */
function rules(list: IDataObject[], combinator = 'and', more: IDataObject = {}): IDataObject {
	return { ruleGroups: { group: [{ combinator, rules: { rule: list } }] }, ...more };
}

async function run(parameters: IDataObject, input: IDataObject[], extra: IDataObject = {}) {
	const result = await runWorkflow(workflow(parameters, extra), { input });
	const [matched = [], notMatched = []] = result.outputs[NODE] ?? [];
	return { matched, notMatched, error: result.errors[NODE], result };
}

const audienceOf = (item: INodeExecutionData) => item.json.audience as IDataObject;

describe('Audience Filter operators', () => {
	// [attribute, operator, value, expected]
	const cases: Array<[string, string, string, boolean]> = [
		['user.plan', 'equals', 'pro', true], // case-insensitive by default
		['user.plan', 'equals', 'free', false],
		['user.seats', 'equals', '12.0', true], // numbers compare as numbers
		['user.plan', 'notEquals', 'free', true],
		['user.plan', 'notEquals', 'PRO', false],
		['user.email', 'contains', '@acme', true],
		['user.email', 'contains', 'globex', false],
		['user.tags', 'contains', 'VIP', true], // a list contains an element
		['user.tags', 'contains', 'vi', false], // ... not a substring of one
		['user.email', 'notContains', 'globex', true],
		['user.tags', 'notContains', 'beta', false],
		['user.name', 'startsWith', 'ana', true],
		['user.name', 'startsWith', 'Lima', false],
		['user.email', 'endsWith', '.com', true],
		['user.email', 'endsWith', '.org', false],
		['user.plan', 'isSet', '', true],
		['user.nickname', 'isSet', '', false], // empty text is not set
		['user.nickname', 'isNotSet', '', true],
		['user.plan', 'isNotSet', '', false],
		['user.seats', 'greaterThan', '10', true],
		['user.seats', 'greaterThan', '12', false],
		['company.monthly_spend', 'greaterThan', '1000', true], // numeric text
		['user.seats', 'lessThan', '100', true],
		['user.seats', 'lessThan', '5', false],
		['user.signed_up_at', 'greaterThan', '2023-01-01', true], // Unix seconds against an ISO date
		['user.signed_up_at', 'lessThan', '2023-01-01', false],
		['company.created_at', 'lessThan', '2022-01-01T00:00:00Z', true],
		['company.created_at', 'greaterThan', '2022-01-01', false],
		['user.plan', 'isOneOf', 'team, pro, enterprise', true],
		['user.plan', 'isOneOf', 'free,\nstarter', false],
		['user.tags', 'isOneOf', 'alpha, beta', true], // any element of a list
		['user.email', 'matches', '^[a-z]+@acme\\.com$', true],
		['user.email', 'matches', '/^ANA@/i', true],
		['user.email', 'matches', '^bob', false],
		['user.tags', 'matches', '^be', true], // any element of a list
	];

	it.each(cases)('%s %s %j is %s', async (attribute, operator, value, expected) => {
		const { matched, notMatched, error } = await run(rules([{ attribute, operator, value }]), [
			conversation(),
		]);
		expect(error).toBeUndefined();
		expect(matched).toHaveLength(expected ? 1 : 0);
		expect(notMatched).toHaveLength(expected ? 0 : 1);
		const item = (expected ? matched : notMatched)[0];
		expect(audienceOf(item)).toMatchObject({
			matched: expected,
			decidedBy: 'rule',
			rule: { group: 1, rule: 1, attribute, operator, result: expected },
		});
		// The item itself passes unchanged beside the record.
		expect(item.json.user).toEqual(conversation().user);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('compares case-sensitively when asked', async () => {
		const { notMatched } = await run(
			rules([{ attribute: 'user.plan', operator: 'equals', value: 'pro' }], 'and', {
				options: { caseSensitive: true },
			}),
			[conversation()],
		);
		expect(notMatched).toHaveLength(1);
	});

	it('takes rule values from expressions, per item', async () => {
		const { matched, notMatched } = await run(
			rules([
				{
					attribute: 'user.seats',
					operator: 'greaterThan',
					value: '={{ $json.company.name === "Acme" ? 10 : 100 }}',
				},
			]),
			[conversation(), conversation({ company: { name: 'Globex' } })],
		);
		expect(matched.map((item) => (item.json.company as IDataObject).name)).toEqual(['Acme']);
		expect(notMatched.map((item) => (item.json.company as IDataObject).name)).toEqual(['Globex']);
	});
});

describe('Audience Filter missing attributes', () => {
	const missing: Array<[string, string]> = [
		['equals', 'pro'],
		['notEquals', 'pro'],
		['contains', 'x'],
		['notContains', 'x'],
		['startsWith', 'x'],
		['endsWith', 'x'],
		['isSet', ''],
		['greaterThan', '1'],
		['lessThan', '2024-01-01'],
		['isOneOf', 'a, b'],
		['matches', '^a'],
	];

	it.each(missing)(
		'%s on a missing attribute is false and names it, without an error',
		async (operator, value) => {
			const { notMatched, error } = await run(
				rules([{ attribute: 'company.industry', operator, value }]),
				[conversation()],
			);
			expect(error).toBeUndefined();
			expect(notMatched).toHaveLength(1);
			expect(audienceOf(notMatched[0])).toMatchObject({
				matched: false,
				decidedBy: 'rule',
				rule: { attribute: 'company.industry', result: false, missingAttribute: true },
				missingAttributes: ['company.industry'],
			});
			expect(audienceOf(notMatched[0]).reason).toContain('company.industry is missing');
		},
	);

	it('treats null, an absent root and prototype keys as missing; "is not set" is true for them', async () => {
		const item = conversation({ user: { plan: null } });
		delete item.company;
		for (const attribute of ['user.plan', 'company.name', 'user.constructor', 'user.__proto__']) {
			const { matched, notMatched, error } = await run(
				rules([{ attribute, operator: 'isNotSet' }]),
				[item],
			);
			expect(error).toBeUndefined();
			expect(notMatched).toHaveLength(0);
			expect(audienceOf(matched[0])).toMatchObject({
				rule: { missingAttribute: true, result: true },
				missingAttributes: [attribute],
			});
		}
	});

	it('a value that is neither number nor date on the attribute side makes the rule false with a note', async () => {
		const { notMatched } = await run(
			rules([{ attribute: 'user.plan', operator: 'greaterThan', value: '3' }]),
			[conversation()],
		);
		expect(audienceOf(notMatched[0]).rule).toMatchObject({
			result: false,
			note: 'user.plan is not a number',
		});
	});
});

describe('Audience Filter groups', () => {
	const proRule = { attribute: 'user.plan', operator: 'equals', value: 'pro', name: 'Pro plan' };
	const bigRule = {
		attribute: 'user.seats',
		operator: 'greaterThan',
		value: '50',
		name: 'Big team',
	};
	const acmeRule = {
		attribute: 'user.email',
		operator: 'endsWith',
		value: '@acme.com',
		name: 'Acme staff',
	};

	it('AND inside a group: the first false rule decides', async () => {
		const { notMatched } = await run(rules([proRule, bigRule, acmeRule]), [conversation()]);
		expect(audienceOf(notMatched[0]).rule).toMatchObject({
			group: 1,
			rule: 2,
			name: 'Big team',
			result: false,
		});
		expect(audienceOf(notMatched[0]).reason).toBe('rule 2 of group 1 (Big team) is false');
	});

	it('AND inside a group: all true, the last rule is named', async () => {
		const { matched } = await run(rules([proRule, acmeRule]), [conversation()]);
		expect(audienceOf(matched[0]).rule).toMatchObject({
			rule: 2,
			name: 'Acme staff',
			result: true,
		});
	});

	it('OR inside a group: the first true rule decides, missing attributes before it are reported', async () => {
		const missingRule = { attribute: 'company.industry', operator: 'equals', value: 'retail' };
		const { matched } = await run(rules([missingRule, bigRule, proRule, acmeRule], 'or'), [
			conversation(),
		]);
		expect(audienceOf(matched[0])).toMatchObject({
			matched: true,
			rule: { rule: 3, name: 'Pro plan' },
			missingAttributes: ['company.industry'],
		});
	});

	it('OR inside a group: nothing true, not matched', async () => {
		const { notMatched } = await run(rules([bigRule, { ...proRule, value: 'free' }], 'or'), [
			conversation(),
		]);
		expect(audienceOf(notMatched[0]).rule).toMatchObject({ rule: 2, result: false });
	});

	function groups(combinator: string) {
		return {
			combinator,
			ruleGroups: {
				group: [
					{ combinator: 'and', rules: { rule: [proRule, bigRule] } }, // false for the default user
					{ combinator: 'or', rules: { rule: [{ ...bigRule, name: 'Big again' }, acmeRule] } }, // true
				],
			},
		};
	}

	it('groups combined with OR: (pro AND big) OR (big OR acme)', async () => {
		const { matched } = await run(groups('or'), [
			conversation(),
			conversation({ user: { email: 'x@globex.com' } }),
		]);
		expect(matched).toHaveLength(1);
		expect(audienceOf(matched[0]).rule).toMatchObject({ group: 2, rule: 2, name: 'Acme staff' });
	});

	it('groups combined with AND: the first false group decides', async () => {
		const { matched, notMatched } = await run(groups('and'), [
			conversation(),
			conversation({ user: { seats: 80 } }),
		]);
		expect(audienceOf(notMatched[0]).rule).toMatchObject({ group: 1, rule: 2, name: 'Big team' });
		expect(audienceOf(matched[0]).rule).toMatchObject({ group: 2, rule: 1, name: 'Big again' });
	});

	it('no rules: everyone matches', async () => {
		const { matched, notMatched } = await run({}, [conversation(), {}]);
		expect(matched.map(audienceOf)).toEqual([
			expect.objectContaining({ matched: true, decidedBy: 'everyone', kind: 'user' }),
		]);
		// An item without a verified identity is a visitor: not for a verified-users action.
		expect(notMatched.map(audienceOf)).toEqual([
			expect.objectContaining({ matched: false, decidedBy: 'audienceKind', kind: 'visitor' }),
		]);
		const everyone = await run({ audienceKinds: ['user', 'lead', 'visitor'] }, [{}]);
		expect(audienceOf(everyone.matched[0])).toMatchObject({ decidedBy: 'everyone' });
	});
});

describe('Audience Filter test accounts', () => {
	const strict = rules([{ attribute: 'user.plan', operator: 'equals', value: 'enterprise' }]);

	it('user ids, emails and domains always match, and the record names the entry', async () => {
		const input = [
			conversation({ user: { user_id: 'u_tester' } }),
			conversation({ user: { user_id: 'u_2', email: 'QA@Globex.com' } }),
			conversation({ user: { user_id: 'u_3', email: 'lee@initech.io' } }),
			conversation({ user: { user_id: 'u_4', email: 'lee@notinitech.io' } }),
		];
		const { matched, notMatched } = await run(
			{ ...strict, testAccounts: 'u_tester, qa@globex.com\n@initech.io' },
			input,
		);
		expect(matched.map(audienceOf)).toEqual([
			expect.objectContaining({
				decidedBy: 'testAccount',
				testAccount: { entry: 'u_tester', attribute: 'user.user_id' },
			}),
			expect.objectContaining({
				decidedBy: 'testAccount',
				testAccount: { entry: 'qa@globex.com', attribute: 'user.email' },
			}),
			expect.objectContaining({
				decidedBy: 'testAccount',
				testAccount: { entry: '@initech.io', attribute: 'user.email' },
			}),
		]);
		expect(notMatched.map((item) => (item.json.user as IDataObject).user_id)).toEqual(['u_4']);
	});

	it('need a verified user and match on signed attributes only', async () => {
		const unverified = conversation({
			user: { email: 'qa@globex.com' },
			identity: { verified: false, method: 'none', kind: 'visitor', signed: [] },
		});
		const emailUnsigned = conversation({
			user: { user_id: 'u_9', email: 'qa@globex.com' },
			identity: { method: 'user_hash', signed: ['user.user_id'] },
		});
		const lead = conversation({
			user: { email: 'qa@globex.com' },
			identity: { verified: false, method: 'intercom_signature', kind: 'lead', signed: [] },
		});
		const { matched, notMatched } = await run({ ...strict, testAccounts: 'qa@globex.com' }, [
			unverified,
			emailUnsigned,
			lead,
		]);
		expect(matched).toHaveLength(0);
		expect(notMatched.map(audienceOf).map((record) => [record.decidedBy, record.kind])).toEqual([
			['audienceKind', 'visitor'],
			['rule', 'user'],
			['audienceKind', 'lead'],
		]);
		// Leads allowed explicitly still never match a test account.
		const allowed = await run(
			{ ...strict, testAccounts: 'qa@globex.com', audienceKinds: ['user', 'lead'] },
			[lead],
		);
		expect(audienceOf(allowed.notMatched[0])).toMatchObject({ decidedBy: 'rule', kind: 'lead' });
	});

	it('while the action is in testing, only test accounts match', async () => {
		const { matched, notMatched } = await run({ status: 'testing', testAccounts: '@acme.com' }, [
			conversation(),
			conversation({ user: { email: 'bo@globex.com' } }),
		]);
		expect(matched).toHaveLength(1);
		expect(audienceOf(notMatched[0])).toMatchObject({ matched: false, decidedBy: 'testing' });
	});

	it('beat a 0% rollout', async () => {
		const { matched } = await run({ rolloutPercentage: 0, testAccounts: 'u_1' }, [conversation()]);
		expect(audienceOf(matched[0]).decidedBy).toBe('testAccount');
	});
});

describe('Audience Filter phased rollout', () => {
	const users = Array.from({ length: 10000 }, (_, index) => ({
		user: { user_id: `u_${index}` },
		identity: { verified: true },
	}));

	async function rollout(percentage: number, actionName = 'order_status'): Promise<Set<string>> {
		const { matched, notMatched, error } = await run(
			{ rolloutPercentage: percentage, actionName },
			users,
		);
		expect(error).toBeUndefined();
		expect(matched.length + notMatched.length).toBe(users.length);
		for (const item of [...matched.slice(0, 3), ...notMatched.slice(0, 3)]) {
			const record = audienceOf(item);
			if (percentage === 100) {
				// A full rollout decides nothing: without rules everyone matches.
				expect(record.decidedBy).toBe('everyone');
				continue;
			}
			expect(record.decidedBy).toBe('rollout');
			expect(record.rollout).toMatchObject({
				percentage,
				attribute: 'user.user_id',
				key: actionName,
			});
			expect(typeof (record.rollout as IDataObject).bucket).toBe('number');
		}
		return new Set(matched.map((item) => (item.json.user as IDataObject).user_id as string));
	}

	it('keeps each share within 1.5 points, answers identically on two runs and only grows', async () => {
		const tenFirst = await rollout(10);
		const tenSecond = await rollout(10);
		expect([...tenSecond]).toEqual([...tenFirst]);
		let previous = new Set<string>();
		for (const [percentage, set] of [
			[10, tenFirst],
			[30, await rollout(30)],
			[50, await rollout(50)],
			[75.5, await rollout(75.5)],
			[100, await rollout(100)],
		] as Array<[number, Set<string>]>) {
			const share = (set.size / users.length) * 100;
			expect(Math.abs(share - percentage)).toBeLessThanOrEqual(1.5);
			for (const id of previous) expect(set.has(id)).toBe(true);
			previous = set;
		}
		expect(previous.size).toBe(10000);
		expect((await rollout(0)).size).toBe(0);
	}, 120000);

	it('samples different users for different action names', async () => {
		const a = await rollout(30, 'order_status');
		const b = await rollout(30, 'refund_request');
		const overlap = [...a].filter((id) => b.has(id)).length;
		// Independent 30% samples share about 9% of users, far from the 30% of identical samples.
		expect(overlap / users.length).toBeGreaterThan(0.07);
		expect(overlap / users.length).toBeLessThan(0.11);
	}, 60000);

	it('falls back to the node id, not the node name, when no action name is set', async () => {
		const sample = users.slice(0, 200);
		const first = await run({ rolloutPercentage: 50 }, sample);
		const renamed = filterNode({ rolloutPercentage: 50 });
		renamed.nodes[0].name = 'Who gets refunds';
		const second = await runWorkflow(afterFinTrigger(renamed), { input: sample });
		const ids = (items: INodeExecutionData[]) =>
			items.map((item) => (item.json.user as IDataObject).user_id);
		expect(ids(second.outputs['Who gets refunds'][0])).toEqual(ids(first.matched));
		expect((audienceOf(first.matched[0]).rollout as IDataObject).key).toBe(
			'a1f0c2e4-0000-4000-8000-000000000001',
		);
	});

	it('rules first, then the rollout; a missing bucketing attribute is not matched and named', async () => {
		const parameters = rules(
			[{ attribute: 'user.plan', operator: 'equals', value: 'pro' }],
			'and',
			{ rolloutPercentage: 99.99, actionName: 'x' },
		);
		const withoutId = conversation();
		delete (withoutId.user as IDataObject).user_id;
		const { matched, notMatched } = await run(parameters, [
			conversation({ user: { user_id: 'u_in' } }),
			withoutId,
			conversation({ user: { plan: 'free' } }),
		]);
		expect(matched.map(audienceOf)).toEqual([
			expect.objectContaining({
				decidedBy: 'rollout',
				rule: expect.objectContaining({ result: true }),
				rollout: expect.objectContaining({ inRollout: true }),
			}),
		]);
		expect(audienceOf(notMatched[0])).toMatchObject({
			decidedBy: 'rollout',
			rollout: { missingAttribute: true, inRollout: false, attribute: 'user.user_id' },
			missingAttributes: ['user.user_id'],
		});
		expect(audienceOf(notMatched[1])).toMatchObject({ decidedBy: 'rule', rule: { result: false } });
	});

	it('buckets on another attribute when told', async () => {
		const sameCompany = [
			conversation({ user: { user_id: 'a' } }),
			conversation({ user: { user_id: 'b' } }),
			conversation({ user: { user_id: 'c' } }),
		];
		const { matched, notMatched } = await run(
			{ rolloutPercentage: 50, actionName: 'x', bucketAttribute: 'company.company_id' },
			sameCompany,
		);
		// Everyone at one company gets the same answer.
		expect([matched.length, notMatched.length].sort()).toEqual([0, 3]);
	});
});

describe('Audience Filter configuration errors', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		[
			'an attribute outside the known roots',
			rules([{ attribute: 'plan', operator: 'equals', value: 'pro' }]),
			/Rule 1 of group 1: "plan" is not an attribute path/,
		],
		[
			'a number comparison with text',
			rules([{ attribute: 'user.seats', operator: 'greaterThan', value: 'many' }]),
			/"many" is neither a number nor a date/,
		],
		[
			'nested quantifiers',
			rules([{ attribute: 'user.email', operator: 'matches', value: '^(a+)+$' }]),
			/nested quantifiers/,
		],
		[
			'a backreference',
			rules([{ attribute: 'user.email', operator: 'matches', value: '(a)\\1' }]),
			/backreferences/,
		],
		[
			'an invalid pattern',
			rules([{ attribute: 'user.email', operator: 'matches', value: '([a-z' }]),
			/is not allowed: Invalid regular expression/,
		],
		[
			'a rollout above 100%',
			{ rolloutPercentage: 120 },
			/rollout percentage must be a number from 0 to 100/,
		],
		[
			'a bad bucketing attribute',
			{ rolloutPercentage: 20, bucketAttribute: 'user_id' },
			/bucketing attribute "user_id"/,
		],
	];

	it.each(cases)(
		'%s stops the node with a message that says what is wrong',
		async (_name, parameters, message) => {
			const { error, matched } = await run(parameters, [conversation()]);
			expect(error?.message).toMatch(message);
			expect(matched).toHaveLength(0);
		},
	);

	it('with "continue on error" the item leaves on Not matched, with the reason', async () => {
		const { notMatched, error } = await run(
			rules([{ attribute: 'plan', operator: 'equals', value: 'pro' }]),
			[conversation()],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(error).toBeUndefined();
		expect(audienceOf(notMatched[0])).toMatchObject({
			matched: false,
			decidedBy: 'error',
			reason: expect.stringMatching(/not an attribute path/),
		});
	});
});

describe('Audience Filter regular expressions under attack', () => {
	it('an over-long input is not matched, with a note, and nothing hangs', async () => {
		const long = conversation({ user: { bio: 'a'.repeat(5000) } });
		const { notMatched } = await run(
			rules([{ attribute: 'user.bio', operator: 'matches', value: 'a$' }]),
			[long],
		);
		expect(audienceOf(notMatched[0]).rule).toMatchObject({
			result: false,
			note: expect.stringContaining('longer than 1000'),
		});
	});

	it('a polynomial pattern that passes the static check is stopped by the time limit', async () => {
		const started = Date.now();
		const slow = conversation({ user: { bio: 'a'.repeat(1000) } });
		const { notMatched, error } = await run(
			rules([{ attribute: 'user.bio', operator: 'matches', value: '.*a.*a.*a.*y' }]),
			[slow],
		);
		expect(error).toBeUndefined();
		expect(audienceOf(notMatched[0]).rule).toMatchObject({
			result: false,
			note: expect.stringContaining('timed out'),
		});
		expect(Date.now() - started).toBeLessThan(5000);
	});
});
