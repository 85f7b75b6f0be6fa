// Found by the hostile fuzz run (issue 17.6): a lone UTF-16 surrogate in an attribute placed in the
// URL threw a bare "URI malformed" instead of the named placeholder error.
import { PlaceholderValueError } from '../../../nodes/ApiAction/placeholders';
import { buildRequest } from '../../../nodes/ApiAction/request-builder';

const template = (url: string) => ({ method: 'GET', url, query: [], headers: [] });

describe('a lone surrogate in a URL value', () => {
	it.each([
		['path segment', 'https://api.example.test/customers/{{user.id}}'],
		['query value', 'https://api.example.test/customers?id={{user.id}}'],
	])('in a %s is refused by name', (_where, url) => {
		expect(() => buildRequest(template(url), { user: { id: 'a\ud800b' } })).toThrow(
			PlaceholderValueError,
		);
		expect(() => buildRequest(template(url), { user: { id: 'a\ud800b' } })).toThrow(
			/lone UTF-16 surrogate/,
		);
	});

	it('a surrogate pair (an emoji) is encoded as UTF-8', () => {
		const built = buildRequest(template('https://api.example.test/customers/{{user.id}}'), {
			user: { id: '\u{1F600}' },
		});
		expect(built.url).toBe('https://api.example.test/customers/%F0%9F%98%80');
	});
});
