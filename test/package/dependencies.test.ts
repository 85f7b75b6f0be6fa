// Dependencies declared exactly as used, in both npm packages of this repository: every package a
// source file imports is declared in its package.json, and every declared package is imported, or
// used as a tool (its name or command appears in the package's scripts, CI or config files), or is
// the types of one of those (`@types/x`). The node package itself declares no runtime `dependencies`
// (n8n installs community packages without them): n8n-workflow is a peer, the rest dev-only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');

interface PackageScope {
	/** Folder of the package.json. */
	dir: string;
	/** Folders and files (relative to dir) whose imports count. */
	sources: string[];
	/** Files (relative to dir) where a tool may be named beside package.json's scripts: CI, configs. */
	toolFiles: string[];
}

const scopes: Record<string, PackageScope> = {
	'package.json': {
		dir: root,
		sources: [
			'nodes',
			'credentials',
			'engine',
			'test',
			'bench',
			'scripts',
			'index.ts',
			...configs(root),
		],
		toolFiles: [
			'.ci/run',
			'tsconfig.json',
			'tsconfig.test.json',
			...configs(root),
			...files(root, 'scripts'),
		],
	},
	'editor-extension/package.json': {
		dir: join(root, 'editor-extension'),
		sources: ['client', 'server', 'test', ...configs(join(root, 'editor-extension'))],
		toolFiles: ['tsconfig.json', 'index.html', ...configs(join(root, 'editor-extension'))],
	},
};

/** Config files at the top of a package folder (jest, eslint, vite, prettier). */
function configs(dir: string): string[] {
	return readdirSync(dir).filter(
		(name) => /\.(c|m)?(j|t)s$/.test(name) && statSync(join(dir, name)).isFile(),
	);
}

/** Every file under dir/sub (relative to dir), without node_modules, dist and e2e artefacts. */
function files(dir: string, sub: string): string[] {
	const path = join(dir, sub);
	if (statSync(path).isFile()) return [sub];
	return readdirSync(path)
		.filter((name) => !['node_modules', 'dist', 'test-artifacts'].includes(name))
		.flatMap((name) => files(dir, join(sub, name)));
}

