// Fin Trigger's test address (n8n's /webhook-test/ URL while the editor listens, mode 'manual'): a
// call without proof starts the test run with the Test Values, but its caller, who may be anyone
// who guessed the address, gets only an acknowledgement; the run's data stays in the editor.
import type { IDataObject } from 'n8n-workflow';

import { startWebhookHost, type WebhookHost } from '../../../engine/webhook-host';
import {
	CREDENTIALS,
	finWorkflow,
	Personalize,
	post,
	userHash,
	waitForRuns,
} from '../../fixtures/fin-trigger';

let host: WebhookHost;
async function serve(parameters: IDataObject, mode: 'manual' | 'webhook' = 'manual') {
	host = await startWebhookHost({
		workflow: finWorkflow(parameters),
		credentials: structuredClone(CREDENTIALS),
		extraNodes: [new Personalize()],
		mode,
	});
}
afterEach(async () => host?.close());

const TEST_VALUES = {
	messageText: 'What is my balance?',
	userId: 'test-customer-77',
	email: 'tess.secret@example.com',
	attributes: '{"name":"Tess Secret","plan":"platinum","company":{"name":"SecretCo"}}',
};
const TEST_MARKERS = ['test-customer-77', 'tess.secret@example.com', 'Tess Secret', 'platinum'];

describe('Fin Trigger test address', () => {
	it.each([
		['{} as JSON', {}],
		['an empty body', ''],
	])(
		'a proof-less call (%s) gets only an acknowledgement; the run still happens for the editor',
		async (_name, body) => {
			await serve({ testValues: TEST_VALUES });
			const reply = await post(host.url, body);
			expect(reply.status).toBe(200);
			expect(reply.json).toEqual({
				status: 'test run started',
				message: expect.stringMatching(/editor/),
			});
			for (const marker of TEST_MARKERS) expect(reply.text).not.toContain(marker);
			// The editor shows the run: the test item goes through the workflow after the answer.
			await waitForRuns(host);
			expect(host.executionsStarted).toBe(1);
			const run = host.runs.at(-1)!;
			expect(run.outputs['Fin Trigger'][0][0].json).toMatchObject({
				source: 'test',
				user: { user_id: 'test-customer-77', plan: 'platinum' },
			});
			expect(run.outputs.Personalize[0][0].json).toMatchObject({
				answer: 'Hello Tess Secret: What is my balance?',
				plan: 'platinum',
			});
		},
	);

	it('the acknowledgement is the same with "Respond at once" (202 mode)', async () => {
		await serve({ testValues: TEST_VALUES, responseMode: 'onReceived' });
		const reply = await post(host.url, {});
		expect(reply.json).toMatchObject({ status: 'test run started' });
		for (const marker of TEST_MARKERS) expect(reply.text).not.toContain(marker);
		await host.idle();
	});

	it('a signed call to the test address keeps its normal answer', async () => {
		await serve({ testValues: TEST_VALUES });
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: { user_id: 'u-9', name: 'Ana', user_hash: userHash('u-9') },
		});
		expect(reply.status).toBe(200);
		expect(reply.json).toMatchObject({ answer: 'Hello Ana: hi', verified: true });
	});
});
