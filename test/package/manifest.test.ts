// The package as n8n and npm see it: the `n8n` field, index.ts, and what `npm pack` ships.
// Runs after `npm run build` (the test script builds first).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('package manifest', () => {
	it('follows n8n community-node conventions', () => {
		expect(manifest.name).toBe('n8n-nodes-fin-actions');
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.files).toEqual(['dist']);
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(Object.keys(manifest.peerDependencies)).toEqual(['n8n-workflow']);
		expect(manifest.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		expect(manifest.n8n.nodes).toHaveLength(5);
		expect(manifest.n8n.credentials).toHaveLength(3);
	});

	it('pins n8n-workflow and n8n-core to versions released together', () => {
		const core = JSON.parse(readFileSync(join(root, 'node_modules/n8n-core/package.json'), 'utf8'));
		expect(manifest.devDependencies['n8n-workflow']).toMatch(/^\d+\.\d+\.\d+$/);
		expect(manifest.devDependencies['n8n-core']).toMatch(/^\d+\.\d+\.\d+$/);
		expect(core.dependencies['n8n-workflow']).toBe(manifest.devDependencies['n8n-workflow']);
	});

	it('builds every node and credential the n8n field names, each exporting its class', () => {
		const exported = require(join(root, 'dist/index.js')) as Record<
			string,
			new () => { description?: { name: string }; name?: string }
		>;
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(existsSync(join(root, file))).toBe(true);
			const classes = Object.values(require(join(root, file)) as Record<string, unknown>);
			expect(classes).toHaveLength(1);
			expect(Object.values(exported)).toContain(classes[0]);
		}
		expect(Object.keys(exported)).toHaveLength(8);
	});

	it('ships icons and codex files beside the built nodes', () => {
		for (const file of manifest.n8n.nodes as string[]) {
			const node = new (
				Object.values(require(join(root, file)))[0] as new () => {
					description: { icon: string | { light: string; dark: string } };
				}
			)();
			const icons =
				typeof node.description.icon === 'string'
					? [node.description.icon]
					: Object.values(node.description.icon);
			for (const icon of icons)
				expect(existsSync(join(root, file, '..', icon.replace(/^file:/, '')))).toBe(true);
			expect(existsSync(join(root, file.replace(/\.js$/, '.json')))).toBe(true);
		}
	});

	it('packs the n8n files and nothing from test/, bench/ or editor-extension/', () => {
		const [pack] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: root,
				encoding: 'utf8',
			}),
		);
		const files = (pack.files as Array<{ path: string }>).map((file) => file.path);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
			expect(files).toContain(file);
		expect(
			files.filter(
				(file) => /^(test|bench|editor-extension)\//.test(file) || file.includes('/test/'),
			),
		).toEqual([]);
		expect(files).toContain('dist/icons/apiAction.svg');
		expect(files).toContain('package.json');
	});
});
