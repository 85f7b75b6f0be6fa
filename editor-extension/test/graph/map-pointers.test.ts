// Maps keyed by IDs in the picker's tree: an object whose keys are all numbers, or whose values are
// two or more objects of the same keys, offers an "every key (~*)" row (like an array's "every item
// (*)") with an "its key (~key)" row under it, so ticking picks `/orders/~*/status` for every entry.
import { buildTree, labelFor, resolvePointer, rowLabel } from '../../client/graph/pointers';

const response = {
	orders: {
		'123': { status: 'shipped', total: 12 },
		'456': { status: 'pending', note: 'gift' },
	},
	customers: { cus_a: { email: 'a@x.io' }, cus_b: { email: 'b@x.io' } },
	usage: { '2024': 12, '2025': 14 },
	customer: { email: 'ana@acme.com', address: { city: 'Lyon' } },
	lone: { '7': { status: 'x' } },
};

const find = (entries: ReturnType<typeof buildTree>, key: string) =>
	entries.find((entry) => entry.key === key)!;

describe('maps keyed by IDs in the tree', () => {
	test('offer "every key (~*)" first, with the key and the union of the values\' fields', () => {
		const orders = find(buildTree(response), 'orders');
		expect(orders.children.map((entry) => [entry.pointer, rowLabel(entry)])).toEqual([
			['/orders/~*', 'every key (~*)'],
			['/orders/123', '123'],
			['/orders/456', '456'],
		]);
		const every = orders.children[0];
		expect(every.wildcard).toBe(true);
		expect(every.children.map((entry) => [entry.pointer, rowLabel(entry), entry.preview])).toEqual([
			['/orders/~*/~key', 'its key (~key)', '"123", "456"'],
			['/orders/~*/status', 'status', '"shipped"'],
			['/orders/~*/total', 'total', '12'],
			['/orders/~*/note', 'note', '"gift"'],
		]);
		// The node resolves what the rows say.
		expect(resolvePointer(response, every.children[0].pointer)).toEqual(['123', '456']);
		expect(resolvePointer(response, every.children[1].pointer)).toEqual(['shipped', 'pending']);
	});

	test('same-shaped values or numeric keys make a map; a record or a single entry does not', () => {
		const tree = buildTree(response);
		expect(find(tree, 'customers').children[0].pointer).toBe('/customers/~*');
		expect(find(tree, 'usage').children[0].pointer).toBe('/usage/~*');
		expect(find(tree, 'customer').children.map((entry) => entry.pointer)).toEqual([
			'/customer/email',
			'/customer/address',
		]);
		expect(find(tree, 'lone').children.map((entry) => entry.pointer)).toEqual(['/lone/7']);
		// A response that is itself a map gets the row at the top.
		expect(buildTree({ '1': { a: 1 }, '2': { a: 2 } })[0].pointer).toBe('/~*');
		expect(resolvePointer({ '1': { a: 1 }, '2': { a: 2 } }, '/~*/~key')).toEqual(['1', '2']);
	});

	test('labels name the key after its map and skip ~*', () => {
		const every = find(buildTree(response), 'orders').children[0];
		const [key, status] = every.children;
		expect(labelFor(key.tokens, key.roles)).toBe('Orders key');
		expect(labelFor(status.tokens, status.roles)).toBe('Status');
		// A typed pointer reads the same.
		expect(labelFor(['orders', '~*', '~key'])).toBe('Orders key');
		expect(labelFor(['orders', '~*', 'status'])).toBe('Status');
	});
});
