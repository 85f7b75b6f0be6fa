// Placeholder help (issue 15): attributes offered after `{{`, completion, and the URL preview made by
// the node's own request builder.
import {
	attributePaths,
	complete,
	declaredInputPaths,
	openPlaceholder,
	previewUrl,
	suggest,
	templateFieldPreviews,
} from '../../client/graph/placeholderHelp';

const values = {
	user: { user_id: 'cus 1/2', email: 'a@example.com', address: { city: 'Oslo' } },
	company: { plan: 'pro' },
	conversation: {},
	message: { text: 'Hi' },
};

it('offers the test values attributes, filtered by what is typed after {{', () => {
	const paths = attributePaths(values);
	expect(paths).toEqual([
		'user.user_id',
		'user.email',
		'user.address.city',
		'company.plan',
		'message.text',
	]);
	expect(openPlaceholder('https://x/{{us', 14)).toEqual({ start: 10, query: 'us' });
	expect(openPlaceholder('https://x/{{user.email}}/', 25)).toBeUndefined();
	expect(suggest(paths, 'user.e')).toEqual(['user.email']);
	expect(suggest(paths, 'plan')).toEqual(['company.plan']);
});

it('completes the placeholder at the caret', () => {
	expect(complete('https://x/{{us/usage', 14, 'user.user_id')).toEqual({
		text: 'https://x/{{user.user_id}}/usage',
		caret: 26,
	});
	expect(complete('a {{user.em}} b', 11, 'user.email').text).toBe('a {{user.email}} b');
});

it('previews the URL as the node would call it, encoded, or names what is missing', () => {
	expect(
		previewUrl('https://api.example.com/c/{{user.user_id}}?plan={{company.plan}}', values),
	).toEqual({
		ok: true,
		url: 'https://api.example.com/c/cus%201%2F2?plan=pro',
	});
	const missing = previewUrl('https://api.example.com/c/{{user.meter}}', values);
	expect(missing.ok).toBe(false);
	expect(!missing.ok && missing.problem).toMatch(/"user.meter"/);
	const host = previewUrl('https://{{user.user_id}}.example.com/', values);
	expect(!host.ok && host.problem).toMatch(/not allowed in the scheme, host or port/);
});

it('offers the AI inputs the node declares as {{input.<name>}}', () => {
	expect(
		declaredInputPaths({
			aiInputs: {
				input: [
					{ argument: "={{ $fromAI('order_number', 'The order number', 'string') }}" },
					{ argument: '={{ $fromAI("status", "open or closed") }}' },
					{ argument: 'not a $fromAI call' },
				],
			},
		}),
	).toEqual(['input.order_number', 'input.status']);
	expect(declaredInputPaths({})).toEqual([]);
});

it("previews a template's URL, query included, under its address field as typed", () => {
	const previews = templateFieldPreviews(
		{ template: 'shopifyOrderStatus', shopifyOrderStatus_apiVersion: '2025-07' },
		values,
	);
	expect(Object.keys(previews)).toEqual(['shopifyOrderStatus_shopUrl']);
	const shop = previews.shopifyOrderStatus_shopUrl('https://acme.myshopify.com/');
	expect(shop.ok && shop.url).toMatch(
		/^https:\/\/acme\.myshopify\.com\/admin\/api\/2025-07\/orders\.json\?email=a%40example\.com&status=any/,
	);
	const older = templateFieldPreviews(
		{ template: 'shopifyOrderStatus', shopifyOrderStatus_apiVersion: '2024-01' },
		values,
	).shopifyOrderStatus_shopUrl('https://acme.myshopify.com');
	expect(older.ok && older.url).toContain('https://acme.myshopify.com/admin/api/2024-01/');
	expect(previews.shopifyOrderStatus_shopUrl('{{user.email}}')).toEqual({
		ok: false,
		problem: expect.stringContaining('must not contain placeholders'),
	});
	expect(templateFieldPreviews({ template: 'custom' }, values)).toEqual({});
});
