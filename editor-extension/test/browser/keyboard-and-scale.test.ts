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

test('every connection starts and ends on a dot the page draws (React Flow is told the dots up front)', async () => {
	const { page } = session;
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
	const workflow = {
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
	await page.getByTestId('open-import').click();
	await page.getByTestId('import-text').fill(JSON.stringify(workflow));
	await page.getByTestId('import-submit').click();
	await expect(page.locator('.react-flow__edge-path')).toHaveCount(5);
	// Selecting every node hands React Flow new node objects: it then places the connections by the
	// dots it was told (a first render of a graph does the same), not by ones it measured.
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await page.keyboard.press('Control+a');
	await expect(page.locator('.react-flow__node.selected')).toHaveCount(6);
	await page.waitForTimeout(500);
	// In flow coordinates: where each drawn dot meets its connection (React Flow's rule: the middle of
	// the dot's outer side), and where each drawn connection starts and ends.
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
			return { from: numbers.slice(0, 2), to: numbers.slice(-2) };
		});
		return { dots, ends };
	})()`)) as {
		dots: Array<{ source: boolean; at: [number, number] }>;
		ends: Array<{ from: [number, number]; to: [number, number] }>;
	};
	const near = (a: [number, number], b: [number, number]) =>
		Math.abs(a[0] - b[0]) < 0.6 && Math.abs(a[1] - b[1]) < 0.6;
	const onDot = (point: [number, number], source: boolean) =>
		found.dots.some((dot) => dot.source === source && near(dot.at, point));
	expect(found.ends).toHaveLength(5);
	expect(found.ends.filter((end) => !onDot(end.from, true) || !onDot(end.to, false))).toEqual([]);
	await screenshot(page, '21-dots-and-connections');
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
