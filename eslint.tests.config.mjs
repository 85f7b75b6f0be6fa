// Lint of tests, benchmarks and scripts: typescript-eslint's recommended rules, no n8n node rules
// (tests may use process, timers and the file system).
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', '**/node_modules/**', 'editor-extension/dist/**', '.n8n-runtime/**', 'test-artifacts/**'] },
	{ files: ['**/*.ts', '**/*.tsx', '**/*.mjs'], extends: [tseslint.configs.recommended] },
	{
		files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
		rules: {
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
);
