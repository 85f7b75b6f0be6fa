/** Hostile suite (issue 17): property-based fuzzing in-process, then a hostile catalogue in real n8n. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/hostile'],
	testMatch: ['**/*.hostile.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 600000,
	maxWorkers: 1,
	verbose: true,
};
