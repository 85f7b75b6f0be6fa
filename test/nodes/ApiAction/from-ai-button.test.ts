// The ✨ button ("let the model define this parameter") n8n's editor shows on a tool node's fields.
// n8n 2.40.7's editor (canBeContentOverride, read from its bundle and n8n's source
// packages/frontend/editor-ui/src/utils/fromAIOverrideUtils.ts) offers it on a field of a node whose
// codex is AI > Tools (n8n gives every usableAsTool node's Tool variant that codex) unless the field
// is an options or credentialsSelect field, a denied path, or has `noDataExpression`. The API Action
// reads $fromAI only in an AI Input's "Model Argument": ✨ must appear there and nowhere else, and
// what ✨ writes there must work.
import type { INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';
import { FROM_AI_AUTO_GENERATED_MARKER } from 'n8n-workflow';
import { getSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';

import { loadPackageNodes, PACKAGE_NAME } from '../../../engine/package-types';
import { parseInputDeclarations } from '../../../nodes/ApiAction/ai-inputs';

const apiAction = loadPackageNodes().find(
	(node) => (node as INodeType).description.name === 'apiAction',
) as INodeType;

// n8n 2.40.7 editor: PROP_TYPE_DENYLIST and PATH_DENYLIST of fromAIOverrideUtils.
const PROP_TYPE_DENYLIST = ['options', 'credentialsSelect'];
const PATH_DENYLIST = [
	'parameters.name',
	'parameters.toolName',
	'parameters.description',
	'parameters.toolDescription',
];
// Types that hold no value of their own (n8n renders their children, or nothing, as inputs).
const CONTAINERS = ['fixedCollection', 'collection', 'notice', 'hidden'];

/** Paths of the fields on which n8n's editor offers ✨, as its canBeContentOverride decides. */
function fieldsOfferingFromAi(properties: INodeProperties[], prefix: string): string[] {
	const offered: string[] = [];
	for (const property of properties) {
		const path = `${prefix}.${property.name}`;
		if (property.type === 'fixedCollection')
			for (const option of (property.options ?? []) as INodePropertyCollection[])
				offered.push(...fieldsOfferingFromAi(option.values, `${path}.${option.name}[0]`));
		if (property.type === 'collection')
			offered.push(...fieldsOfferingFromAi(property.options as INodeProperties[], path));
		if (CONTAINERS.includes(property.type)) continue;
		if (PROP_TYPE_DENYLIST.includes(property.type) || PATH_DENYLIST.includes(path)) continue;
		if (!property.noDataExpression) offered.push(path);
	}
	return offered;
}

/** What n8n's ✨ writes into a field (buildValueFromOverride): key from the path and display name. */
function fromAiOverrideValue(listSegment: string, displayName: string): string {
	const key = `${listSegment}_${displayName}`.replace(/[^a-zA-Z0-9-]/g, '_');
	return `={{ ${FROM_AI_AUTO_GENERATED_MARKER} $fromAI('${key}', \`\`, 'string') }}`;
}

describe('the ✨ button on the API Action Tool', () => {
	it('is offered only on an AI Input\'s "Model Argument", where the node reads $fromAI', () => {
		expect(fieldsOfferingFromAi(apiAction.description.properties, 'parameters')).toEqual([
			'parameters.aiInputs.input[0].argument',
		]);
	});

	it('what ✨ writes into "Model Argument" declares an input the node and n8n accept', () => {
		const argument = fromAiOverrideValue('input0', 'Model Argument');
		const declared = parseInputDeclarations([{ argument, required: true, maxLength: 200 }]);
		expect(declared.map(({ name, type }) => ({ name, type }))).toEqual([
			{ name: 'input0_Model_Argument', type: 'string' },
		]);
		const schema = getSchema({
			id: 'tool',
			name: 'Order_Status',
			type: `${PACKAGE_NAME}.apiAction`,
			typeVersion: 1.1,
			position: [0, 0],
			parameters: {
				template: 'custom',
				url: 'https://x.test/',
				aiInputs: { input: [{ argument }] },
			},
		});
		expect(Object.keys(schema.shape)).toEqual(['input0_Model_Argument']);
	});
});
