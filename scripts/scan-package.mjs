// Runs the checks of n8n's community-package scanner (`npx @n8n/scan-community-package <name>`) on
// the tarball this checkout packs. The scanner itself only scans a package published on the npm
// registry with provenance (it downloads the tarball and the attested GitHub source by name), which
// an unpublished package cannot pass; so this script calls its exported `analyzePackage` with the
// same ESLint configuration (inline eslint-disable comments ignored, as in the scanner) on:
// - the packed tarball: compiled `**/*.js` and the published `package.json` (always);
// - with `--source`, also the source: `package.json` and `{nodes,credentials}/**/*.{js,ts,json}`,
//   what the scanner lints in the provenance-attested source checkout. Any finding fails, as in the
//   scanner (it has no exception mechanism).
// Builds first and packs into a temp dir (or takes the run's tarball, FIN_ACTIONS_TARBALL), removes
// the temp dir at the end, exits 1 on any violation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'fin-actions-scan-'));
// The scanner creates its own temp dir when it is loaded and never removes it: keep it inside ours.
process.env.TMPDIR = work;

let failed = false;
try {
	// .ci/run builds and packs once (FIN_ACTIONS_TARBALL, FIN_ACTIONS_PACK_JSON); alone, build and pack here.
	const packedOnce = process.env.FIN_ACTIONS_TARBALL;
	let pack;
	if (packedOnce) {
		[pack] = JSON.parse(readFileSync(process.env.FIN_ACTIONS_PACK_JSON, 'utf8'));
		execFileSync('tar', ['-xzf', packedOnce, '-C', work]);
	} else {
		execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
		[pack] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			}),
		);
		execFileSync('tar', ['-xzf', join(work, pack.filename), '-C', work]);
	}
	const packed = join(work, 'package');
	const label = `${pack.name}@${pack.version}`;

	const { analyzePackage, SOURCE_FILE_PATTERNS } =
		await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const scanner = JSON.parse(
		readFileSync(join(root, 'node_modules/@n8n/scan-community-package/package.json'), 'utf8'),
	);
	const legs = [
		{
			what: `the packed tarball ${pack.filename}`,
			dir: packed,
			patterns: ['**/*.js', 'package.json'],
		},
	];
	if (process.argv.includes('--source'))
		legs.push({
			what: 'the source (nodes/, credentials/, package.json)',
			dir: root,
			patterns: SOURCE_FILE_PATTERNS,
		});
	for (const leg of legs) {
		const result = await analyzePackage(leg.dir, leg.patterns);
		if (result.passed) continue;
		failed = true;
		console.error(
			`scan-package: ${label} fails n8n's community-package scan in ${leg.what}: ${result.message}`,
		);
		if (result.details) console.error(result.details.replaceAll(leg.dir, '.'));
	}
	if (!failed)
		console.log(
			`scan-package: ${label} passes the checks of @n8n/scan-community-package ${scanner.version} on ${legs.map((leg) => leg.what).join(' and ')}`,
		);
} catch (error) {
	failed = true;
	console.error(`scan-package: could not scan the package: ${error.message}`);
	if (error.stderr) console.error(String(error.stderr));
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
