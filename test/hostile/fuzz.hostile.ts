// Issue 17.6: bounded property-based runs over the modules that touch customer input. fast-check
// prints the seed and the shrunk counterexample of any failure (re-run with FUZZ_SEED=<seed>).
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { decideAudience, type AudienceConfig } from '../../nodes/AudienceFilter/audience';
import { buildRequest, RequestConfigError } from '../../nodes/ApiAction/request-builder';
import { PlaceholderValueError } from '../../nodes/ApiAction/placeholders';
import { isForbiddenKey, parseJson } from '../../nodes/shared/parse-json';
import { compileAnswer, pickFields } from '../../nodes/shared/response-fields';

const NUM_RUNS = 300;
const params = (): fc.Parameters<unknown> => ({
	numRuns: NUM_RUNS,
	...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
});

/** Text built from the pieces injections are made of, mixed with arbitrary code units. */
const hostileText = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 80 }),
	fc
		.array(
			fc.oneof(
				fc.constantFrom(
					'../',
					'..',
					'.',
					'%2e%2e/',
					'%2E%2E%2F',
					'/',
					'\\',
					'?',
					'#',
					'&',
					'=',
					'\r\n',
					'\n',
					'\r',
					'\u0000',
					'@evil.test',
					'evil.test:80',
					'\u3002',
					'\uff0e',
					'\u2025',
					'%0d%0a',
					'%00',
					' ',
					'+',
					';',
					'{{user.other}}',
					'http://evil.test/',
					'Host: evil.test',
					'\u0130',
					'\ud800',
				),
				fc.string({ maxLength: 4 }),
			),
			{ maxLength: 12 },
		)
		.map((parts) => parts.join('')),
	fc.constantFrom('x'.repeat(10000), '../'.repeat(500)),
);
const attributeValue = fc.oneof(
	{ weight: 6, arbitrary: hostileText },
	fc.integer(),
	fc.double(),
	fc.boolean(),
);

const isNamedRefusal = (error: unknown) =>
	error instanceof PlaceholderValueError || error instanceof RequestConfigError;

describe('placeholder renderer (buildRequest)', () => {
	const template = {
		method: 'get',
		url: 'https://api.example.test/v1/customers/{{user.a}}/orders?expand={{user.b}}',
		query: [{ name: 'q', value: '{{user.c}}' }],
		headers: [
			{ name: 'X-Customer', value: 'id-{{user.d}}' },
			{ name: 'Accept', value: 'application/json' },
		],
	};

	it('never changes the host, the number of path segments, query parameters or headers', () => {
		fc.assert(
			fc.property(attributeValue, attributeValue, attributeValue, attributeValue, (a, b, c, d) => {
				const item: IDataObject = { user: { a, b, c, d } };
				let built;
				try {
					built = buildRequest(template, item);
				} catch (error) {
					// A value that cannot be placed is refused by name, never sent altered.
					if (isNamedRefusal(error)) return;
					throw error;
				}
				const url = new URL(built.url);
				expect(url.protocol).toBe('https:');
				expect(url.host).toBe('api.example.test');
				expect(url.username).toBe('');
				expect(url.hash).toBe('');
				const segments = url.pathname.split('/').slice(1);
				expect(segments).toHaveLength(4);
				expect([segments[0], segments[1], segments[3]]).toEqual(['v1', 'customers', 'orders']);
				expect(decodeURIComponent(segments[2])).toBe(String(a));
				const query = [...url.searchParams.entries()];
				expect(query.map(([name]) => name)).toEqual(['expand', 'q']);
				expect(query[0][1]).toBe(String(b));
				expect(query[1][1]).toBe(String(c));
				expect(Object.keys(built.headers).sort()).toEqual(['Accept', 'X-Customer']);
				for (const value of Object.values(built.headers)) expect(value).not.toMatch(/[\r\n]/);
				expect(built.headers['X-Customer']).toBe(`id-${String(d)}`);
			}),
			params(),
		);
	});
});

