// Lint of tests, benchmarks, scripts and the editor extension: typescript-eslint's recommended rules,
// no n8n node rules (this code may use process, timers, the file system and the DOM).
import tseslint from 'typescript-eslint';

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
);
