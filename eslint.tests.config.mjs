// Lint of tests, benchmarks, scripts and the editor extension: typescript-eslint's recommended rules,
// no n8n node rules (this code may use process, timers, the file system and the DOM).
import tseslint from 'typescript-eslint';

// Import directions (issue 23). The patterns match the specifier text, so a relative path is matched
// by its folder segment. Dynamic import() and require() are not checked: keep cross-folder imports static.
const NODES_INTERNAL = {
	regex: String.raw`(^|/)nodes/(?!public(/browser)?$)`,
	message:
		'Outside nodes/, import the nodes only through nodes/public (the page: nodes/public/browser).',
};
const NODES_SERVER_ONLY = {
	regex: String.raw`(^|/)nodes/public$`,
	message: 'The canvas page imports nodes/public/browser (nodes/public reaches node:crypto).',
};
const ENGINE_INTERNAL = {
	regex: String.raw`(^|/)engine/(?!(index|testing|base-node-types)$)`,
	message: 'Import the engine through engine/index (runtime) or engine/testing (harness).',
};
const ENGINE_TESTING = {
	regex: String.raw`(^|/)engine/testing$`,
	message: 'The canvas runtime uses engine/index; engine/testing is for tests and bench.',
};
const ENGINE_RUNTIME = {
	regex: String.raw`(^|/)engine(/index)?$`,
	message:
		'The canvas page runs no workflow: of the engine it may use engine/base-node-types only.',
};
const ROOT_TEST = {
	regex: String.raw`^(\.\./)+test(/|$)`,
	message: 'Nothing outside test/ imports test/: the real-n8n driver is real-n8n/.',
};
const ANY_TEST_OR_BENCH = {
	regex: String.raw`(^|/)(test|bench)(/|$)`,
	message: 'Product code imports neither tests nor benchmarks.',
};
const UPWARD = {
	regex: String.raw`(^|/)(test|bench|editor-extension|real-n8n)(/|$)`,
	message: 'engine/ and real-n8n/ sit below tests, bench and the canvas.',
};
const restrict = (...patterns) => ({ rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'**/node_modules/**',
			'editor-extension/dist/**',
			'.n8n-runtime/**',
			'test-artifacts/**',
		],
	},
	{ files: ['**/*.ts', '**/*.tsx', '**/*.mjs'], extends: [tseslint.configs.recommended] },
	{
		files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
		rules: {
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			// `_name` marks a value left out on purpose (e.g. removing a key by destructuring).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	// test/** is left free: white-box tests of node internals are intended.
	{
		files: ['editor-extension/client/**/*.{ts,tsx}', 'editor-extension/shared/**/*.ts'],
		...restrict(
			NODES_INTERNAL,
			NODES_SERVER_ONLY,
			ENGINE_INTERNAL,
			ENGINE_TESTING,
			ENGINE_RUNTIME,
			ANY_TEST_OR_BENCH,
		),
	},
	{
		files: ['editor-extension/server/**/*.ts'],
		...restrict(NODES_INTERNAL, ENGINE_INTERNAL, ENGINE_TESTING, ANY_TEST_OR_BENCH),
	},
	{
		files: ['editor-extension/test/**/*.{ts,tsx}', 'editor-extension/bench/**/*.ts'],
		...restrict(NODES_INTERNAL, ENGINE_INTERNAL),
	},
	{ files: ['bench/**/*.ts'], ...restrict(NODES_INTERNAL, ENGINE_INTERNAL, ROOT_TEST) },
	{ files: ['engine/**/*.ts'], ...restrict(NODES_INTERNAL, UPWARD) },
	{ files: ['real-n8n/**/*.ts'], ...restrict(NODES_INTERNAL, ENGINE_INTERNAL, UPWARD) },
);
