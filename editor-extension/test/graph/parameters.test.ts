import {
	checkConditions,
	isDisplayed,
	resolveValues,
	visibleCredentials,
	visibleProperties,
	newCollectionEntry,
	collectionEntries,
} from '../../client/graph/parameters';
import type { NodeProperty } from '../../client/graph/types';
import { ACTION, descriptions } from './fixtures';

const properties = descriptions[ACTION].properties;

describe('displayOptions, as n8n evaluates them', () => {
	test('show rules use defaults and stored values', () => {
		const hiddenBody = resolveValues(properties, {}, undefined, 1);
		expect(hiddenBody).toEqual({ method: 'GET', allowWrites: false });
		expect(
			visibleProperties(properties, { level: hiddenBody, root: hiddenBody, typeVersion: 1 }).map(
				(p) => p.name,
			),
		).toEqual(['method', 'allowWrites']);
		const withBody = resolveValues(properties, { allowWrites: true }, undefined, 1);
		expect(withBody).toEqual({ method: 'GET', allowWrites: true, body: '{}' });
		expect(
			visibleProperties(properties, { level: withBody, root: withBody, typeVersion: 1 }).map(
				(p) => p.name,
			),
		).toEqual(['method', 'allowWrites', 'body']);
	});

	test('@version with _cnd, /root paths, hide rules, expressions', () => {
		expect(
			isDisplayed(
				{ show: { '@version': [{ _cnd: { gte: 2 } }] } },
				{ level: {}, root: {}, typeVersion: 2 },
			),
		).toBe(true);
		expect(
			isDisplayed(
				{ show: { '@version': [{ _cnd: { gte: 2 } }] } },
				{ level: {}, root: {}, typeVersion: 1 },
			),
		).toBe(false);
		expect(
			isDisplayed(
				{ show: { '/access': ['selected'] } },
				{ level: { access: 'full' }, root: { access: 'selected' } },
			),
		).toBe(true);
		expect(
			isDisplayed(
				{ hide: { operator: ['isSet', 'isNotSet'] } },
				{ level: { operator: 'isSet' }, root: {} },
			),
		).toBe(false);
		expect(
			isDisplayed({ hide: { operator: ['isSet'] } }, { level: { operator: 'equals' }, root: {} }),
		).toBe(true);
		expect(isDisplayed({ show: { mode: ['a'] } }, { level: { mode: '={{ 1 }}' }, root: {} })).toBe(
			true,
		);
		expect(checkConditions([{ _cnd: { between: { from: 1, to: 3 } } }], [2])).toBe(true);
		expect(checkConditions([{ _cnd: { not: 'x' } }], [])).toBe(true);
		expect(checkConditions([{ _cnd: { startsWith: 'ab' } }], ['abc'])).toBe(true);
		expect(checkConditions([{ _cnd: { regex: '^a' } }], ['b'])).toBe(false);
		expect(checkConditions([{ _cnd: { exists: true } }], [''])).toBe(false);
	});

	test('same-named properties: the one shown wins', () => {
		const twins: NodeProperty[] = [
			{
				displayName: 'Op',
				name: 'op',
				type: 'options',
				default: 'a',
				displayOptions: { show: { kind: ['x'] } },
			},
			{
				displayName: 'Op',
				name: 'op',
				type: 'options',
				default: 'b',
				displayOptions: { show: { kind: ['y'] } },
			},
			{ displayName: 'Kind', name: 'kind', type: 'options', default: 'y' },
		];
		expect(resolveValues(twins, {})).toEqual({ kind: 'y', op: 'b' });
		expect(visibleProperties(twins, { level: { kind: 'y' }, root: {} })).toEqual([
			twins[1],
			twins[2],
		]);
	});

	test('credentials follow their displayOptions', () => {
		const credentials = [
			{
				name: 'finFixedTokenApi',
				displayOptions: { show: { authentication: ['finFixedTokenApi'] } },
			},
			{
				name: 'finDynamicTokenApi',
				displayOptions: { show: { authentication: ['finDynamicTokenApi'] } },
			},
		];
		expect(
			visibleCredentials(credentials, { authentication: 'finDynamicTokenApi' }).map((c) => c.name),
		).toEqual(['finDynamicTokenApi']);
		expect(visibleCredentials(credentials, { authentication: 'none' })).toEqual([]);
	});

	test('fixedCollection entries start from their children defaults', () => {
		const option = {
			name: 'parameters',
			displayName: 'Parameter',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Note', name: 'note', type: 'notice', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: 'x' },
			],
		};
		expect(newCollectionEntry(option)).toEqual({ name: '', value: 'x' });
		expect(collectionEntries({ parameters: [{ a: 1 }] }, 'parameters', true)).toEqual([{ a: 1 }]);
		expect(collectionEntries({ parameters: { a: 1 } }, 'parameters', false)).toEqual([{ a: 1 }]);
		expect(collectionEntries(undefined, 'parameters', true)).toEqual([]);
	});
});
