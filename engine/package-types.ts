// The package's own node and credential classes, found the way n8n finds them: through the
// `n8n` field of package.json. Sources are loaded (not dist/) so tests run on the code as written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

export const PACKAGE_NAME = 'n8n-nodes-fin-actions';
const root = join(__dirname, '..');

function sourceOf(distPath: string): string {
	return join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function load<T>(distPath: string): T | undefined {
	const file = sourceOf(distPath);
	// A missing class is reported by test/package/manifest.test.ts; here it only makes its type unknown.
	if (!existsSync(file)) return undefined;
	const moduleExports = require(file) as Record<string, new () => T>;
	const classes = Object.values(moduleExports).filter((value) => typeof value === 'function');
	if (classes.length !== 1) throw new Error(`${file} must export exactly one class`);
	return new classes[0]();
}

const manifest = require(join(root, 'package.json')).n8n as {
	nodes: string[];
	credentials: string[];
};

export function loadPackageNodes(): INodeType[] {
	return manifest.nodes
		.map((path) => load<INodeType>(path))
		.filter((node): node is INodeType => node !== undefined);
}

export function loadPackageCredentials(): ICredentialType[] {
	return manifest.credentials
		.map((path) => load<ICredentialType>(path))
		.filter((type): type is ICredentialType => type !== undefined);
}
