// Environments (issue 27, point 2) against real n8n 2.40.7: one deployment per n8n address per action.
// The same n8n reached at two addresses stands for staging and production. Staging, then production,
// then staging again leaves two workflows (the staging one updated in place), the action lists both,
// and the second deploy to an address needs no API key typed: the one kept for that address is used.
import { accessibilityViolations } from '../../editor-extension/test/browser/browser';
import { customer } from '../../real-n8n/fixtures';
import { E2eCanvas } from './support/canvas';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { findNode, readTemplate } from './support/workflows';

const session = new E2eSession('canvas-environments');
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
let actionId = '';
const staging = () => session.value.n8n.url;
const production = () => session.value.n8n.url.replace('127.0.0.1', 'localhost');

function deploy(baseUrl: string, apiKey: string) {
	return canvas.call('POST', '/api/deploy', {
		workflow,
		baseUrl,
		apiKey,
		activate: true,
		actionId,
	});
}

/** The workflows n8n has under the action's name. */
async function workflowsNamed(name: string): Promise<string[]> {
	const list = await session.value.api.apiOk('GET', '/workflows?limit=250');
	return (list.data as Array<{ id: string; name: string }>)
		.filter((entry) => entry.name === name)
		.map((entry) => entry.id)
		.sort();
}

step(
	'staging, production, staging again: two workflows, the staging one updated in place with the kept key',
	async () => {
		const { api, apis, credentials } = session.value;
		workflow = readTemplate('statuspage-incidents.json');
		workflow.name = 'Incidents (environments)';
		findNode(workflow, 'finTrigger').credentials = {
			finMessengerApi: { id: null, name: credentials.finMessengerApi.name },
		};
		findNode(workflow, 'apiAction').parameters.statuspageIncidents_pageUrl = apis.status.url;
		const tested = await canvas.call('POST', '/api/test', {
			workflow,
			testValues: { user: { user_id: customer.user_id }, message: 'Hi' },
		});
		expect(tested.json?.ok).toBe(true);
		const created = await canvas.call('POST', '/api/actions', { name: workflow.name, workflow });
		actionId = created.json.id;

		const first = await deploy(staging(), api.apiKey);
		expect({ status: first.status, saved: first.json?.saved }).toEqual({
			status: 200,
			saved: 'created',
		});
		const second = await deploy(production(), api.apiKey);
		expect({ status: second.status, saved: second.json?.saved }).toEqual({
			status: 200,
			saved: 'created',
		});
		// Back to staging, with no key typed: the key kept for that address, the workflow there updated.
		const third = await deploy(staging(), '');
		expect({ status: third.status, error: third.json?.error, saved: third.json?.saved }).toEqual({
			status: 200,
			error: undefined,
			saved: 'updated',
		});
		expect(third.json.id).toBe(first.json.id);
		expect(await workflowsNamed(workflow.name)).toEqual([first.json.id, second.json.id].sort());

		const action = await canvas.call('GET', `/api/actions/${actionId}`);
		expect(action.json.deployments).toEqual({
			[staging()]: expect.objectContaining({ workflowId: first.json.id, active: true }),
			[production()]: expect.objectContaining({ workflowId: second.json.id, active: true }),
		});
		expect(action.text).not.toContain(api.apiKey);
	},
);

step(
	'an address with no key kept and none typed is refused, naming the address and what to do',
	async () => {
		const refused = await deploy('http://127.0.0.1:9', '');
		expect(refused.status).toBe(400);
		expect(refused.json.error).toBe(
			'The n8n API key is missing, and none is kept for http://127.0.0.1:9',
		);
		expect(refused.json.hint).toContain('Settings > n8n API');
		const kept = await canvas.call('GET', `/api/n8n-key?baseUrl=${encodeURIComponent(staging())}`);
		expect(kept.json).toEqual({ baseUrl: staging(), kept: true });
	},
);

step('one deployment is taken down (production), the other stays published (staging)', async () => {
	const { api } = session.value;
	const action = await canvas.call('GET', `/api/actions/${actionId}`);
	const { [staging()]: atStaging, [production()]: atProduction } = action.json.deployments;
	const down = await canvas.call('POST', `/api/actions/${actionId}/draft`, {
		baseUrl: production(),
	});
	expect({ status: down.status, error: down.json?.error }).toEqual({
		status: 200,
		error: undefined,
	});
	expect((await api.apiOk('GET', `/workflows/${atProduction.workflowId}`)).active).toBe(false);
	expect((await api.apiOk('GET', `/workflows/${atStaging.workflowId}`)).active).toBe(true);
	const after = await canvas.call('GET', `/api/actions/${actionId}`);
	expect(after.json.deployments[production()].active).toBe(false);
	expect(after.json.deployments[staging()].active).toBe(true);
	expect(after.json.state).toBe('live');
});

step(
	'in Chromium, the Set live dialog lists the deployments, uses the kept key, and takes one down',
	async () => {
		const page = await canvas.browser.newPage({ viewport: { width: 1440, height: 900 } });
		try {
			await page.goto(`${canvas.server.openUrl}#/actions/${actionId}`);
			await page.reload();
			await page.getByTestId('test-values-view-json').click();
			await page
				.getByTestId('test-values-json')
				.fill(JSON.stringify({ user: { user_id: customer.user_id }, message: { text: 'Hi' } }));
			await page.getByTestId('test-values-json').blur();
			await page.getByTestId('test-response').click();
			await page.getByTestId('toast-success').waitFor({ timeout: 60000 });
			await page.getByTestId('set-live').click();
			await page.getByTestId('deploy-base-url').fill(staging());
			const targets = page.getByTestId('deploy-targets');
			await targets.waitFor();
			expect(await targets.locator('li').count()).toBe(2);
			expect(await targets.textContent()).toContain(`${staging()}: workflow`);
			expect(await targets.textContent()).toContain('not published');
			await page.waitForFunction(() =>
				document
					.querySelector('[data-testid="deploy-key-hint"]')
					?.textContent?.includes('keeps a key for this address'),
			);
			// No key typed: the kept one is used, so the dialog lets it go.
			expect(await page.getByTestId('deploy-submit').isEnabled()).toBe(true);
			expect(await accessibilityViolations(page)).toEqual([]);
			await page.getByTestId('deploy-take-down').click();
			await page.waitForFunction(
				() => !document.querySelector('[data-testid="deploy-take-down"]'),
				undefined,
				{ timeout: 30000 },
			);
			const action = await canvas.call('GET', `/api/actions/${actionId}`);
			expect(action.json.deployments[staging()].active).toBe(false);
		} finally {
			await page.close();
		}
	},
);
