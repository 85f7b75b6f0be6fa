// Input/Output as a table and a schema (issue 15).
import { cellText, itemTable, schemaOf } from '../../client/graph/itemViews';

const items = [
	{
		user: { user_id: 'cus_1', email: 'a@example.com', address: {} },
		total_kwh: 12.5,
		daily: [{ day: 'mon', kwh: 1 }],
		tags: ['a', 'b'],
	},
	{ user: { user_id: 'cus_2' }, total_kwh: null, extra: true },
];

it('a table has a row per field path and a column per item', () => {
	const table = itemTable(items);
	expect(table.fields).toEqual([
		'user.user_id',
		'user.email',
		'user.address',
		'total_kwh',
		'daily',
		'tags',
		'extra',
	]);
	expect(table.cells[0]).toEqual(['cus_1', 'cus_2']);
	expect(table.cells[1]).toEqual(['a@example.com', undefined]);
	expect(table.cells[6]).toEqual([undefined, true]);
	expect(cellText(['a', 'b'])).toBe('a, b');
	expect(cellText([{ day: 'mon' }])).toBe('list of 1: [{"day":"mon"}]');
	expect(cellText('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
	expect(itemTable(items, 2)).toMatchObject({ fields: ['user.user_id', 'user.email'], omitted: 5 });
});

it('a schema lists every key with its type, merged over items, lists of objects opened', () => {
	const schema = schemaOf(items);
	expect(schema.map((entry) => [entry.key, entry.kind])).toEqual([
		['user', 'object'],
		['total_kwh', 'number'],
		['daily', 'array'],
		['tags', 'array'],
		['extra', 'boolean'],
	]);
	expect(schema[0].children.map((entry) => entry.path)).toEqual([
		'user.user_id',
		'user.email',
		'user.address',
	]);
	expect(schema[0].children[0].example).toBe('cus_1');
	expect(schema[2].children.map((entry) => [entry.path, entry.kind])).toEqual([
		['daily[*].day', 'string'],
		['daily[*].kwh', 'number'],
	]);
	expect(schema[3].example).toBe('[a, …]');
});
