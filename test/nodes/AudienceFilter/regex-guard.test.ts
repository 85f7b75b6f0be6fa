// Issue 12.7: the Audience Filter's "matches" operator against a signed request built to block
// n8n's event loop: ~98 KB of attribute values (98 list elements of 999 characters). The times
// measured here are generous bounds on work done, not benchmarks.
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../../engine/single-node-workflow';
import { guardPattern } from '../../../nodes/AudienceFilter/safe-regex';

const NODE = 'Audience Filter';

function item(tags: unknown[]): IDataObject {
	return {
		message: { id: 'm_1', text: 'hi', createdAt: '2024-05-01T10:00:00Z' },
		user: { user_id: 'u_1', email: 'ana@acme.com', tags },
		company: {},
		conversation: { id: 'c_1' },
		identity: { verified: true, method: 'user_hash' },
		source: 'messenger',
	};
}

async function run(pattern: string, tags: unknown[]) {
	const started = Date.now();
	const result = await runWorkflow(
		afterFinTrigger(
			singleNodeWorkflow(NODE, 'audienceFilter', {
				ruleGroups: {
					group: [
						{
							combinator: 'and',
							rules: { rule: [{ attribute: 'user.tags', operator: 'matches', value: pattern }] },
						},
					],
				},
			}),
		),
		{ input: [item(tags)] },
	);
	const [matched = [], notMatched = []] = result.outputs[NODE] ?? [];
	return { ms: Date.now() - started, matched, notMatched, error: result.errors[NODE] };
}

const spaces = Array.from({ length: 98 }, () => `${' '.repeat(998)}!`);
const digits = Array.from({ length: 98 }, () => '1'.repeat(999));

describe('polynomial patterns are refused before they run', () => {
	it.each([
		['\\s*\\s*\\s*\\s*$', spaces],
		['\\d+\\d+\\d+\\d+x', digits],
	])(
		'%s on a 98 KB signed request: a configuration error, within 2 s',
		async (pattern, tags) => {
			const { ms, error, matched } = await run(pattern, tags);
			expect(error?.message).toMatch(/overlapping characters/);
			expect(matched).toHaveLength(0);
			expect(ms).toBeLessThan(2000);
		},
		60000,
	);

	it.each([
		'\\s*\\s*$',
		'\\d+\\d+x',
		'a*a*',
		'.*.*x',
		'[a-z]+\\w+$',
		'\\w*\\d{2,}',
		'\\s*(\\s*)x',
		'\\s+ ?\\s+x', // an optional atom between them does not separate them
		'(?:\\d+)\\d+',
	])('refuses %s (adjacent quantifiers over overlapping characters)', (pattern) => {
		const guarded = guardPattern(pattern, false);
		expect('problem' in guarded && guarded.problem).toMatch(/overlapping characters/);
	});

	it.each(['^[a-z]+\\d+$', '^\\w+@\\w+\\.com$', '.*order.*', '^\\s*pro\\s*$', '\\d+-\\d+', 'a+b+'])(
		'still accepts %s',
		(pattern) => {
			expect(guardPattern(pattern, false)).toHaveProperty('pattern');
		},
	);
});

describe('one regex budget per item, counting list elements', () => {
	it('a slow but allowed pattern over 98 long elements stops within the item budget', async () => {
		// `.*a.*a.*b` is cubic on "aaa...": allowed by the guard (literals separate the stars), so the
		// budget is what bounds it.
		const tags = Array.from({ length: 98 }, () => 'a'.repeat(999));
		const { ms, error, matched, notMatched } = await run('.*a.*a.*b', tags);
		expect(error).toBeUndefined();
		expect(matched).toHaveLength(0);
		expect(notMatched).toHaveLength(1);
		expect(JSON.stringify(notMatched[0].json.audience)).toMatch(/timed out|budget/);
		expect(ms).toBeLessThan(2000);
	}, 60000);

	it('list elements count: beyond the per-item cap they are not matched, with a note', async () => {
		const tags = [...Array.from({ length: 150 }, (_, i) => `tag-${i}`), 'vip'];
		const { matched, notMatched } = await run('^vip$', tags);
		expect(matched).toHaveLength(0);
		expect(JSON.stringify(notMatched[0].json.audience)).toMatch(/list elements/);
		const within = await run('^vip$', ['a', 'b', 'vip']);
		expect(within.matched).toHaveLength(1);
	});
});
