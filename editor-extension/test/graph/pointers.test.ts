import {
	buildTree,
	compilePointer,
	findPickerSlots,
	labelFor,
	mergeElements,
	parsePointer,
	pickedPointers,
	resolvePointer,
	rowLabel,
	togglePointer,
	treePointers,
	uniqueLabel,
} from '../../client/graph/pointers';
import { PICKER, descriptions } from './fixtures';

const response = {
	orders: [
		{ name: '#1041', fulfillment_status: 'fulfilled', fulfillments: [{ tracking_number: '1Z1' }] },
		{ name: '#1032', fulfillment_status: null, note: 'gift', fulfillments: [] },
	],
	'a/b': { '~x': 1 },
	meta: { page: 1 },
};

describe('response tree', () => {
	test('arrays offer an "every item" wildcard entry first, then their items', () => {
		const tree = buildTree(response);
		expect(tree.map((entry) => [entry.key, entry.kind, entry.pointer])).toEqual([
			['orders', 'array', '/orders'],
			['a/b', 'object', '/a~1b'],
			['meta', 'object', '/meta'],
		]);
		const orders = tree[0];
		expect(orders.count).toBe(2);
		expect(orders.children.map((entry) => entry.pointer)).toEqual([
			'/orders/*',
			'/orders/0',
			'/orders/1',
		]);
		const every = orders.children[0];
		expect(every.wildcard).toBe(true);
		// The wildcard shows the union of the items' keys, with a non-null sample value.
		expect(every.children.map((entry) => [entry.pointer, entry.preview ?? entry.kind])).toEqual([
			['/orders/*/name', '"#1041"'],
			['/orders/*/fulfillment_status', '"fulfilled"'],
			['/orders/*/fulfillments', 'array'],
			['/orders/*/note', '"gift"'],
		]);
		expect(every.children[2].children[0].children[0].pointer).toBe(
			'/orders/*/fulfillments/*/tracking_number',
		);
		expect(tree[1].children[0].pointer).toBe('/a~1b/~0x');
	});

	test('pointers go through the node module (RFC 6901 escapes) and resolve with wildcards', () => {
		expect(compilePointer(['a/b', '~x'])).toBe('/a~1b/~0x');
		expect(parsePointer('/a~1b/~0x')).toEqual(['a/b', '~x']);
		expect(resolvePointer(response, '/orders/*/fulfillment_status')).toEqual(['fulfilled', null]);
		expect(resolvePointer(response, '/orders/*/fulfillments/*/tracking_number')).toEqual(['1Z1']);
		expect(resolvePointer(response, '/a~1b/~0x')).toEqual([1]);
		expect(mergeElements([[1], [2, 3]])).toEqual([1, 2, 3]);
		expect(buildTree('plain')).toEqual([
			expect.objectContaining({ kind: 'value', pointer: '', preview: '"plain"' }),
		]);
	});

	// The canvas and the Response Field Picker share nodes/shared/json-pointer: the same pointers
	// mean the same values on both sides (test/response-field-picker/json-pointer.test.ts pins the node).
	test('agrees with the node: no array properties, malformed escapes refused', () => {
		expect(resolvePointer(response, '/orders/length')).toEqual([]);
		expect(resolvePointer(response, '/orders/0/name/length')).toEqual([]);
		expect(() => parsePointer('/a~')).toThrow(/malformed.*~0 for "~"/);
		expect(() => parsePointer('/a~2')).toThrow(/malformed/);
		expect(() => parsePointer('orders')).toThrow(/start with "\/"/);
		expect(resolvePointer(response, '/a~')).toEqual([]);
		expect(resolvePointer(response, '/orders/01')).toEqual([]);
		expect(resolvePointer(response, '')).toEqual([response]);
		expect(compilePointer([])).toBe('');
	});

	test('labels read like field names', () => {
		expect(labelFor(['orders', '*', 'fulfillment_status'])).toBe('Fulfillment status');
		expect(labelFor(['orders', '0', 'createdAt'])).toBe('Created at');
		expect(labelFor([])).toBe('Response');
	});
});

