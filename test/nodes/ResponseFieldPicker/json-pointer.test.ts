// The picker's own RFC 6901 implementation, on the RFC's example document (section 5), plus the
// `*` extension.
import {
	compilePointer,
	parsePointer,
	pointerProblem,
	resolvePointer,
} from '../../../nodes/shared/json-pointer';

const rfcDocument = {
	foo: ['bar', 'baz'],
	'': 0,
	'a/b': 1,
	'c%d': 2,
	'e^f': 3,
	'g|h': 4,
	'i\\j': 5,
	'k"l': 6,
	' ': 7,
	'm~n': 8,
};

const get = (document: unknown, pointer: string) =>
	resolvePointer(document, parsePointer(pointer)).values;

describe('JSON pointer', () => {
	it.each([
		['', [rfcDocument]],
		['/foo', [['bar', 'baz']]],
		['/foo/0', ['bar']],
		['/', [0]],
		['/a~1b', [1]],
		['/c%d', [2]],
		['/e^f', [3]],
		['/g|h', [4]],
		['/i\\j', [5]],
		['/k"l', [6]],
		['/ ', [7]],
		['/m~0n', [8]],
	])('resolves the RFC 6901 example %j', (pointer, expected) => {
		expect(get(rfcDocument, pointer)).toEqual(expected);
	});

	it('unescapes ~1 before ~0, so ~01 is the key "~1"', () => {
		expect(parsePointer('/~01')).toEqual([{ key: '~1', wildcard: false }]);
		expect(get({ '~1': 'right', '/': 'wrong' }, '/~01')).toEqual(['right']);
	});

	it('reads array indexes strictly: no leading zeros, no "-", nothing past the end', () => {
		const document = { list: ['a', 'b'] };
		expect(get(document, '/list/1')).toEqual(['b']);
		expect(get(document, '/list/01')).toEqual([]);
		expect(get(document, '/list/-')).toEqual([]);
		expect(get(document, '/list/2')).toEqual([]);
		expect(get({ list: { '01': 'object key' } }, '/list/01')).toEqual(['object key']);
	});

	it('expands * over arrays (flattening arrays of arrays) and reads it as a key on objects', () => {
		expect(get({ rows: [[1, 2], [3], []] }, '/rows/*/*')).toEqual([1, 2, 3]);
		expect(resolvePointer({ rows: [] }, parsePointer('/rows/*')).many).toBe(true);
		expect(resolvePointer({ '*': 'star' }, parsePointer('/*'))).toEqual({
			values: ['star'],
			many: false,
		});
	});

	it('expands ~* over every own value of an object, in key order, and ~key gives its key', () => {
		const document = { orders: { '456': { s: 'b' }, '123': { s: 'a' } } };
		expect(resolvePointer(document, parsePointer('/orders/~*/s'))).toEqual({
			values: ['a', 'b'],
			many: true,
		});
		expect(get(document, '/orders/~*/~key')).toEqual(['123', '456']);
		expect(get({ list: ['x', 'y'] }, '/list/~*/~key')).toEqual(['0', '1']);
		expect(get({ m: 'text' }, '/m/~*')).toEqual([]);
		expect(get({ '~*': 1 }, '/~0*')).toEqual([1]);
	});

	it('keeps nulls it reaches and follows only own properties', () => {
		expect(get({ a: null }, '/a')).toEqual([null]);
		expect(get({ a: null }, '/a/b')).toEqual([]);
		expect(get({}, '/constructor')).toEqual([]);
		expect(get({}, '/__proto__')).toEqual([]);
		expect(get('text', '/0')).toEqual([]);
	});

	it.each([
		['a/b', /must be empty \(the whole response\) or start with "\/"/],
		['/a~', /"~" at character 3 is not an escape/],
		['/a~2', /"~2" at character 3 is not an escape/],
		['#/a%20b', /write "\/a b" instead/],
		['/a~*b', /"~\*" at character 3 is not an escape/],
		['/a/~key/b', /"~key" at character 4 must come right after "~\*"/],
		['/m/~*/~key/~key', /"~key" at character 12 must come right after "~\*"/],
		['/~key', /"~key" at character 2 must come right after "~\*"/],
		['/~*/a~x', /"~x" at character 6 is not an escape/],
		['/orders/~*/~key/b~2', /"~2" at character 18 is not an escape/],
	])('explains what is wrong with %j', (pointer, message) => {
		expect(pointerProblem(pointer)).toMatch(message);
		expect(() => parsePointer(pointer)).toThrow(message);
	});

	// Pinned for both callers (the canvas resolves picks with this module too, see
	// editor-extension/test/graph/pointers.test.ts).
	it('follows own keys only: "/orders/length" selects nothing', () => {
		expect(get({ orders: [1, 2] }, '/orders/length')).toEqual([]);
		expect(get({ name: 'ab' }, '/name/length')).toEqual([]);
	});

	it('refuses a lone "~" ("/a~")', () => {
		expect(pointerProblem('/a~')).toMatch(/"~" at character 3 is not an escape/);
		expect(() => parsePointer('/a~')).toThrow(/malformed/);
	});

	it('compiles tokens back into the pointer they were parsed from', () => {
		for (const pointer of ['', '/', '/a~1b/~0x', '/orders/*/name', '/~01'])
			expect(compilePointer(parsePointer(pointer).map((token) => token.key))).toBe(pointer);
	});
});
