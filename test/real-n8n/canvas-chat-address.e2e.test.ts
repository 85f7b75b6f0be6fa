// The chat address in view (issue 27, point 1), against real n8n 2.40.7: "Set live" answers the Fin
// Trigger's production URL, which is where a signed chat message gets its answer; the open live
// action shows it in headless Chromium with Copy and the request the Messenger backend must send;
// an update keeps it, and a workflow created again in n8n (deleted there) gets a new one, said so.
import { accessibilityViolations } from '../../editor-extension/test/browser/browser';
import { secrets } from '../../real-n8n/apis';
import { sendChat, userHash } from '../../real-n8n/chat';
import { customer } from '../../real-n8n/fixtures';
import { E2eCanvas } from './support/canvas';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { findNode, readTemplate, waitForWebhook, webhookUrl } from './support/workflows';

const session = new E2eSession('canvas-chat-address');
const { step } = session;
const canvas = new E2eCanvas();

beforeAll(async () => {
	await session.open();
	await canvas.start({ browser: true });
}, SESSION_TIMEOUT);
afterAll(async () => {
	await canvas.stop();
	await session.close();
}, 60000);

let workflow: any;
let first: any;

async function deploy(workflowId?: string) {
	const { api, n8n } = session.value;
	const answer = await canvas.call('POST', '/api/deploy', {
		workflow,
		baseUrl: n8n.url,
		apiKey: api.apiKey,
		activate: true,
		...(workflowId ? { workflowId } : {}),
	});
	expect({ status: answer.status, error: answer.json?.error }).toEqual({
		status: 200,
		error: undefined,
	});
	return answer.json;
}

step(
	'"Set live" answers the chat address, and a signed chat message posted there is answered',
	async () => {
		const { api, apis, credentials } = session.value;
		workflow = readTemplate('statuspage-incidents.json');
		findNode(workflow, 'finTrigger').credentials = {
			finMessengerApi: { id: null, name: credentials.finMessengerApi.name },
		};
		findNode(workflow, 'apiAction').parameters.statuspageIncidents_pageUrl = apis.status.url;
		const tested = await canvas.call('POST', '/api/test', {
			workflow,
			testValues: { user: { user_id: customer.user_id }, message: 'Hi' },
		});
		expect(tested.json?.ok).toBe(true);
		first = await deploy();
		const inN8n = await api.apiOk('GET', `/workflows/${first.id}`);
		expect(first.chatUrl).toBe(webhookUrl(session.value.n8n.url, inN8n));
		await waitForWebhook(first.chatUrl);
		const answer = await sendChat(first.chatUrl, {
			text: 'Is your API down?',
			user: { user_id: customer.user_id },
			userHash: userHash(secrets.identityVerification, customer.user_id),
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ actionUsed: true });
	},
);

step(
	'the open live action shows the chat address, copyable, with the request to send',
	async () => {
		const { n8n } = session.value;
		const saved = await canvas.call('POST', '/api/actions', {
			name: 'Incidents',
			workflow,
			deploy: {
				baseUrl: n8n.url,
				workflowId: first.id,
				active: true,
				at: new Date().toISOString(),
				chatUrl: first.chatUrl,
			},
		});
		const context = await canvas.browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
			origin: canvas.url,
		});
		const page = await context.newPage();
		try {
			await page.goto(`${canvas.server.openUrl}#/actions/${saved.json.id}`);
			await page.reload();
			const address = page.getByTestId('live-chat-address-url');
			await address.waitFor();
			expect(await address.inputValue()).toBe(first.chatUrl);
			await page.getByTestId('live-chat-address-copy').click();
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first.chatUrl);
			await page.getByText('The request your Messenger backend sends').click();
			const request = (await page.getByTestId('live-chat-address-request').textContent()) ?? '';
			expect(request).toContain(`POST ${first.chatUrl}`);
			expect(request).toContain('"user_hash"');
			expect(request).toContain('"message"');
			expect(await accessibilityViolations(page)).toEqual([]);
		} finally {
			await context.close();
		}
	},
);

step(
	'an update keeps the chat address; a workflow deleted in n8n and created again gets a new one, said so',
	async () => {
		const { api } = session.value;
		const again = await deploy(first.id);
		expect({ saved: again.saved, chatUrl: again.chatUrl }).toEqual({
			saved: 'updated',
			chatUrl: first.chatUrl,
		});
		await api.apiOk('POST', `/workflows/${first.id}/unpublish`);
		await api.apiOkAfterUnpublish('POST', `/workflows/${first.id}/archive`);
		await api.apiOkAfterUnpublish('DELETE', `/workflows/${first.id}`);
		const recreated = await deploy(first.id);
		expect(recreated.saved).toBe('recreated');
		expect(recreated.chatUrl).not.toBe(first.chatUrl);
		expect(recreated.message).toContain('created it again, with a new chat address');
	},
);

step(
	'in Chromium, Set live after the workflow was deleted in n8n says the chat address changed, naming the old one',
	async () => {
		const context = await canvas.browser.newContext({ viewport: { width: 1440, height: 900 } });
		const page = await context.newPage();
		try {
			const list = await canvas.call('GET', '/api/actions');
			const action = list.json.actions.find((entry: any) => entry.name === 'Incidents');
			await page.goto(`${canvas.server.openUrl}#/actions/${action.id}`);
			await page.reload();
			await page.getByTestId('test-values-view-json').click();
			await page
				.getByTestId('test-values-json')
				.fill(JSON.stringify({ user: { user_id: customer.user_id }, message: { text: 'Hi' } }));
			await page.getByTestId('test-values-json').blur();
			await page.getByTestId('test-response').click();
			await page.getByTestId('toast-success').waitFor({ timeout: 60000 });
			await page.getByTestId('set-live').click();
			await page.getByTestId('deploy-base-url').fill(session.value.n8n.url);
			await page.waitForFunction(() =>
				document
					.querySelector('[data-testid="deploy-key-hint"]')
					?.textContent?.includes('keeps a key for this address'),
			);
			await page.getByTestId('deploy-submit').click();
			const changed = page.getByTestId('deploy-chat-address-changed');
			await changed.waitFor({ timeout: 60000 });
			expect(await changed.textContent()).toContain(`it was ${first.chatUrl}`);
			const now = await page.getByTestId('deploy-chat-address-url').inputValue();
			expect(now).not.toBe(first.chatUrl);
			expect(now).toMatch(/\/webhook\/[\w-]+\/fin$/);
			expect(await accessibilityViolations(page)).toEqual([]);
		} finally {
			await context.close();
		}
	},
);
