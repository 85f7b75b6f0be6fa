// Builds the node package into dist/: TypeScript, then the files n8n reads beside the code
// (icons, codex files). Templates reach dist through the JSON imports of the code that uses them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(
	process.execPath,
	[join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')],
	{ stdio: 'inherit' },
);

mkdirSync(join(root, 'dist/icons'), { recursive: true });
cpSync(join(root, 'icons'), join(root, 'dist/icons'), { recursive: true });
for (const dir of readdirSync(join(root, 'nodes'))) {
	for (const file of readdirSync(join(root, 'nodes', dir))) {
		if (file.endsWith('.node.json'))
			cpSync(join(root, 'nodes', dir, file), join(root, 'dist/nodes', dir, file));
	}
}
mkdirSync(join(root, 'dist/templates'), { recursive: true });
cpSync(join(root, 'templates'), join(root, 'dist/templates'), { recursive: true });
console.log('built dist/');
