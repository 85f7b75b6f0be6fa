/** End-to-end suite: real n8n 2.x with this package installed as a community package. */
module.exports = {
	testEnvironment: 'node',
	// jest's transform cache lives with the install, not in the temp dir (tests leave nothing there).
	cacheDirectory: '<rootDir>/node_modules/.cache/jest',
	roots: ['<rootDir>/test/real-n8n'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFilesAfterEnv: ['<rootDir>/test/real-n8n/support/setup-env.ts'],
	testTimeout: 600000,
	maxWorkers: 1,
	verbose: true,
};
