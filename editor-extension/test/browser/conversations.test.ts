// The Logs view's "Agent conversations" in real headless Chromium, without an n8n: reached by
// keyboard from an action's Logs, it says plainly that no agent is deployed yet and what to do, and
// passes axe. With a real n8n and its executions, the rows, filters and "See logs" are checked end
// to end (test/real-n8n/agent-conversations.e2e.test.ts).
import { openCanvas, accessibilityViolations, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas({ home: true });
});
afterAll(async () => {
	await session?.close();
});

test('with no agent deployed, the conversations view says so and what to do, by keyboard and accessibly', async () => {
	const { page, server } = session;
	// A live action whose n8n (port 9: nothing listens) has no agent and no kept key.
	const created = await page.evaluate(
		async ({ token }) => {
			const answer = await fetch('/api/actions', {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-canvas-token': token },
				body: JSON.stringify({
					name: 'Order status',
					workflow: { name: 'Order status', nodes: [], connections: {} },
					deploy: {
						baseUrl: 'http://127.0.0.1:9',
						workflowId: 'w1',
						active: true,
						at: new Date(0).toISOString(),
					},
				}),
			});
			return (await answer.json()) as { id: string };
		},
		{ token: server.token },
	);
	await page.goto(`${server.url}/#/actions/${created.id}/logs`);
	await page.getByTestId('logs-error').waitFor();
	// Heading, Refresh, "Runs of this action", "Agent conversations".
	for (let tab = 0; tab < 3; tab++) await page.keyboard.press('Tab');
	expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText)).toBe(
		'Agent conversations',
	);
	await page.keyboard.press('Enter');
	const error = page.getByTestId('conversations-error');
	await error.waitFor();
	expect(await error.getAttribute('role')).toBe('alert');
	const text = await error.innerText();
	expect(text).toContain('No agent is deployed in any n8n yet, so there are no conversations');
	expect(text).toContain('Set an action live there: the canvas builds the agent');
	expect(await page.getByTestId('logs-view-conversations').getAttribute('aria-pressed')).toBe(
		'true',
	);
	// The filters are labelled form fields, reached by keyboard.
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
		'conversations-customer',
	);
	expect(await accessibilityViolations(page)).toEqual([]);
	await screenshot(page, '70-conversations-no-agent');
	expect(session.pageErrors).toEqual([]);
});
