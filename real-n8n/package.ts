// Installs this package into n8n the way a user does it: the tarball `npm pack` makes, installed into
// `<user folder>/.n8n/nodes` as a community package (node types `n8n-nodes-fin-actions.<name>`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './runtime';

export const packageName: string = JSON.parse(
	readFileSync(join(repoRoot, 'package.json'), 'utf8'),
).name;

export interface InstalledPackage {
	tarball: string;
	/** Files the tarball holds, e.g. `dist/nodes/FinTrigger/FinTrigger.node.js`. */
	files: string[];
	installedAt: string;
}

/** Packs the package into `userFolder` and installs it there; `packed` reuses a tarball packed before (one per queue-mode process). */
export function packAndInstall(userFolder: string, packed?: InstalledPackage): InstalledPackage {
	const { tarball, files } = packed ?? pack(userFolder);
	const nodesDir = join(userFolder, '.n8n/nodes');
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }, null, 2),
	);
	// --legacy-peer-deps: n8n already provides n8n-workflow, npm must not install a second copy.
	execFileSync(
		'npm',
		['install', '--legacy-peer-deps', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
		{
			cwd: nodesDir,
			stdio: 'pipe',
		},
	);
	const installedAt = join(nodesDir, 'node_modules', packageName);
	if (!existsSync(join(installedAt, 'package.json')))
		throw new Error(`npm install of ${tarball} left nothing at ${installedAt}`);
	if (existsSync(join(nodesDir, 'node_modules/n8n-workflow')))
		throw new Error(
			'npm installed n8n-workflow beside the package: the package must not depend on it at runtime',
		);
	return { tarball, files, installedAt };
}

function pack(userFolder: string): { tarball: string; files: string[] } {
	if (!existsSync(join(repoRoot, 'dist/index.js')))
		throw new Error('dist/ is missing: run `npm run build` first (npm run test:e2e does).');
	if (process.env.FIN_ACTIONS_TARBALL) return packedOnce(process.env.FIN_ACTIONS_TARBALL);
	// The tarball stays in the user folder: removed with it, or kept with it for a look after a failure.
	const packDir = join(userFolder, 'pack');
	mkdirSync(packDir, { recursive: true });
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
			cwd: repoRoot,
			encoding: 'utf8',
			stdio: 'pipe',
		}),
	) as Array<{ filename: string; files: Array<{ path: string }> }>;
	return {
		tarball: join(packDir, packed[0].filename),
		files: packed[0].files.map((file) => file.path),
	};
}

/**
 * The tarball .ci/run packs once for the whole run (FIN_ACTIONS_TARBALL, its `npm pack --json` in
 * FIN_ACTIONS_PACK_JSON), refused when dist/ was built after it.
 */
function packedOnce(tarball: string): { tarball: string; files: string[] } {
	const packJson = process.env.FIN_ACTIONS_PACK_JSON;
	if (!packJson || !existsSync(tarball))
		throw new Error(
			`FIN_ACTIONS_TARBALL is ${tarball}: it must exist, with FIN_ACTIONS_PACK_JSON naming its \`npm pack --json\` output (or unset both to pack here)`,
		);
	if (statSync(tarball).mtimeMs < statSync(join(repoRoot, 'dist/index.js')).mtimeMs)
		throw new Error(
			`stale tarball ${tarball}: dist/ was built after it. Rebuild and pack again, or unset FIN_ACTIONS_TARBALL`,
		);
	const packed = JSON.parse(readFileSync(packJson, 'utf8')) as Array<{
		files: Array<{ path: string }>;
	}>;
	return { tarball, files: packed[0].files.map((file) => file.path) };
}
