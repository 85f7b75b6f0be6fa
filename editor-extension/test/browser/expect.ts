// playwright-core has no test runner and no web-first `expect`: this stand-in polls locators (jest's
// expect for everything else), so assertions wait for the page like Playwright's own would.
import type { Locator } from 'playwright-core';

const baseExpect = (globalThis as unknown as { expect: jest.Expect }).expect;

type LocatorMatchers = LocatorMatcherSet;

function expectAny(actual: Locator): LocatorMatchers;
function expectAny<T>(actual: T): jest.JestMatchers<T>;
function expectAny(actual: unknown) {
	if (isLocator(actual)) return locatorExpect(actual);
	return baseExpect(actual);
}

export const expect = Object.assign(expectAny, {
	any: (type: unknown) => baseExpect.any(type),
	stringMatching: (pattern: string | RegExp) => baseExpect.stringMatching(pattern),
	stringContaining: (text: string) => baseExpect.stringContaining(text),
	objectContaining: (object: object) => baseExpect.objectContaining(object),
});

function isLocator(value: unknown): value is Locator {
	return Boolean(
		value &&
		typeof value === 'object' &&
		'waitFor' in value &&
		'evaluate' in value &&
		'first' in value,
	);
}

function locatorExpect(locator: Locator, negate = false): LocatorMatcherSet {
	const poll = async (
		check: () => Promise<boolean>,
		describe: () => Promise<string>,
		timeout = 15000,
	) => {
		const deadline = Date.now() + timeout;
		for (;;) {
			const passed = await check().catch(() => false);
			if (passed !== negate) return;
			if (Date.now() > deadline)
				throw new Error(
					`Expected ${locator} ${negate ? 'not ' : ''}${await describe().catch((error) => String(error))}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	};
	const matchers = {
		toBeVisible: (options?: { timeout?: number }) =>
			poll(
				() => locator.first().isVisible(),
				async () => 'to be visible',
				options?.timeout,
			),
		toBeEnabled: () =>
			poll(
				() => locator.isEnabled(),
				async () => 'to be enabled',
			),
		toBeDisabled: () =>
			poll(
				() => locator.isDisabled(),
				async () => 'to be disabled',
			),
		toHaveCount: (count: number) =>
			poll(
				async () => (await locator.count()) === count,
				async () => `to have count ${count}, got ${await locator.count()}`,
			),
		toHaveText: (text: string, options?: { timeout?: number }) =>
			poll(
				async () => ((await locator.first().textContent()) ?? '').trim() === text,
				async () => `to have text "${text}", got "${await locator.first().textContent()}"`,
				options?.timeout,
			),
		toContainText: (text: string, options?: { timeout?: number }) =>
			poll(
				async () => (await locator.allTextContents()).join(' ').includes(text),
				async () => `to contain "${text}", got "${(await locator.allTextContents()).join(' | ')}"`,
				options?.timeout,
			),
		toHaveValue: (value: string) =>
			poll(
				async () => (await locator.inputValue()) === value,
				async () => `to have value "${value}", got "${await locator.inputValue()}"`,
			),
		toHaveAttribute: (name: string, value: string | RegExp) =>
			poll(
				async () => {
					const actual = await locator.first().getAttribute(name);
					return (
						actual !== null && (typeof value === 'string' ? actual === value : value.test(actual))
					);
				},
				async () =>
					`to have ${name}=${String(value)}, got ${await locator.first().getAttribute(name)}`,
			),
	};
	return {
		...matchers,
		get not() {
			return locatorExpect(locator, !negate);
		},
	};
}

interface LocatorMatcherSet {
	toBeVisible(options?: { timeout?: number }): Promise<void>;
	toBeEnabled(): Promise<void>;
	toBeDisabled(): Promise<void>;
	toHaveCount(count: number): Promise<void>;
	toHaveText(text: string, options?: { timeout?: number }): Promise<void>;
	toContainText(text: string, options?: { timeout?: number }): Promise<void>;
	toHaveValue(value: string): Promise<void>;
	toHaveAttribute(name: string, value: string | RegExp): Promise<void>;
	readonly not: LocatorMatcherSet;
}
