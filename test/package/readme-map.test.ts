// The behaviour map (docs/behaviour-map.md, "Where each behaviour lives", linked from the README) is
// a map a reader trusts: every path it names exists, and every source file of the package (nodes/,
// credentials/) and of the shared engine appears in it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const map = readFileSync(join(root, 'docs', 'behaviour-map.md'), 'utf8');

function mapSection(): string {
	const start = map.indexOf('# Where each behaviour lives');
	const end = map.indexOf('\n## ', start + 1);
	return map.slice(start, end === -1 ? undefined : end);
}

/** Backticked cells that look like repository paths (with optional `*` globs). */
function mappedPaths(): string[] {
	const rows = mapSection()
		.split('\n')
		.filter((line) => line.startsWith('|'));
	const paths = rows.flatMap((row) => {
		const cells = row.split('|');
		const fileCell = cells[cells.length - 2] ?? '';
		return [...fileCell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
	});
	return paths.filter((path) => /^[\w.-]+(\/[\w.*-]*)*$/.test(path) && /[/.]/.test(path));
}

function toRegExp(glob: string): RegExp {
	const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
	return new RegExp(`^${escaped}/?$`);
}

function filesUnder(dir: string): string[] {
	return readdirSync(join(root, dir)).flatMap((name) => {
		const path = join(root, dir, name);
		const rel = relative(root, path);
		return statSync(path).isDirectory() ? filesUnder(rel) : [rel];
	});
}

const allFiles = [
	...['nodes', 'credentials', 'engine', 'templates', 'scripts', 'icons'].flatMap(filesUnder),
	'index.ts',
	'package.json',
	'.ci/run',
];

describe('docs/behaviour-map.md: behaviour to file', () => {
	it('names only paths that exist', () => {
		const missing = mappedPaths().filter((path) => {
			if (!path.includes('*')) return !existsSync(join(root, path));
			const pattern = toRegExp(path);
			return !allFiles.some((file) => pattern.test(file));
		});
		expect(missing).toEqual([]);
	});

	it('covers every TypeScript file of the nodes and credentials', () => {
		const mapped = mappedPaths();
		const covered = (file: string) =>
			mapped.some((path) =>
				path.endsWith('/') ? file.startsWith(path) : toRegExp(path).test(file),
			);
		const sources = allFiles.filter(
			(file) => /^(nodes|credentials)\//.test(file) && file.endsWith('.ts'),
		);
		expect(sources.filter((file) => !covered(file))).toEqual([]);
	});
});
