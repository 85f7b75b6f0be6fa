// What npm shows and ships: the packed tarball holds no source map, and no shipped JavaScript points
// to one (the maps named sources under nodes/ and credentials/, which the tarball does not ship).
// Runs after `npm run build` (the test script builds first).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('the packed tarball', () => {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const files = (pack.files as Array<{ path: string }>).map((file) => file.path);

	it('ships no source map', () => {
		expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
	});

	it('ships no JavaScript that names a source map', () => {
		const naming = files
			.filter((file) => file.endsWith('.js'))
			.filter((file) => readFileSync(join(root, file), 'utf8').includes('sourceMappingURL='));
		expect(naming).toEqual([]);
	});
});
