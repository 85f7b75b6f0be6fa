// The canvas decides which parameters to show with its own copy of n8n's displayOptions rules
// (client/graph/parameters.ts, since n8n-workflow does not belong in the browser bundle). This
// checks it against n8n's NodeHelpers.displayParameter over the package's real node descriptions:
// for every parameter of every node (and of every collection inside it), over the combinations of
// the values its controlling parameters offer, both must agree.
import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { isDisplayed, type Params } from '../../client/graph/parameters';
import type { NodeProperty } from '../../client/graph/types';
import { packageNodes } from '../../server/package-info';

type Property = NodeProperty & { options?: unknown[]; values?: unknown };

/** Names a displayOptions rule reads: `name`, `/rootName`, `@version`. */
function controllers(properties: Property[]) {
	const level = new Set<string>();
	const root = new Set<string>();
	const literals = new Map<string, unknown[]>();
	for (const property of properties) {
		for (const rules of [property.displayOptions?.show, property.displayOptions?.hide]) {
			for (const [name, conditions] of Object.entries(rules ?? {})) {
				if (name.startsWith('@')) continue;
				const key = name.replace(/^\//, '').split('.')[0];
				(name.startsWith('/') ? root : level).add(key);
				literals.set(key, [
					...(literals.get(key) ?? []),
					...((conditions as unknown[]) ?? []).filter(
						(condition) => condition === null || typeof condition !== 'object',
					),
				]);
			}
		}
	}
	return { level, root, literals };
}

/** The values a parameter can take in the editor, plus what rules compare it with, plus unset. */
function candidates(name: string, properties: Property[], literals: unknown[]): unknown[] {
	const values: unknown[] = [undefined, ...literals];
	for (const property of properties.filter((candidate) => candidate.name === name)) {
		values.push(property.default);
		const options = (property.options ?? [])
			.filter((option) => option && typeof option === 'object' && 'value' in (option as object))
			.map((option) => (option as { value: unknown }).value);
		if (property.type === 'multiOptions')
			values.push([], ...options.map((value) => [value]), options);
		else values.push(...options);
		if (property.type === 'boolean') values.push(true, false);
	}
	const seen = new Set<string>();
	return values.filter((value) => {
		const key = JSON.stringify(value) ?? 'undefined';
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Every combination, or (when that is too many) each value of each controller with the others' first. */
function combinations(choices: Array<[string, unknown[]]>): Params[] {
	const total = choices.reduce((count, [, values]) => count * values.length, 1);
	if (total <= 5000) {
		return choices.reduce<Params[]>(
			(sets, [name, values]) =>
				sets.flatMap((set) =>
					values.map((value) => (value === undefined ? set : { ...set, [name]: value })),
				),
			[{}],
		);
	}
	const base = Object.fromEntries(choices.map(([name, values]) => [name, values[1] ?? values[0]]));
	return choices.flatMap(([name, values]) => values.map((value) => ({ ...base, [name]: value })));
}

function levelsOf(properties: Property[]): Property[][] {
	const levels = [properties];
	for (const property of properties) {
		if (property.type === 'collection')
			levels.push(...levelsOf((property.options ?? []) as Property[]));
		if (property.type === 'fixedCollection')
			for (const option of (property.options ?? []) as Array<{ values?: Property[] }>)
				if (option.values) levels.push(...levelsOf(option.values));
	}
	return levels;
}

const descriptions = packageNodes().map(
	(type) => JSON.parse(JSON.stringify(type.description)) as INodeTypeDescription,
);

describe.each(descriptions.map((description) => [description.displayName, description] as const))(
	'%s: the canvas shows exactly the parameters n8n shows',
	(_name, description) => {
		const top = description.properties as unknown as Property[];
		const versions = ([] as number[]).concat(description.version);

		it.each(levelsOf(top).map((properties, index) => [index, properties] as const))(
			'level %i',
			(_index, properties) => {
				const { level, root, literals } = controllers(properties);
				const isTop = properties === top;
				const choices: Array<[string, unknown[]]> = [
					...new Set([...level, ...(isTop ? root : [])]),
				].map((name) => [name, candidates(name, properties, literals.get(name) ?? [])]);
				const rootChoices: Array<[string, unknown[]]> = isTop
					? []
					: [...root].map((name) => [name, candidates(name, top, literals.get(name) ?? [])]);
				let compared = 0;
				const disagreements: string[] = [];
				for (const version of versions) {
					const node = { typeVersion: version, parameters: {} } as unknown as INode;
					for (const levelValues of combinations(choices)) {
						for (const rootValues of isTop ? [levelValues] : combinations(rootChoices)) {
							for (const property of properties) {
								if (!property.displayOptions) continue;
								const n8n = NodeHelpers.displayParameter(
									levelValues as INodeParameters,
									property as never,
									node,
									description,
									rootValues as INodeParameters,
								);
								const canvas = isDisplayed(property.displayOptions, {
									level: levelValues,
									root: rootValues,
									typeVersion: version,
								});
								compared++;
								if (n8n !== canvas && disagreements.length < 5)
									disagreements.push(
										`${property.name} v${version} ${JSON.stringify({ levelValues, rootValues })}: n8n ${n8n}, canvas ${canvas}`,
									);
							}
						}
					}
				}
				expect(disagreements).toEqual([]);
				if (properties.some((property) => property.displayOptions))
					expect(compared).toBeGreaterThan(0);
			},
		);
	},
);

it('covers every node of the package and parameters with displayOptions', () => {
	expect(descriptions.map((description) => description.name).sort()).toEqual([
		'apiAction',
		'audienceFilter',
		'finAgentReply',
		'finTrigger',
		'responseFieldPicker',
	]);
	const withRules = descriptions
		.flatMap((description) => levelsOf(description.properties as unknown as Property[]).flat())
		.filter((property) => property.displayOptions);
	expect(withRules.length).toBeGreaterThan(10);
});
