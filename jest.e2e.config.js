/** End-to-end suite: real n8n 2.x with this package installed as a community package. */
module.exports = {
	testEnvironment: 'node',
	// jest's transform cache lives with the checkout, not in the temp dir (tests leave nothing there),
	// and outside node_modules, which `npm ci` deletes.
	cacheDirectory: '<rootDir>/.cache/jest',
	roots: ['<rootDir>/test/real-n8n'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFilesAfterEnv: ['<rootDir>/test/real-n8n/support/setup-env.ts'],
	// One n8n for every file (each file its own APIs, credential names, and its workflows removed at
	// its end); the files run one after another.
	globalSetup: '<rootDir>/test/real-n8n/support/global-setup.ts',
	globalTeardown: '<rootDir>/test/real-n8n/support/global-teardown.ts',
	testTimeout: 600000,
	maxWorkers: 1,
	verbose: true,
};