describe('pointer picker (pickFields)', () => {
	const SENTINEL = 'UNPICKED-\u2603-SENTINEL';
	const picked = fc
		.jsonValue({ maxDepth: 2 })
		.filter((value) => !JSON.stringify(value).includes(SENTINEL));
	const unpickedKey = fc.constantFrom(
		'secret',
		'token',
		'__proto__',
		'constructor',
		'other',
		'*',
		'',
	);
	const specs = [
		{ pointer: '/a', transform: { type: 'none' as const } },
		{ pointer: '/b/c', name: 'c', transform: { type: 'none' as const } },
		{ pointer: '/items/*/id', transform: { type: 'none' as const } },
		{ pointer: '/items/*/name', transform: { type: 'none' as const } },
	];
	const withUnpicked = (base: Record<string, unknown>, keys: string[]) => {
		const out: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(base)) out[key] = value;
		// defineProperty: "__proto__" stays an own key, as JSON.parse would make it.
		for (const key of keys)
			Object.defineProperty(out, key, {
				value: SENTINEL,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		return out;
	};
	const keys = fc.array(unpickedKey, { maxLength: 4 });
	const response = fc
		.record({
			a: picked,
			b: fc.oneof(
				fc.tuple(fc.record({ c: picked }), keys).map(([b, extra]) => withUnpicked(b, extra)),
				picked,
			),
			items: fc.oneof(
				fc.array(
					fc
						.tuple(fc.record({ id: picked, name: picked }), keys)
						.map(([entry, extra]) => withUnpicked(entry, extra)),
					{ maxLength: 5 },
				),
				picked,
			),
			extra: keys,
		})
		.map(({ a, b, items, extra }) => withUnpicked({ a, b, items }, extra));

	for (const shape of ['flat', 'grouped'] as const) {
		it(`never outputs a value under a key the admin did not pick (${shape})`, () => {
			const compiled = compileAnswer(specs, shape);
			fc.assert(
				fc.property(response, (body) => {
					const { answer } = pickFields(body, compiled);
					expect(JSON.stringify(answer)).not.toContain(SENTINEL);
					const allowed =
						shape === 'flat' ? ['a', 'c', 'id', 'name'] : ['a', 'c', 'items', 'id', 'name'];
					for (const key of Object.keys(answer)) expect(allowed).toContain(key);
					expect(({} as Record<string, unknown>).polluted).toBeUndefined();
				}),
				params(),
			);
		});
	}
});

type Tree = { json: unknown } | { list: Tree[] } | { entries: Array<[string, Tree]> };

/** JSON text with keys JSON.parse keeps as own properties, "__proto__" included. */
function serialize(tree: Tree): string {
	if ('json' in tree) return JSON.stringify(tree.json) ?? 'null';
	if ('list' in tree) return `[${tree.list.map(serialize).join(',')}]`;
	return `{${tree.entries.map(([key, value]) => `${JSON.stringify(key)}:${serialize(value)}`).join(',')}}`;
}

function forbiddenKeysIn(value: unknown): string[] {
	if (value === null || typeof value !== 'object') return [];
	const own = Object.getOwnPropertyNames(value).filter(isForbiddenKey);
	return [...own, ...Object.values(value).flatMap(forbiddenKeysIn)];
}

describe("trigger's body parser (parseJson)", () => {
	const key = fc.oneof(
		fc.constantFrom(
			'__proto__',
			'constructor',
			'prototype',
			'polluted',
			'a',
			'__proto__ ',
			'toString',
		),
		fc.string({ maxLength: 6 }),
	);
	const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
		tree: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			fc.record({ json: fc.jsonValue({ maxDepth: 1 }) }),
			fc.record({ list: fc.array(tie('tree'), { maxLength: 4 }) }),
			fc.record({ entries: fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }) }),
		),
	}));
	const text = fc.oneof(
		tree.map(serialize),
		tree.chain((value) => {
			const full = serialize(value);
			return fc.nat(full.length).map((cut) => full.slice(0, cut));
		}),
		fc.string({ unit: 'binary', maxLength: 200 }),
		fc.nat(200).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
		fc.nat(200).map((depth) => `${'{"__proto__":'.repeat(depth)}1${'}'.repeat(depth)}`),
	);

	it('never throws and never yields __proto__, constructor or prototype keys', () => {
		fc.assert(
			fc.property(text, (body) => {
				const parsed = parseJson(body);
				if (parsed.ok) expect(forbiddenKeysIn(parsed.value)).toEqual([]);
				else expect(['syntax', 'depth']).toContain(parsed.reason);
				expect(({} as Record<string, unknown>).polluted).toBeUndefined();
			}),
			params(),
		);
	});
});

describe('audience rules (decideAudience)', () => {
	const rule = (attribute: string, operator: string, value?: unknown) =>
		({ attribute, operator, value }) as never;
	const config: AudienceConfig = {
		status: 'live',
		testAccounts: ['tester@example.test'],
		audienceKinds: ['user', 'lead', 'visitor'],
		manualRun: false,
		groups: [
			{
				combinator: 'or',
				rules: [
					rule('user.email', 'endsWith', '@example.test'),
					rule('user.email', 'matches', '^[a-z0-9._-]+@example\\.test$'),
					rule('user.plan', 'isOneOf', 'pro, team'),
					rule('user.plan', 'contains', 'pro'),
				],
			},
			{
				combinator: 'and',
				rules: [
					rule('user.spend', 'greaterThan', '100'),
					rule('user.created_at', 'lessThan', '2024-01-01'),
					rule('company.name', 'notEquals', 'Acme'),
					rule('user.tags', 'isSet'),
					rule('user.missing', 'isNotSet'),
					rule('company.name', 'startsWith', 'A'),
					rule('user.plan', 'notContains', 'free'),
				],
			},
		],
		combinator: 'or',
		caseSensitive: false,
		rolloutPercentage: 50,
		bucketAttribute: 'user.user_id',
		rolloutKey: 'fuzz',
	};
	const value = fc.oneof(
		attributeValue,
		fc.constant(null),
		fc.constant('a'.repeat(5000) + '!'),
		fc.array(attributeValue, { maxLength: 300 }),
		fc.jsonValue({ maxDepth: 3 }),
	);
	const item = fc.record({
		user: fc.oneof(
			fc.record({
				email: value,
				plan: value,
				spend: value,
				created_at: value,
				tags: value,
				user_id: value,
			}),
			value,
		),
		company: fc.oneof(fc.record({ name: value }), value),
		identity: fc.oneof(
			fc.record({
				kind: fc.constantFrom('user', 'lead', 'visitor', 'admin'),
				verified: fc.boolean(),
			}),
			value,
		),
		source: fc.constantFrom('test', 'intercom', undefined),
	});

	it('never throws on arbitrary attribute values and decides each item in bounded time', () => {
		fc.assert(
			fc.property(item, (entry) => {
				const started = performance.now();
				const record = decideAudience(entry as IDataObject, config);
				const elapsed = performance.now() - started;
				expect(typeof record.matched).toBe('boolean');
				expect(typeof record.reason).toBe('string');
				expect(elapsed).toBeLessThan(1000);
			}),
			params(),
		);
	});
});
