// Test values as rows or JSON (issue 15): typed rows round-trip, every invalid edit is named.
import {
	objectOfRows,
	parseTestValuesJson,
	rowsOf,
	type AttributeRow,
} from '../../client/state/testValues';

it('rows keep each value its JSON type', () => {
	const user = { user_id: 'cus_1', age: 40, vip: false, tags: ['a'], address: { city: 'Oslo' } };
	const rows = rowsOf(user);
	expect(rows.map((row) => row.type)).toEqual(['text', 'number', 'boolean', 'json', 'json']);
	expect(objectOfRows('user', rows)).toEqual({ ok: true, value: user });
});

it('blank rows are ignored; a name-less value, a duplicate, a non-number and bad JSON are named', () => {
	const row = (name: string, value: string, type: AttributeRow['type'] = 'text') => ({
		name,
		value,
		type,
	});
	expect(objectOfRows('user', [row('', '')])).toEqual({ ok: true, value: {} });
	const errorOf = (rows: AttributeRow[]) => {
		const parsed = objectOfRows('user', rows);
		return parsed.ok ? undefined : parsed.error;
	};
	expect(errorOf([row('', 'x')])).toBe('user, row 1: a value without a name');
	expect(errorOf([row('plan', 'a'), row(' plan', 'b')])).toBe(
		'user: two attributes are named “plan”',
	);
	expect(errorOf([row('age', 'forty', 'number')])).toBe('user.age: “forty” is not a number');
	expect(errorOf([row('age', '', 'number')])).toBe('user.age: “” is not a number');
	expect(errorOf([row('tags', '[1,', 'json')])).toMatch(/^user\.tags: not valid JSON: /);
});

it('the JSON view takes one object of user, company, conversation and message', () => {
	expect(parseTestValuesJson('{"user": {"user_id": "a"}, "message": "Hi"}')).toEqual({
		ok: true,
		value: { user: { user_id: 'a' }, company: {}, conversation: {}, message: { text: 'Hi' } },
	});
	const errorOf = (text: string) => {
		const parsed = parseTestValuesJson(text);
		return parsed.ok ? undefined : parsed.error;
	};
	expect(errorOf('{"user": ')).toMatch(/^not valid JSON: /);
	expect(errorOf('[]')).toMatch(/must be an object/);
	expect(errorOf('{"user": "cus_1"}')).toBe('“user” must be an object of attributes');
	expect(errorOf('{"users": {}}')).toMatch(/unknown part “users”/);
	expect(errorOf('{"message": 3}')).toMatch(/“message” must be a text/);
});
