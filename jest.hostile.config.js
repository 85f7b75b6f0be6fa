/** Hostile suite (issue 17): property-based fuzzing in-process, then a hostile catalogue in real n8n. */
module.exports = {
	testEnvironment: 'node',
	// jest's transform cache lives with the checkout, not in the temp dir (tests leave nothing there),
	// and outside node_modules, which `npm ci` deletes.
	cacheDirectory: '<rootDir>/.cache/jest',
	roots: ['<rootDir>/test/hostile'],
	testMatch: ['**/*.hostile.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// The run's temp root and the results folder; after jest's report, the one summary line
	// (test/hostile/support/summary.ts), and a failed run if any count that must be zero is not.
	globalSetup: '<rootDir>/test/hostile/support/global-setup.ts',
	globalTeardown: '<rootDir>/test/hostile/support/global-teardown.ts',
	testTimeout: 600000,
	maxWorkers: 1,
	verbose: true,
};
