// (f) The canvas with 200 nodes in headless Chromium: first render and drag frame time, measured by
// editor-extension/bench/canvas-200.ts (the canvas's own benchmark, also used by its browser tests).
import { existsSync, readdirSync, rmdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { benchCanvas200 } from '../editor-extension/bench/canvas-200';
import { ARTIFACTS, chromium, type Browser } from '../editor-extension/test/browser/browser';

export interface CanvasBench {
	skipped: boolean;
	note: string;
	firstRenderMs?: number;
	dragMoveMs?: number;
	dragFrameMs?: number;
}

// `npm run bench` runs under tsx, which compiles with esbuild's keepNames: functions the canvas
// benchmark hands to page.evaluate then call esbuild's `__name` helper, which the page lacks
// (ReferenceError: __name is not defined). Every context the bench opens gets a no-op one.
function definePageNameHelper(): () => void {
	const launch = chromium.launch;
	chromium.launch = async function (this: typeof chromium, ...args: Parameters<typeof launch>) {
		const browser: Browser = await launch.apply(this, args);
		const newContext = browser.newContext.bind(browser);
		browser.newContext = async (...options: Parameters<Browser['newContext']>) => {
			const context = await newContext(...options);
			await context.addInitScript('globalThis.__name = (target) => target;');
			return context;
		};
		return browser;
	};
	return () => {
		chromium.launch = launch;
	};
}

export async function benchCanvas(): Promise<CanvasBench> {
	const restore = definePageNameHelper();
	// The browser helper makes its screenshot folder; the benchmark takes no screenshot, so an
	// empty folder it made is removed again.
	const made = [ARTIFACTS, dirname(ARTIFACTS)].filter((dir) => !existsSync(dir));
	try {
		const measured = await benchCanvas200();
		return {
			skipped: false,
			note: `${measured.nodes} nodes: first render ${measured.firstRenderMs} ms (Import click to the first frame drawn with every node; median of ${measured.firstRenders} imports, ${measured.firstRenderRangeMs[0]} to ${measured.firstRenderRangeMs[1]} ms); drag ${measured.dragMoveMs.mean} ms per move (p95 ${measured.dragMoveMs.p95} ms, ${measured.dragMoveMs.moves} moves), frames every ${measured.dragFrameMs.mean} ms meanwhile (p95 ${measured.dragFrameMs.p95} ms, ${measured.dragFrameMs.frames} frames, 16.7 at 60 Hz); ${measured.visibleAfterFit} nodes visible after fit (targets: render < 300 ms, drag < 16 ms per move).`,
			firstRenderMs: measured.firstRenderMs,
			dragMoveMs: measured.dragMoveMs.mean,
			dragFrameMs: measured.dragFrameMs.mean,
		};
	} catch (error) {
		// A browser that cannot be had must not lose the other figures.
		return { skipped: true, note: `Canvas not measured: ${(error as Error).message}` };
	} finally {
		restore();
		for (const dir of made) if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
	}
}
