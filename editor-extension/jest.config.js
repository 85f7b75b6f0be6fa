/** Canvas tests: server and graph logic, and the page in real headless Chromium (Debian chromium + playwright-core). */
module.exports = {
	testEnvironment: 'node',
	// jest's transform cache lives with the checkout, not in the temp dir (tests leave nothing there),
	// and outside node_modules, which `npm ci` deletes.
	cacheDirectory: '<rootDir>/../.cache/jest-canvas',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	globalSetup: '<rootDir>/../test/global-setup.ts',
	globalTeardown: '<rootDir>/../test/global-teardown.ts',
	setupFiles: ['<rootDir>/../test/setup-env.ts'],
	testTimeout: 120000,
	maxWorkers: 1,
};
