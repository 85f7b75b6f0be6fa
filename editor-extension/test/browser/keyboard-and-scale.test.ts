// Keyboard use and large graphs in real Chromium: Tab walks through the page (never captured), canvas
// nodes are reached and opened by keyboard, a dialog takes the focus and gives it back; 200 nodes
// render, fit on screen, and pass axe-core like every other screen.
import { measureCanvas } from '../../bench/canvas-200';
import type { Page } from 'playwright-core';

import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

/**
 * In flow coordinates: where each drawn dot meets its connection (React Flow's rule: the middle of the
 * dot's outer side), where each drawn connection starts and ends, and the ends on no dot.
 */
async function connectionEnds(page: Page) {
	const found = (await page.evaluate(`(() => {
		const viewport = document.querySelector('.react-flow__viewport');
		const [, , , , tx, ty] = getComputedStyle(viewport).transform.match(/-?[\\d.e]+/g).map(Number);
		const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
		const pane = document.querySelector('.react-flow').getBoundingClientRect();
		const flow = (x, y) => [(x - pane.left - tx) / zoom, (y - pane.top - ty) / zoom];
		const dots = [...document.querySelectorAll('.react-flow__handle')].map((dot) => {
			const box = dot.getBoundingClientRect();
			const source = dot.classList.contains('source');
			return { source, at: flow(source ? box.right : box.left, box.top + box.height / 2) };
		});
		const ends = [...document.querySelectorAll('.react-flow__edge-path')].map((path) => {
			const numbers = path.getAttribute('d').match(/-?[\\d.]+/g).map(Number);
			return { from: numbers.slice(0, 2), to: numbers.slice(-2), d: path.getAttribute('d') };
		});
		return { dots, ends };
	})()`)) as {
		dots: Array<{ source: boolean; at: [number, number] }>;
		ends: Array<{ from: [number, number]; to: [number, number]; d: string }>;
	};
	const onDot = (point: [number, number], source: boolean) =>
		found.dots.some((dot) => dot.source === source && near(dot.at, point));
	return {
		...found,
		offDots: found.ends.filter((end) => !onDot(end.from, true) || !onDot(end.to, false)),
	};
}

const near = (a: number[], b: number[]) =>
	a.length === b.length && a.every((value, index) => Math.abs(value - b[index]) < 0.6);

/** The numbers of each curve in a path, sorted, to compare drawings made in a different order. */
const curves = (paths: string[]) =>
	paths
		.flatMap((d) => d.split(/(?=M)/))
		.map((curve) => curve.match(/-?[\d.]+/g)!.map(Number))
		.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

const P = 'n8n-nodes-fin-actions';
const node = (id: string, name: string, type: string, x: number) => ({
	id,
	name,
	type,
	typeVersion: 1,
	position: [x, (x / 3) % 200],
	parameters: {},
});
const to = (name: string) => [{ node: name, type: 'main', index: 0 }];
/** Six nodes, one of each kind the canvas draws, five connections. */
const DOTS = {
	name: 'Dots',
	nodes: [
		{ ...node('t', 'Trigger', `${P}.finTrigger`, 0), webhookId: 'dots' },
		node('a', 'Audience', `${P}.audienceFilter`, 300),
		node('b', 'Action', `${P}.apiAction`, 600),
		node('c', 'Picker', `${P}.responseFieldPicker`, 600),
		node('d', 'Set', 'n8n-nodes-base.set', 900),
		node('e', 'Other', 'n8n-nodes-base.somethingUnknown', 900),
	],
	connections: {
		Trigger: { main: [to('Audience')] },
		Audience: { main: [to('Action'), to('Picker')] },
		Action: { main: [to('Set')] },
		Picker: { main: [to('Other')] },
	},
};

async function importWorkflow(page: Page, workflow: unknown) {
	await page.getByTestId('open-import').click();
	await page.getByTestId('import-text').fill(JSON.stringify(workflow));
	await page.getByTestId('import-submit').click();
}

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

