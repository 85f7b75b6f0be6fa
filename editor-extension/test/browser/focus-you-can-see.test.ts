// Keyboard focus where axe cannot see it (issue 27, point 5), in real Chromium: a focused canvas node
// looks different from an unfocused one, the focus lands on a control (never <body>) after "Blank
// action" and after "Test response", the focus rings of the action name and the palette search reach
// 3:1 against what surrounds them, and every tree toggle is named with what it opens.
import type { Page } from 'playwright-core';

import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas({ home: true });
});
afterAll(async () => session?.close());

const active = (page: Page) =>
	page.evaluate(() => {
		const element = document.activeElement as HTMLElement | null;
		return element?.dataset.testid ?? element?.tagName.toLowerCase() ?? 'none';
	});

/**
 * The contrast (WCAG 2) between an element's focus indicator and the background behind it: its
 * outline when it draws one of 2 px or more, else its border.
 */
async function focusRingContrast(page: Page, testId: string): Promise<number> {
	return page.getByTestId(testId).evaluate((element) => {
		const style = getComputedStyle(element);
		const drawsOutline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
		const ring = drawsOutline ? style.outlineColor : style.borderTopColor;
		let behind: Element | null = element.parentElement;
		let background = 'rgba(0, 0, 0, 0)';
		while (behind && /rgba\(.*, 0\)$|transparent/.test(background)) {
			background = getComputedStyle(behind).backgroundColor;
			behind = behind.parentElement;
		}
		const luminance = (colour: string) => {
			const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
				const value = Number(part) / 255;
				return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const [light, dark] = [luminance(ring), luminance(background)].sort((a, b) => b - a);
		return (light + 0.05) / (dark + 0.05);
	});
}

test('after "Blank action" (by keyboard) the focus is on a control of the new action, not <body>', async () => {
	const { page } = session;
	await page.getByTestId('new-blank-action').focus();
	await page.keyboard.press('Enter');
	await page.getByTestId('palette').waitFor();
	await expect(page.getByTestId('workflow-name')).toBeVisible();
	await page.waitForTimeout(300);
	expect(await active(page)).toBe('workflow-name');
});

test('the focus rings of the action name and of the palette search reach 3:1', async () => {
	const { page } = session;
	await page.getByTestId('workflow-name').focus();
	expect(await focusRingContrast(page, 'workflow-name')).toBeGreaterThanOrEqual(3);
	await page.keyboard.press('Tab');
	await page.getByTestId('palette-search').focus();
	await page.keyboard.press('a');
	expect(await focusRingContrast(page, 'palette-search')).toBeGreaterThanOrEqual(3);
	await page.keyboard.press('Backspace');
});

test('a canvas node focused by keyboard looks different from the same node unfocused', async () => {
	const { page } = session;
	await page.getByTestId('palette-node-finTrigger').click();
	const node = page.locator('.react-flow__node').first();
	await expect(node).toHaveAttribute('aria-label', /Node Fin Trigger/);
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await page.mouse.move(5, 5);
	const box = (await node.boundingBox())!;
	const clip = { x: box.x - 12, y: box.y - 12, width: box.width + 24, height: box.height + 24 };
	const unfocused = await page.screenshot({ clip });
	// Reached with Tab, as a keyboard user reaches it.
	for (
		let press = 0;
		press < 40 && (await node.evaluate((n) => n !== document.activeElement));
		press++
	)
		await page.keyboard.press('Tab');
	expect(await node.evaluate((n) => n === document.activeElement)).toBe(true);
	const focused = await page.screenshot({ clip });
	expect(focused.equals(unfocused)).toBe(false);
	const ring = await node.locator('.fin-node__box').evaluate((box) => {
		const style = getComputedStyle(box);
		return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
	});
	expect(ring.style).not.toBe('none');
	expect(ring.width).toBeGreaterThanOrEqual(2);
	await screenshot(page, '27-focused-node');
});

test('after "Test response" the focus is on a control (Cancel while it runs, then Test response), not <body>', async () => {
	const { page } = session;
	await page.getByTestId('template-shopify-order-status').click();
	await page.getByTestId('test-response').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('toast-success')).toContainText('Test passed', { timeout: 60000 });
	await page.waitForTimeout(200);
	expect(await active(page)).toBe('test-response');
});

test('every tree toggle says what it opens or closes', async () => {
	const { page } = session;
	await page.getByTestId('canvas-node-Shopify order status').click();
	await page.getByTestId('panel-tab-fields').click();
	await page.getByTestId('pick-/orders/*/email').waitFor({ state: 'attached' });
	const names = await page
		.locator('button.tree__toggle')
		.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''));
	expect(names.length).toBeGreaterThan(2);
	expect(names.filter((name) => /^(Expand|Collapse)$/.test(name))).toEqual([]);
	expect(names).toContain('Collapse orders');
	expect(names).toContain('Collapse orders › every item (*)');
	await screenshot(page, '27-tree-toggles-named');
	expect(session.pageErrors).toEqual([]);
});