/** The npm package a module specifier names, or undefined for relative paths and Node built-ins. */
export function packageOf(specifier: string): string | undefined {
	if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
	if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]))
		return undefined;
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages a source text imports: import/export from, import(), require(), require.resolve(). */
export function importsOf(text: string): string[] {
	const found = ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
	for (const match of text.matchAll(/require\.resolve\(\s*['"]([^'"]+)['"]/g)) found.push(match[1]);
	return found.map(packageOf).filter((name): name is string => name !== undefined);
}

function importedBy(scope: PackageScope): Map<string, string> {
	const imported = new Map<string, string>();
	for (const file of scope.sources.flatMap((source) => files(scope.dir, source))) {
		if (!/\.(ts|tsx|js|mjs|cjs)$/.test(file)) continue;
		for (const name of importsOf(readFileSync(join(scope.dir, file), 'utf8')))
			if (!imported.has(name)) imported.set(name, file);
	}
	return imported;
}

/** Commands a package installs into node_modules/.bin. */
function commandsOf(name: string): string[] {
	const manifest = JSON.parse(
		readFileSync(require.resolve(`${name}/package.json`, { paths: [root] }), 'utf8'),
	);
	if (!manifest.bin) return [];
	return typeof manifest.bin === 'string' ? [name.split('/').pop()!] : Object.keys(manifest.bin);
}

export interface Drift {
	/** Imported but not declared: `name (first file importing it)`. */
	undeclared: string[];
	/** Declared but neither imported, nor a tool named in toolText, nor the types of a used package. */
	unused: string[];
}

export function drift(
	imported: Map<string, string>,
	declared: string[],
	toolText: string,
	commands: (name: string) => string[] = () => [],
): Drift {
	const words = new Set(toolText.split(/[^\w@/.-]+/));
	const mentions = (word: string) =>
		words.has(word) || toolText.includes(`'${word}'`) || toolText.includes(`node_modules/${word}/`);
	const used = (name: string): boolean => {
		if (imported.has(name) || mentions(name) || commands(name).some(mentions)) return true;
		const typed = name.match(/^@types\/(.+)$/)?.[1];
		if (!typed) return false;
		// @types/x is used when x is used, or when a tsconfig lists x in "types".
		const untyped = typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
		return used(untyped) || toolText.includes(`"${typed}"`);
	};
	return {
		undeclared: [...imported]
			.filter(([name]) => !declared.includes(name))
			.map(([name, file]) => `${name} (imported by ${file})`),
		unused: declared.filter((name) => !used(name)),
	};
}

describe('dependency declarations', () => {
	it('reports undeclared imports and unused declarations (the check itself can fail)', () => {
		const imported = new Map([
			['luxon', 'nodes/shared/values.ts'],
			['eslint-plugin-x', 'eslint.config.mjs'],
		]);
		expect(
			drift(
				imported,
				['eslint-plugin-x', '@n8n/config', '@types/luxon', 'jest', '@types/jest'],
				'"test": "jest"',
			),
		).toEqual({
			undeclared: ['luxon (imported by nodes/shared/values.ts)'],
			unused: ['@n8n/config'],
		});
		expect(
			importsOf(`import { a } from '@n8n/di';\nimport type { B } from "n8n-workflow/dist/x";\n`),
		).toEqual(['@n8n/di', 'n8n-workflow']);
		expect(
			importsOf(
				`const x = require('node:fs'); await import('./local'); ${'require'}.resolve('vite/package.json');`,
			),
		).toEqual(['vite']);
	});

	for (const [manifestPath, scope] of Object.entries(scopes)) {
		it(`${manifestPath} declares exactly what its code imports and its tools run`, () => {
			const manifest = JSON.parse(readFileSync(join(root, manifestPath), 'utf8'));
			const declared = [
				'dependencies',
				'devDependencies',
				'peerDependencies',
				'optionalDependencies',
			].flatMap((field) => Object.keys(manifest[field] ?? {}));
			// Of package.json only its scripts: its dependency lists would name every package.
			const toolText = [
				JSON.stringify(manifest.scripts ?? {}),
				...scope.toolFiles.map((file) => readFileSync(join(scope.dir, file), 'utf8')),
			].join('\n');
			const result = drift(importedBy(scope), declared, toolText, commandsOf);
			expect({ manifest: relative(root, join(root, manifestPath)), ...result }).toEqual({
				manifest: manifestPath,
				undeclared: [],
				unused: [],
			});
		});
	}

	it('pins every version exactly; the node package has no runtime dependencies', () => {
		for (const manifestPath of Object.keys(scopes)) {
			const manifest = JSON.parse(readFileSync(join(root, manifestPath), 'utf8'));
			for (const field of ['dependencies', 'devDependencies'])
				for (const [name, version] of Object.entries(manifest[field] ?? {}))
					expect(`${manifestPath} ${field} ${name}@${version}`).toMatch(/@\d+\.\d+\.\d+$/);
		}
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('declares the versions package-lock.json resolves', () => {
		const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
		for (const [manifestPath, scope] of Object.entries(scopes)) {
			const manifest = JSON.parse(readFileSync(join(root, manifestPath), 'utf8'));
			const here = relative(root, scope.dir);
			for (const field of ['dependencies', 'devDependencies'])
				for (const [name, version] of Object.entries(manifest[field] ?? {})) {
					const installed =
						lock.packages[join(here, 'node_modules', name)] ??
						lock.packages[`node_modules/${name}`];
					expect(`${manifestPath} ${name}@${installed?.version}`).toBe(
						`${manifestPath} ${name}@${version}`,
					);
				}
		}
	});
});
