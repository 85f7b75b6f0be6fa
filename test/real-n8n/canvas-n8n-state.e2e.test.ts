// The canvas reads a live action's state back from real n8n 2.40.7 (issue 27, point 3): unpublished
// or deleted in n8n's own API, the canvas server says so (POST /api/actions/:id/n8n-state, and for
// every deployed action when the home list loads or "Check n8n" is pressed), and the home page in
// headless Chromium shows "Unpublished in n8n" / "Deleted in n8n" instead of "Live in n8n".
import { customer } from '../../real-n8n/fixtures';
import { E2eCanvas } from './support/canvas';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { findNode, readTemplate } from './support/workflows';

const session = new E2eSession('canvas-n8n-state');
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

/** The home page's state pill of the action, as Chromium shows it after the page loaded. */
async function homeState(actionId: string): Promise<string> {
	const page = await canvas.browser.newPage();
	try {
		await page.goto(canvas.server.openUrl);
		const pill = page.getByTestId(`action-row-${actionId}`).getByTestId('action-state');
		// The list shows at once, then as n8n has it: wait for the check to finish.
		await page.getByTestId('check-n8n').waitFor();
		await page.waitForFunction(
			() => !(document.querySelector('[data-testid="check-n8n"]') as HTMLButtonElement)?.disabled,
		);
		return ((await pill.textContent()) ?? '').trim();
	} finally {
		await page.close();
	}
}

let actionId = '';
let workflowId = '';

step('a deployed action is live in n8n, and the canvas says so after asking n8n', async () => {
	const { api, apis, credentials, n8n } = session.value;
	const workflow = readTemplate('statuspage-incidents.json');
	findNode(workflow, 'finTrigger').credentials = {
		finMessengerApi: { id: null, name: credentials.finMessengerApi.name },
	};
	findNode(workflow, 'apiAction').parameters.statuspageIncidents_pageUrl = apis.status.url;
	const tested = await canvas.call('POST', '/api/test', {
		workflow,
		testValues: { user: { user_id: customer.user_id }, message: 'Hi' },
	});
	expect(tested.json?.ok).toBe(true);
	const deployed = await canvas.call('POST', '/api/deploy', {
		workflow,
		baseUrl: n8n.url,
		apiKey: api.apiKey,
		activate: true,
	});
	expect({ status: deployed.status, active: deployed.json?.active }).toEqual({
		status: 200,
		active: true,
	});
	workflowId = deployed.json.id;
	// What the page's autosave keeps after "Set live".
	const saved = await canvas.call('POST', '/api/actions', {
		name: 'Incidents',
		workflow,
		deploy: { baseUrl: n8n.url, workflowId, active: true, at: new Date().toISOString() },
	});
	actionId = saved.json.id;
	const checked = await canvas.call('POST', `/api/actions/${actionId}/n8n-state`);
	expect(checked.status).toBe(200);
	expect(checked.json).toMatchObject({ state: 'live', n8n: { state: 'live', workflowId } });
	expect(checked.text).not.toContain(api.apiKey);
	expect(await homeState(actionId)).toBe('Live in n8n');
});

step('unpublished in n8n: the action and the home list say "Unpublished in n8n"', async () => {
	const { api } = session.value;
	await api.apiOk('POST', `/workflows/${workflowId}/unpublish`);
	const checked = await canvas.call('POST', `/api/actions/${actionId}/n8n-state`);
	expect(checked.json).toMatchObject({
		state: 'unpublished',
		deploy: { active: false, workflowId },
		n8n: { state: 'unpublished' },
	});
	expect(await homeState(actionId)).toBe('Unpublished in n8n');
	// Opened, the action is no longer live: "Set live" publishes it again, in the same workflow.
	const opened = await canvas.call('GET', `/api/actions/${actionId}`);
	expect(opened.json.deploy).toMatchObject({ active: false, workflowId });
});

step(
	'opened after it was published again in n8n, the action follows n8n: live, with Back to draft',
	async () => {
		const { api } = session.value;
		await api.apiOkAfterUnpublish('POST', `/workflows/${workflowId}/activate`);
		const page = await canvas.browser.newPage();
		try {
			await page.goto(`${canvas.server.openUrl}#/actions/${actionId}`);
			await page.reload();
			await page.getByTestId('set-live').waitFor();
			// The store still says "not live" (the last check); opening the action asks n8n again.
			await page.getByTestId('back-to-draft').waitFor({ timeout: 30000 });
		} finally {
			await page.close();
		}
		const opened = await canvas.call('GET', `/api/actions/${actionId}`);
		expect(opened.json.deploy).toMatchObject({ active: true, workflowId });
		await api.apiOk('POST', `/workflows/${workflowId}/unpublish`);
	},
);

step('deleted in n8n: the home list says "Deleted in n8n" (asked when it loads)', async () => {
	const { api } = session.value;
	await api.apiOkAfterUnpublish('POST', `/workflows/${workflowId}/archive`);
	await api.apiOkAfterUnpublish('DELETE', `/workflows/${workflowId}`);
	expect(await homeState(actionId)).toBe('Deleted in n8n');
	const list = await canvas.call('GET', '/api/actions');
	expect(list.json.actions).toContainEqual(
		expect.objectContaining({ id: actionId, state: 'deleted' }),
	);
});

step(
	'with no API key kept for an address, the state is unknown with the reason, not a guess',
	async () => {
		const { n8n } = session.value;
		const other = await canvas.call('POST', '/api/actions', {
			name: 'Elsewhere',
			workflow: readTemplate('statuspage-incidents.json'),
			deploy: {
				baseUrl: 'http://127.0.0.1:9',
				workflowId: 'abc',
				active: true,
				at: new Date().toISOString(),
			},
		});
		const checked = await canvas.call('POST', `/api/actions/${other.json.id}/n8n-state`);
		expect(checked.json).toMatchObject({
			state: 'live',
			n8n: { state: 'unknown', reason: expect.stringContaining('no n8n API key') },
		});
		expect(n8n.url).not.toBe('http://127.0.0.1:9');
	},
);
