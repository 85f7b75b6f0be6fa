// A scratch copy of the installed n8n 2.40.7 with n8n's own isolate rules patched out, to prove
// what remains between Fin Trigger and n8n's Webhook node is n8n's rule (issue 16, proposal §4).
//
// The installed runtime is shared (other checkouts use it): nothing in it is ever written. The n8n
// package is copied as hard links (`cp -al`), every other package is a symlink to the runtime's,
// and a patched file replaces its hard link by a rename: a new file, the runtime's inode untouched.
// n8n runs with NODE_PRESERVE_SYMLINKS=1, so every module is known by its path in the copy and
// loads once: @n8n/backend-common finds its modules through a `require.resolve` of n8n's own package.json,
// which must resolve to the patched copy, not to the runtime's n8n (a second set of classes).
// (A full `cp -al` of the 270,000-file runtime takes half a minute and its removal over a minute.)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	symlinkSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runtimeDir } from '../real-n8n';

export type N8nPatch = 'webhookRule' | 'credentialIsolate';

interface PatchSpec {
	file: string;
	find: string;
	replace: string;
	/** What the patch does, for the results. */
	what: string;
}

// Each `find` must occur exactly once in n8n 2.40.7's built file, or the bench stops with a named
// error rather than measuring an unpatched n8n.
export const PATCHES: Record<N8nPatch, PatchSpec> = {
	// Proposal A: the type gate of webhookPhaseNeedsIsolate goes; every other condition (not v1,
	// static parameters, natively resolvable webhook description) stays and is node-agnostic.
	webhookRule: {
		file: 'dist/webhooks/live-webhooks.js',
		find: `        if (startNode.type !== n8n_workflow_1.WEBHOOK_NODE_TYPE)
            return true;
`,
		replace: '',
		what: 'live-webhooks.js webhookPhaseNeedsIsolate: the `startNode.type !== WEBHOOK_NODE_TYPE` gate removed (proposal A)',
	},
	// Proposal B: no isolate to resolve credential data that holds no expression.
	credentialIsolate: {
		file: 'dist/credentials-helper.js',
		find: `            await workflow.expression.acquireIsolate();
            try {
                decryptedData = this.resolveCredentialExpressions(workflow, credentialsProperties, decryptedData, mode, additionalKeys);
            }
            finally {
                await workflow.expression.releaseIsolate();
            }`,
		replace: `            const needsIsolate = !(0, n8n_workflow_1.nodeParametersAreStatic)({ parameters: decryptedData });
            if (needsIsolate)
                await workflow.expression.acquireIsolate();
            try {
                decryptedData = this.resolveCredentialExpressions(workflow, credentialsProperties, decryptedData, mode, additionalKeys);
            }
            finally {
                if (needsIsolate)
                    await workflow.expression.releaseIsolate();
            }`,
		what: 'credentials-helper.js applyDefaultsAndOverwrites: the isolate is acquired only when the decrypted data holds an expression (proposal B)',
	},
};

export interface ScratchN8n {
	/** `bin/n8n` of the patched copy. */
	n8nBin: string;
	/** What n8n must run with. */
	env: Record<string, string>;
	patches: string[];
	remove(): void;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** `source`: the runtime's node_modules (a parameter so the test can use a small stand-in). */
export function scratchN8n(
	patches: N8nPatch[],
	source: string = join(runtimeDir, 'n8n/node_modules'),
): ScratchN8n {
	const dir = mkdtempSync(join(tmpdir(), 'fin-bench-n8n-'));
	const modules = join(dir, 'n8n/node_modules');
	const links: string[] = [];
	const remove = () => {
		// Symlinks first, one by one, so nothing could ever follow them into the runtime.
		for (const link of links) {
			try {
				unlinkSync(link);
			} catch {
				// already gone
			}
		}
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		mkdirSync(modules, { recursive: true });
		for (const entry of readdirSync(source)) {
			const target = join(modules, entry);
			if (entry === 'n8n') execFileSync('cp', ['-al', join(source, entry), target]);
			else {
				symlinkSync(join(source, entry), target);
				links.push(target);
			}
		}
		for (const name of patches) {
			const spec = PATCHES[name];
			const original = join(source, 'n8n', spec.file);
			const copy = join(modules, 'n8n', spec.file);
			const before = sha(original);
			const text = readFileSync(copy, 'utf8');
			const found = text.split(spec.find).length - 1;
			if (found !== 1)
				throw new Error(
					`Cannot patch ${spec.file} (${name}): the expected code occurs ${found} times, not once; is this n8n 2.40.7?`,
				);
			// A new file renamed over the hard link: the runtime's file keeps its inode and content.
			writeFileSync(`${copy}.patched`, text.replace(spec.find, spec.replace));
			renameSync(`${copy}.patched`, copy);
			if (sha(original) !== before || lstatSync(copy).ino === lstatSync(original).ino)
				throw new Error(`Patching ${spec.file} touched the shared runtime: stopping`);
		}
	} catch (error) {
		remove();
		throw error;
	}
	return {
		n8nBin: join(modules, 'n8n/bin/n8n'),
		env: { NODE_PRESERVE_SYMLINKS: '1' },
		patches: patches.map((name) => PATCHES[name].what),
		remove,
	};
}
