// The attributes a test run pretends the chat message came with (kept in the browser between visits).
import type { TestValues } from '../api/types';

const KEY = 'fin-canvas.testValues';

/** A customer the demo backend knows (usage of cus_1001, Shopify orders of ada@example.com). */
export const DEFAULT_TEST_VALUES: TestValues = {
	user: {
		user_id: 'cus_1001',
		email: 'ada@example.com',
		name: 'Ada Lovelace',
		plan: 'pro',
		meter_type: 'smart',
	},
	company: { company_id: 'acme', name: 'Acme Energy', plan: 'enterprise' },
	conversation: { id: 'conv_1', channel: 'messenger' },
	message: { text: 'How much electricity did I use this week?' },
};

export function loadTestValues(): TestValues {
	try {
		const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as TestValues | null;
		if (saved && typeof saved === 'object') return { ...DEFAULT_TEST_VALUES, ...saved };
	} catch {
		// Broken or unavailable storage: start from the defaults.
	}
	return DEFAULT_TEST_VALUES;
}

export function saveTestValues(values: TestValues) {
	try {
		localStorage.setItem(KEY, JSON.stringify(values));
	} catch {
		// Private mode: values live for this page only.
	}
}
