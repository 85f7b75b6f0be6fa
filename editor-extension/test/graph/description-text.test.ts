import { descriptionText } from '../../client/graph/descriptionText';

describe('descriptions shown as text', () => {
	test('the entities n8n descriptions use are decoded once', () => {
		expect(descriptionText('{{input.&lt;name&gt;}} &amp;lt;')).toBe('{{input.<name>}} &lt;');
		expect(descriptionText('no entities: a < b')).toBe('no entities: a < b');
	});
});
