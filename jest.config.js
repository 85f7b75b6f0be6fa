/** Unit and engine tests: real n8n-core engine, real loopback servers, no network beyond 127.0.0.1. */
module.exports = {
	testEnvironment: 'node',
	// jest's transform cache lives with the checkout, not in the temp dir (tests leave nothing there),
	// and outside node_modules, which `npm ci` deletes.
	cacheDirectory: '<rootDir>/.cache/jest',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/real-n8n/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	globalSetup: '<rootDir>/test/global-setup.ts',
	globalTeardown: '<rootDir>/test/global-teardown.ts',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 30000,
	// jest's default on 2 cores is 1 worker; the tests use their own ports and temp folders.
	maxWorkers: 2,
};
