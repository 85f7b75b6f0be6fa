// Lint of the node package: n8n's community-node rules (strict, as for verified packages) plus
// typescript-eslint, over nodes/, credentials/, index.ts and package.json.
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'editor-extension/**',
			'test/**',
			'bench/**',
			'scripts/**',
			'.n8n-runtime/**',
			'*.config.*',
			'eslint.*',
		],
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'index.ts'],
		extends: [tseslint.configs.recommended],
		languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json' } },
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'index.ts', 'package.json'],
		...communityNodes.configs.recommended,
	},
	{
		// Import directions (issue 23): the node package imports nothing from the harness, tests, bench or canvas.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'index.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: String.raw`(^|/)(engine|test|bench|editor-extension|real-n8n|scripts)(/|$)`,
							message: 'The node package imports nothing from the harness, tests, bench or canvas.',
						},
					],
				},
			],
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		rules: { '@typescript-eslint/no-unused-expressions': 'off' },
	},
);
