// The codex files n8n reads beside each node (nodes/*/*.node.json): nodeVersion is the node's
// default version (n8n does not serve it, so it is checked here), and every icon pair has a dark
// variant that differs from the light one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { AgentReply } from '../../nodes/AgentReply/AgentReply.node';
import { ApiAction } from '../../nodes/ApiAction/ApiAction.node';
import { AudienceFilter } from '../../nodes/AudienceFilter/AudienceFilter.node';
import { FinTrigger } from '../../nodes/FinTrigger/FinTrigger.node';
import { ResponseFieldPicker } from '../../nodes/ResponseFieldPicker/ResponseFieldPicker.node';

const root = join(__dirname, '../..');
const NODES: Array<[string, INodeType]> = [
	['AgentReply', new AgentReply()],
	['ApiAction', new ApiAction()],
	['AudienceFilter', new AudienceFilter()],
	['FinTrigger', new FinTrigger()],
	['ResponseFieldPicker', new ResponseFieldPicker()],
];

function defaultVersion(description: INodeTypeDescription): number {
	return description.defaultVersion ?? Math.max(...[description.version].flat());
}

describe('codex files', () => {
	it.each(NODES)('%s: nodeVersion is the node default version', (folder, node) => {
		const codex = JSON.parse(
			readFileSync(join(root, `nodes/${folder}/${folder}.node.json`), 'utf8'),
		);
		const version = defaultVersion(node.description);
		expect(codex.nodeVersion).toBe(Number.isInteger(version) ? `${version}.0` : String(version));
	});

	it.each(NODES)('%s: the dark icon differs from the light one', (_folder, node) => {
		const icon = node.description.icon as { light: string; dark: string };
		const read = (file: string) =>
			readFileSync(join(root, 'icons', file.replace('file:../../icons/', '')), 'utf8');
		expect(read(icon.dark)).not.toBe(read(icon.light));
	});
});
