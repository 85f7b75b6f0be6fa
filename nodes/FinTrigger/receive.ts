// What Fin Trigger does with one request, as named steps: the content type, the settings, the
// bytes (size, and Intercom's signature over them), the JSON body, then the item of its source.
// Every refusal is an Outcome answered by the node (rejection.ts) and starts no execution.
import type { IWebhookFunctions } from 'n8n-workflow';

import type { ConversationItem } from '../shared/conversation-item';
import { checkBodySize, rawBodyOf, type WebhookRequest } from './http/body-limits';
import { checkContentType } from './http/content-type';
import { readJsonBody } from './http/json-body';
import { accept, refuse, type Outcome } from './rejection';
import { readSettings, type TriggerSettings } from './settings';
import { checkIntercomBytes, receiveIntercom } from './sources/intercom';
import { receiveMessenger } from './sources/messenger';
import { buildTestItem, type TestValues } from './test-values';

export type Received =
	{ kind: 'item'; item: ConversationItem } | { kind: 'ignored' | 'duplicate' | 'expired' };

/** The bytes as they arrived (undefined when the host kept none), within the size limit. */
async function readRawBody(
	request: WebhookRequest,
	maxBodyKb: number,
): Promise<Outcome<Buffer | undefined>> {
	const raw = await rawBodyOf(request);
	const size = raw ? raw.length : Buffer.byteLength(JSON.stringify(request.body ?? {}) ?? '');
	const sizeCheck = checkBodySize(size, maxBodyKb);
	return sizeCheck.ok ? accept(raw) : sizeCheck;
}

/** An empty body: in a test run, the item of the node's Test Values; otherwise refused. */
function testItem(context: IWebhookFunctions, settings: TriggerSettings): Outcome<Received> {
	if (!settings.isTestRun) return refuse(400, 'empty_body', 'The request body is empty');
	const testValues = context.getNodeParameter('testValues', {}) as TestValues;
	const test = buildTestItem(testValues, settings.now);
	return test.ok ? accept({ kind: 'item', item: test.value }) : test;
}

export async function receive(context: IWebhookFunctions): Promise<Outcome<Received>> {
	const request = context.getRequestObject() as WebhookRequest;
	// Before anything else: nothing of a non-JSON request is read (see content-type.ts).
	const contentType = checkContentType(request.headers['content-type']);
	if (!contentType.ok) return contentType;
	const settings = readSettings(context);
	if (!settings.ok) return settings;
	const raw = await readRawBody(request, settings.value.maxBodyKb);
	if (!raw.ok) return raw;
	if (settings.value.isIntercom) {
		const signature = await checkIntercomBytes(context, settings.value, request, raw.value);
		if (!signature.ok) return signature;
	}
	const body = readJsonBody(raw.value, request.body);
	if (!body.ok) return body;
	if (body.value === undefined || Object.keys(body.value).length === 0)
		return testItem(context, settings.value);
	return settings.value.isIntercom
		? receiveIntercom(context, settings.value, body.value)
		: await receiveMessenger(context, settings.value, body.value, request);
}
