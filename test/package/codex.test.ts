// The codex files n8n reads beside each node (nodes/*/*.node.json): nodeVersion is the node's
// default version (n8n does not serve it, so it is checked here), and every icon pair has a dark
// variant that differs from the light one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

const root = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Each node the n8n field names, loaded from its source, with its codex file beside it.
const NODES: Array<[string, INodeType, string]> = (manifest.n8n.nodes as string[]).map((dist) => {
	const source = join(root, dist.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const node = new (Object.values(require(source))[0] as new () => INodeType)();
	return [node.description.displayName, node, source.replace(/\.ts$/, '.json')];
});

function defaultVersion(description: INodeTypeDescription): number {
	return description.defaultVersion ?? Math.max(...[description.version].flat());
}

describe('codex files', () => {
	it.each(NODES)('%s: nodeVersion is the node default version', (_name, node, codexFile) => {
		const codex = JSON.parse(readFileSync(codexFile, 'utf8'));
		const version = defaultVersion(node.description);
		expect(codex.nodeVersion).toBe(Number.isInteger(version) ? `${version}.0` : String(version));
	});

	it.each(NODES)('%s: the dark icon differs from the light one', (_name, node) => {
		const icon = node.description.icon as { light: string; dark: string };
		const read = (file: string) =>
			readFileSync(join(root, 'icons', file.replace('file:../../icons/', '')), 'utf8');
		expect(read(icon.dark)).not.toBe(read(icon.light));
	});
});
