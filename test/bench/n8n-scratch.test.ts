// The benchmark's scratch copy of n8n: patched files are new files in the copy, the (shared)
// runtime keeps every byte and inode, and removing the copy leaves the runtime whole.
import {
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PATCHES, scratchN8n } from '../../bench/n8n-scratch';
import { runtimeDir } from '../../real-n8n/runtime';

describe('scratch copy of n8n for the patched-rule benchmark', () => {
	let runtime: string;
	const original = {
		live: `// live-webhooks\n${PATCHES.webhookRule.find}        if (startNode.typeVersion === 1)\n`,
		credentials: `// credentials-helper\n${PATCHES.credentialIsolate.find}\n`,
	};

	beforeEach(() => {
		// A stand-in runtime with the two files the patches touch and one other package.
		runtime = mkdtempSync(join(tmpdir(), 'fin-scratch-test-'));
		mkdirSync(join(runtime, 'n8n/dist/webhooks'), { recursive: true });
		mkdirSync(join(runtime, 'n8n/bin'), { recursive: true });
		mkdirSync(join(runtime, 'n8n-workflow'), { recursive: true });
		writeFileSync(join(runtime, 'n8n/dist/webhooks/live-webhooks.js'), original.live);
		writeFileSync(join(runtime, 'n8n/dist/credentials-helper.js'), original.credentials);
		writeFileSync(join(runtime, 'n8n/bin/n8n'), '#!/usr/bin/env node\n');
		writeFileSync(join(runtime, 'n8n-workflow/index.js'), 'module.exports = {};\n');
	});
	afterEach(() => rmSync(runtime, { recursive: true, force: true }));

	it('patches new files in the copy and never writes the runtime', () => {
		const files = ['n8n/dist/webhooks/live-webhooks.js', 'n8n/dist/credentials-helper.js'];
		const inodes = files.map((file) => lstatSync(join(runtime, file)).ino);
		const scratch = scratchN8n(['webhookRule', 'credentialIsolate'], runtime);
		const copy = join(scratch.n8nBin, '../..');
		const live = readFileSync(join(copy, 'dist/webhooks/live-webhooks.js'), 'utf8');
		expect(live).not.toContain('WEBHOOK_NODE_TYPE');
		expect(live).toContain('startNode.typeVersion === 1');
		const credentials = readFileSync(join(copy, 'dist/credentials-helper.js'), 'utf8');
		expect(credentials).toContain('if (needsIsolate)');
		// Unpatched files of the n8n package are hard links; other packages are symlinks.
		expect(lstatSync(join(copy, 'bin/n8n')).ino).toBe(lstatSync(join(runtime, 'n8n/bin/n8n')).ino);
		expect(readlinkSync(join(copy, '../n8n-workflow'))).toBe(join(runtime, 'n8n-workflow'));
		expect(scratch.env).toEqual({ NODE_PRESERVE_SYMLINKS: '1' });

		expect(readFileSync(join(runtime, 'n8n/dist/webhooks/live-webhooks.js'), 'utf8')).toBe(
			original.live,
		);
		expect(readFileSync(join(runtime, 'n8n/dist/credentials-helper.js'), 'utf8')).toBe(
			original.credentials,
		);
		expect(files.map((file) => lstatSync(join(runtime, file)).ino)).toEqual(inodes);

		scratch.remove();
		expect(existsSync(join(copy, '../..'))).toBe(false);
		expect(readFileSync(join(runtime, 'n8n-workflow/index.js'), 'utf8')).toBe(
			'module.exports = {};\n',
		);
		expect(readFileSync(join(runtime, 'n8n/bin/n8n'), 'utf8')).toBe('#!/usr/bin/env node\n');
	});

	it('refuses an n8n whose code does not match, and leaves no copy', () => {
		writeFileSync(join(runtime, 'n8n/dist/webhooks/live-webhooks.js'), '// another version\n');
		const before = new Set(readdirSync(tmpdir()));
		expect(() => scratchN8n(['webhookRule'], runtime)).toThrow(/occurs 0 times, not once/);
		const left = readdirSync(tmpdir()).filter(
			(name) => name.startsWith('fin-bench-n8n-') && !before.has(name),
		);
		expect(left).toEqual([]);
	});

	// The installed n8n 2.40.7, read only: each patch finds its code exactly once. Only a finished
	// install counts (its stamp file): CI installs n8n in the background while these tests run.
	const installed = join(runtimeDir, 'n8n/node_modules/n8n');
	const finished =
		existsSync(runtimeDir) &&
		readdirSync(runtimeDir).some((name) => name.startsWith('installed-2.40.7-'));
	(existsSync(installed) && finished ? it : it.skip)(
		'matches the installed n8n 2.40.7 exactly once',
		() => {
			for (const spec of Object.values(PATCHES)) {
				const text = readFileSync(join(installed, spec.file), 'utf8');
				expect({ file: spec.file, found: text.split(spec.find).length - 1 }).toEqual({
					file: spec.file,
					found: 1,
				});
			}
		},
	);
});