test('every connection starts and ends on a dot the page draws (React Flow is told the dots up front)', async () => {
	const { page } = session;
	await importWorkflow(page, DOTS);
	await expect(page.locator('.react-flow__edge-path')).toHaveCount(5);
	// Selecting every node hands React Flow new node objects: it then places the connections by the
	// dots it was told (a first render of a graph does the same), not by ones it measured.
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await page.keyboard.press('Control+a');
	await expect(page.locator('.react-flow__node.selected')).toHaveCount(6);
	await page.waitForTimeout(500);
	const found = await connectionEnds(page);
	expect(found.ends).toHaveLength(5);
	expect(found.offDots).toEqual([]);
	await screenshot(page, '21-dots-and-connections');
});

test('zoomed far out a node is its box and the connections one drawing of the same curves, each reached by Tab; zoomed back in, every connection ends on a dot again', async () => {
	const { page } = session;
	await importWorkflow(page, DOTS);
	await page.keyboard.press('Escape');
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await page.keyboard.press('0');
	await expect(page.locator('.fin-node__label')).toHaveCount(6);
	const zoomedIn = await connectionEnds(page);
	expect(zoomedIn.ends).toHaveLength(5);
	// Below 30 % (nodeDetail.ts): boxes only, no dots, React Flow's connections replaced by one path.
	for (let press = 0; press < 8; press++) {
		await page.keyboard.press('-');
		await page.waitForTimeout(200);
	}
	await expect(page.locator('.fin-node__label')).toHaveCount(0);
	await expect(page.locator('.react-flow__handle')).toHaveCount(0);
	await expect(page.locator('.react-flow__edge-path')).toHaveCount(0);
	await expect(page.locator('.react-flow__node')).toHaveCount(6);
	const overview = page.getByTestId('connections-overview').locator('path');
	const far = curves(
		await overview.evaluateAll((paths) => paths.map((path) => path.getAttribute('d') ?? '')),
	);
	const near100 = curves(zoomedIn.ends.map((end) => end.d));
	expect(far).toHaveLength(5);
	expect(far.filter((curve, index) => !near(curve, near100[index]))).toEqual([]);
	await screenshot(page, '21b-zoomed-far-out');
	// Tab reaches each connection there too; Enter zooms to it and React Flow's connection takes the focus.
	await overview.first().focus();
	await expect(overview.first()).toHaveAttribute('aria-label', /^Connection from \w+ to \w+/);
	await page.keyboard.press('Tab');
	expect(await overview.nth(1).evaluate((path) => path === document.activeElement)).toBe(true);
	await page.keyboard.press('Enter');
	await expect(page.locator('.react-flow__edge-path')).toHaveCount(5);
	await expect(page.locator('.react-flow__edge:focus')).toHaveCount(1);
	// Zoomed in again the dots are back, and React Flow places its connections on them.
	await page.keyboard.press('0');
	await expect(page.locator('.react-flow__edge-path')).toHaveCount(5);
	await page.waitForTimeout(300);
	expect((await connectionEnds(page)).offDots).toEqual([]);
});

test('200 nodes render, fit on screen, and can be dragged', async () => {
	const { page } = session;
	const measure = await measureCanvas(page, 200, 10);
	expect(measure.nodes).toBe(200);
	expect(measure.visibleAfterFit).toBe(200);
	expect(measure.dragMoveMs.moves).toBe(10);
	expect(measure.dragFrameMs.frames).toBeGreaterThan(0);
	expect(Number.isFinite(measure.firstRenderMs)).toBe(true);
	// Loaded far out (nodes first measured without dots), then zoomed in to drag: React Flow measured
	// the dots again and draws every connection from dot to dot.
	const ends = await connectionEnds(page);
	expect(ends.ends).toHaveLength(199);
	expect(ends.offDots).toEqual([]);
	await screenshot(page, '22-two-hundred-nodes');
});
