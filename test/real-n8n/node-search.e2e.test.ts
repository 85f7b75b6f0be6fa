// Found by search in real n8n 2.40.7: the codex fields n8n serves in /types/nodes.json for the
// installed package (what its node panel searches and groups by): each word a user types finds the
// nodes it should and Response Field Picker sits under Data Transformation (not only in the AI view)
// (n8n serves no codex nodeVersion: test/package/codex.test.ts checks it in the files).
import { packageName } from '../../real-n8n/package';
import { E2eSession, SESSION_TIMEOUT } from './support/session';

const session = new E2eSession('node-search');
const { step } = session;
beforeAll(() => session.open(), SESSION_TIMEOUT);
afterAll(() => session.close(), 60000);

interface Described {
	name: string;
	displayName: string;
	codex?: {
		categories?: string[];
		subcategories?: Record<string, string[]>;
		alias?: string[];
	};
}

let ours: Described[] = [];
const node = (name: string) => ours.find((entry) => entry.name === `${packageName}.${name}`)!;

/** Display names of our nodes whose display name or codex alias contains the term (n8n's panel matches both). */
function found(term: string): string[] {
	const wanted = term.toLowerCase();
	return ours
		.filter(
			(entry) =>
				entry.displayName.toLowerCase().includes(wanted) ||
				(entry.codex?.alias ?? []).some((alias) => alias.toLowerCase().includes(wanted)),
		)
		.map((entry) => entry.displayName)
		.sort();
}

step('n8n serves the codex of each of the five nodes', async () => {
	const nodeTypes = await session.value.api.rest('GET', '/types/nodes.json');
	expect(nodeTypes.status).toBe(200);
	// n8n lists a node once per version; the codex is the same on each.
	const byName = new Map<string, Described>();
	for (const entry of nodeTypes.json as Described[])
		if (entry.name.startsWith(`${packageName}.`) && !entry.name.endsWith('Tool'))
			byName.set(entry.name, entry);
	ours = [...byName.values()];
	expect(ours.map((entry) => entry.displayName).sort()).toEqual([
		'API Action',
		'Audience Filter',
		'Fin Agent Reply',
		'Fin Trigger',
		'Response Field Picker',
	]);
	for (const entry of ours)
		expect({ node: entry.name, codex: Boolean(entry.codex) }).toEqual({
			node: entry.name,
			codex: true,
		});
});

const TERMS: Array<[string, string[]]> = [
	[
		'Fin',
		['API Action', 'Audience Filter', 'Fin Agent Reply', 'Fin Trigger', 'Response Field Picker'],
	],
	[
		'Intercom',
		['API Action', 'Audience Filter', 'Fin Agent Reply', 'Fin Trigger', 'Response Field Picker'],
	],
	[
		'personalized',
		['API Action', 'Audience Filter', 'Fin Agent Reply', 'Fin Trigger', 'Response Field Picker'],
	],
	[
		'custom action',
		['API Action', 'Audience Filter', 'Fin Agent Reply', 'Fin Trigger', 'Response Field Picker'],
	],
	['data connector', ['API Action', 'Fin Trigger', 'Response Field Picker']],
	['field picker', ['Response Field Picker']],
	['Shopify', ['API Action']],
	['rollout', ['Audience Filter']],
];

for (const [term, expected] of TERMS)
	step(`typing "${term}" finds ${expected.join(', ')}`, async () => {
		expect(found(term)).toEqual(expected);
	});

step(
	'Response Field Picker is under Core Nodes > Data Transformation, not only in the AI view',
	async () => {
		const codex = node('responseFieldPicker').codex!;
		expect(codex.categories).toEqual(['Core Nodes']);
		expect(codex.subcategories).toEqual({ 'Core Nodes': ['Data Transformation'] });
	},
);

// The ✨ button: n8n 2.40.7's editor offers it on a field of a node whose codex is AI > Tools unless
// the field is an options or credentialsSelect field or has noDataExpression (canBeContentOverride;
// test/nodes/ApiAction/from-ai-button.test.ts). Read here from what n8n itself serves.
step('the API Action Tool n8n serves offers ✨ only on "Model Argument"', async () => {
	const nodeTypes = await session.value.api.rest('GET', '/types/nodes.json');
	const tool = (nodeTypes.json as any[]).find(
		(entry) => entry.name === `${packageName}.apiActionTool`,
	);
	expect(tool?.codex?.categories).toContain('AI');
	expect(tool?.codex?.subcategories?.AI).toContain('Tools');
	const offered: string[] = [];
	const walk = (properties: any[], prefix: string) => {
		for (const property of properties ?? []) {
			const path = `${prefix}.${property.name}`;
			if (property.type === 'fixedCollection')
				for (const option of property.options ?? []) walk(option.values, `${path}.${option.name}`);
			if (property.type === 'collection') walk(property.options, path);
			if (['fixedCollection', 'collection', 'notice', 'hidden'].includes(property.type)) continue;
			if (['options', 'credentialsSelect'].includes(property.type)) continue;
			if (path === 'parameters.toolDescription' || path === 'parameters.description') continue;
			if (!property.noDataExpression) offered.push(path);
		}
	};
	walk(tool.properties, 'parameters');
	expect(offered).toEqual(['parameters.aiInputs.input.argument']);
});