describe('keys that look like something else', () => {
	// Object keys are keys whatever their text; only array positions are items.
	const odd = {
		usage_by_year: { '2024': 3120, '2025': 2870 },
		'*': 'a key named star',
		'': 'empty key',
		'~': 'tilde',
		'/': 'slash',
		'~1': 'not an escape',
		list: [{ '0': 'zero key' }, { '0': 'second' }],
	};
	const tree = buildTree(odd);
	const find = (pointer: string) => {
		const walk = (
			entries: ReturnType<typeof buildTree>,
		): ReturnType<typeof buildTree>[number] | undefined => {
			for (const entry of entries) {
				if (entry.pointer === pointer) return entry;
				const inner = walk(entry.children);
				if (inner) return inner;
			}
			return undefined;
		};
		return walk(tree)!;
	};

	test('numeric, "*", empty, "~" and "/" keys are keys, with escaped pointers that find their value', () => {
		expect(tree.map((entry) => [rowLabel(entry), entry.role, entry.pointer])).toEqual([
			['usage_by_year', 'key', '/usage_by_year'],
			['*', 'key', '/*'],
			['"" (empty key)', 'key', '/'],
			['~', 'key', '/~0'],
			['/', 'key', '/~1'],
			['~1', 'key', '/~01'],
			['list', 'key', '/list'],
		]);
		const years = find('/usage_by_year').children;
		// Numeric keys read as a map keyed by IDs: "every key" first (editor-extension map-pointers test).
		expect(years.map((entry) => [rowLabel(entry), entry.role])).toEqual([
			['every key (~*)', 'everyKey'],
			['2024', 'key'],
			['2025', 'key'],
		]);
		// Every pointer the tree offers reads exactly its own value through the node's module.
		expect(resolvePointer(odd, '/usage_by_year/2024')).toEqual([3120]);
		expect(resolvePointer(odd, '/*')).toEqual(['a key named star']);
		expect(resolvePointer(odd, '/')).toEqual(['empty key']);
		expect(resolvePointer(odd, '/~0')).toEqual(['tilde']);
		expect(resolvePointer(odd, '/~1')).toEqual(['slash']);
		expect(resolvePointer(odd, '/~01')).toEqual(['not an escape']);
		for (const pointer of treePointers(tree)) expect(() => parsePointer(pointer)).not.toThrow();
	});

	test('array positions are items and "*" under an array is every item; a "0" key inside stays a key', () => {
		const list = find('/list');
		expect(list.children.map((entry) => [rowLabel(entry), entry.role, entry.pointer])).toEqual([
			['every item (*)', 'every', '/list/*'],
			['item 1', 'item', '/list/0'],
			['item 2', 'item', '/list/1'],
		]);
		const zeroKey = list.children[0].children[0];
		expect([rowLabel(zeroKey), zeroKey.role, zeroKey.roles]).toEqual([
			'0',
			'key',
			['key', 'every', 'key'],
		]);
		expect(resolvePointer(odd, zeroKey.pointer)).toEqual(['zero key', 'second']);
	});

	test('labels of odd keys differ: numeric keys are named with their parent', () => {
		const label = (pointer: string) => {
			const entry = find(pointer);
			return labelFor(entry.tokens, entry.roles);
		};
		expect(label('/usage_by_year/2024')).toBe('Usage by year 2024');
		expect(label('/usage_by_year/2025')).toBe('Usage by year 2025');
		expect(label('/list/*/0')).toBe('List 0');
		expect(label('/~1')).toBe('/');
		// A pointer typed by hand has no roles: numbers and "*" are taken for items, as before.
		expect(labelFor(['orders', '0', 'name'])).toBe('Name');
	});

	test('ticking two fields of one name numbers the second, so the node accepts both', () => {
		const slots = findPickerSlots(descriptions[PICKER].properties)!;
		let params: Record<string, unknown> = {};
		params = togglePointer(params, slots, '/a/id');
		params = togglePointer(params, slots, '/b/id');
		params = togglePointer(params, slots, '/c/id', 'Id');
		expect(
			(params.fields as { field: Array<{ name: string }> }).field.map((entry) => entry.name),
		).toEqual(['Id', 'Id 2', 'Id 3']);
		expect(uniqueLabel('Id', ['Id', 'Id 2'])).toBe('Id 3');
	});
});

describe('writing picks into the Response Field Picker', () => {
	const slots = findPickerSlots(descriptions[PICKER].properties)!;

	test('the fields list is found from the description, with the option that shows it', () => {
		expect(slots).toMatchObject({
			option: { name: 'field' },
			pointerField: 'pointer',
			labelField: 'name',
			gate: { access: 'selected' },
		});
	});

	test('ticking adds an entry (and switches to selected fields); unticking removes it', () => {
		let params: Record<string, unknown> = {};
		params = togglePointer(params, slots, '/orders/*/fulfillment_status');
		params = togglePointer(params, slots, '/orders/*/name', 'Order');
		expect(params).toEqual({
			access: 'selected',
			fields: {
				field: [
					{ pointer: '/orders/*/fulfillment_status', name: 'Fulfillment status', required: false },
					{ pointer: '/orders/*/name', name: 'Order', required: false },
				],
			},
		});
		expect(pickedPointers(params, slots)).toEqual([
			'/orders/*/fulfillment_status',
			'/orders/*/name',
		]);
		params = togglePointer(params, slots, '/orders/*/fulfillment_status');
		params = togglePointer(params, slots, '/orders/*/name');
		expect(params).toEqual({ access: 'selected', fields: {} });
	});

	test('a picker without a pointer list has no slots', () => {
		expect(
			findPickerSlots([{ displayName: 'x', name: 'x', type: 'string', default: '' }]),
		).toBeUndefined();
	});
});
