// A template's test values over the canvas's current ones (client/editor/templateTestValues.ts): the
// customer's identifiers stay, the template's own attributes and question come in, and attributes of
// another example (the electricity template's name and meter type) do not follow into this one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { TemplateInfo } from '../../client/api/types';
import { templateTestValues } from '../../client/editor/templateTestValues';
import { DEFAULT_TEST_VALUES } from '../../client/state/testValues';

const template = (file: string) =>
	({
		workflow: JSON.parse(
			readFileSync(join(__dirname, '../../../templates/workflows', file), 'utf8'),
		),
	}) as unknown as TemplateInfo;

it("the Shopify template's test customer has no electricity attributes", () => {
	const values = templateTestValues(template('shopify-order-status.json'), DEFAULT_TEST_VALUES)!;
	expect(values.user).toEqual({ user_id: 'cus_1001', email: 'ada@example.com' });
	expect(values.message).toEqual({ text: 'Where is my order?' });
});

it("a vendor template adds its signed identifier to the customer's identifiers", () => {
	const values = templateTestValues(template('stripe-subscription.json'), DEFAULT_TEST_VALUES)!;
	expect(values.user).toEqual({
		user_id: 'cus_1001',
		email: 'ada@example.com',
		stripe_customer_id: 'cus_TestCustomer01',
	});
});
