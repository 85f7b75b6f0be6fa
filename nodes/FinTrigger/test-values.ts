// Test values: what the node emits for a call without a message on the test URL (the editor's
// "Listen for test event"), so a workflow can be tried without a signed chat message. The item
// says identity.verified: false and source: 'test'. Its attributes are listed as signed (they are
// the admin's own input) but count as signed only in a manual run (nodes/shared/provenance), so a
// test item can try an action in the editor and vouches for nothing in production.
import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { ConversationItem } from '../shared/conversation-item';
import { TEST_SIGNED_ROOTS } from '../shared/provenance';
import { accept, refuse, type Outcome } from './rejection';
import { isPlainRecord, parseJson, sanitizeJson } from '../shared/parse-json';

/**
 * What the caller of the test address gets for a call without proof. Anyone who knows the address
 * can make that call while the editor listens, so the answer carries nothing of the run (the Test
 * Values count as signed there); the admin sees the run in the editor.
 */
export const TEST_RUN_ACKNOWLEDGEMENT = {
	status: 'test run started',
	message:
		'Fin Trigger started a test run with its Test Values: open the execution in the n8n editor to see its data. A call without identity proof gets no data back.',
};

export interface TestValues {
	messageText?: string;
	userId?: string;
	email?: string;
	attributes?: string | IDataObject;
}

export const TEST_DEFAULTS = {
	messageText: 'Hello, where is my order?',
	userId: 'test-user-1',
	email: 'test.user@example.com',
};

export function buildTestItem(values: TestValues, now: Date): Outcome<ConversationItem> {
	let attributes: unknown = values.attributes ?? {};
	if (typeof attributes === 'string') {
		const parsed =
			attributes.trim() === '' ? { ok: true as const, value: {} } : parseJson(attributes);
		attributes = parsed.ok ? parsed.value : undefined;
	} else {
		attributes = sanitizeJson(attributes);
	}
	if (!isPlainRecord(attributes)) {
		return refuse(500, 'test_values_invalid', 'The Test Values attributes are not a JSON object');
	}
	const { company, conversation, ...userAttributes } = attributes;
	return accept({
		message: {
			id: `test-${randomUUID()}`,
			text: values.messageText || TEST_DEFAULTS.messageText,
			createdAt: now.toISOString(),
		},
		user: {
			...(userAttributes as IDataObject),
			user_id: values.userId || TEST_DEFAULTS.userId,
			email: values.email || TEST_DEFAULTS.email,
		},
		company: (isPlainRecord(company) ? company : {}) as IDataObject,
		conversation: (isPlainRecord(conversation) ? conversation : {}) as IDataObject,
		identity: { verified: false, method: 'none', kind: 'user', signed: [...TEST_SIGNED_ROOTS] },
		source: 'test',
	});
}
