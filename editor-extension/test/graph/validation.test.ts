import { addNode, connect } from '../../client/graph/operations';
import {
	canAddNode,
	checkConnection,
	sameStructure,
	validateGraph,
} from '../../client/graph/validation';
import { emptyDoc } from '../../client/graph/workflow';
import type { GraphDoc } from '../../client/graph/types';
import { ACTION, FILTER, PICKER, TRIGGER, counterIds, descriptions, lookup } from './fixtures';

function chain(): GraphDoc {
	const ids = counterIds('n');
	let doc = emptyDoc();
	for (const [type, x] of [
		[TRIGGER, 0],
		[FILTER, 240],
		[ACTION, 480],
		[PICKER, 720],
	] as const) {
		doc = addNode(doc, type, descriptions[type], { x, y: 0 }, lookup, undefined, ids).doc;
	}
	// n1 trigger, n2 filter, n3 action, n4 picker (webhookId takes an id after n1)
	return doc;
}

const idOf = (doc: GraphDoc, name: string) =>
	doc.nodes.find((node) => node.data.node.name === name)!.id;

describe('connection rules', () => {
	test('a trigger takes no input', () => {
		const doc = chain();
		const verdict = checkConnection(
			doc,
			{ source: idOf(doc, 'API Action'), target: idOf(doc, 'Fin Trigger') },
			lookup,
		);
		expect(verdict).toEqual({
			ok: false,
			reason: expect.stringMatching(/Fin Trigger is the trigger.*takes no input/),
		});
	});

	test('no cycles, no self loops, no duplicates', () => {
		let doc = chain();
		const [trigger, filter, action, picker] = [
			'Fin Trigger',
			'Audience Filter',
			'API Action',
			'Response Field Picker',
		].map((name) => idOf(doc, name));
		doc = connect(doc, { source: trigger, target: filter });
		doc = connect(doc, { source: filter, target: action, sourceHandle: 'main:0' });
		doc = connect(doc, { source: action, target: picker });
		expect(checkConnection(doc, { source: picker, target: filter }, lookup)).toEqual({
			ok: false,
			reason:
				'This would make a loop (Audience Filter → API Action → Response Field Picker → Audience Filter). An action runs once, from the trigger to the answer.',
		});
		expect(checkConnection(doc, { source: action, target: action }, lookup)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/cannot feed itself/),
		});
		expect(checkConnection(doc, { source: action, target: picker }, lookup)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/already connected/),
		});
	});

	test("the Audience Filter's two outputs must lead to different nodes", () => {
		let doc = chain();
		const [filter, action, picker] = ['Audience Filter', 'API Action', 'Response Field Picker'].map(
			(name) => idOf(doc, name),
		);
		doc = connect(doc, { source: filter, target: action, sourceHandle: 'main:0' });
		expect(
			checkConnection(doc, { source: filter, target: action, sourceHandle: 'main:1' }, lookup),
		).toEqual({
			ok: false,
			reason:
				'"Not matched" and "Matched" of Audience Filter must lead to different steps, or both audiences would get the same answer. Add a separate node for "Not matched".',
		});
		expect(
			checkConnection(doc, { source: filter, target: picker, sourceHandle: 'main:1' }, lookup),
		).toEqual({ ok: true });
	});

	test('one trigger per action', () => {
		const doc = chain();
		expect(canAddNode(doc, TRIGGER, lookup)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/already starts with Fin Trigger/),
		});
		expect(canAddNode(doc, ACTION, lookup)).toEqual({ ok: true });
		expect(canAddNode(emptyDoc(), TRIGGER, lookup)).toEqual({ ok: true });
	});
});

describe('validateGraph', () => {
	test('an empty canvas and a canvas without trigger say what to add', () => {
		expect(validateGraph(emptyDoc(), lookup)).toEqual([
			expect.objectContaining({
				level: 'error',
				message: expect.stringMatching(/empty.*template/),
			}),
		]);
		const doc = addNode(emptyDoc(), ACTION, descriptions[ACTION], { x: 0, y: 0 }, lookup).doc;
		expect(validateGraph(doc, lookup)).toEqual([
			expect.objectContaining({
				level: 'error',
				message: expect.stringMatching(/Add a Fin Trigger/),
			}),
		]);
	});

	test('imported graphs breaking the rules are reported; unconnected and unknown nodes are warnings', () => {
		let doc = chain();
		const [trigger, filter, action, picker] = [
			'Fin Trigger',
			'Audience Filter',
			'API Action',
			'Response Field Picker',
		].map((name) => idOf(doc, name));
		doc = connect(doc, { source: trigger, target: filter });
		doc = connect(doc, { source: filter, target: action, sourceHandle: 'main:0' });
		doc = connect(doc, { source: filter, target: action, sourceHandle: 'main:1' });
		doc = connect(doc, { source: action, target: picker });
		doc = connect(doc, { source: picker, target: action });
		doc = connect(doc, { source: picker, target: trigger });
		doc.nodes.push({
			...doc.nodes[2],
			id: 'x',
			data: { node: { ...doc.nodes[2].data.node, name: 'Other', type: 'community.unknown' } },
		});
		doc.nodes.push({
			...doc.nodes[0],
			id: 't2',
			data: { node: { ...doc.nodes[0].data.node, name: 'Second trigger' } },
		});
		const messages = validateGraph(doc, lookup).map(
			(problem) => `${problem.level}: ${problem.message}`,
		);
		expect(messages).toEqual([
			'error: An action has one trigger, this one has 2 (Fin Trigger, Second trigger). Delete all but one.',
			'error: Fin Trigger is a trigger and takes no input: remove the connection into it.',
			'error: These steps form a loop: Fin Trigger, Audience Filter, API Action, Response Field Picker. Remove one connection.',
			'error: Two outputs of Audience Filter lead to API Action: each output needs its own next step.',
			'warning: Other is a "community.unknown" node, which this canvas does not know: it is kept and exported unchanged, but a test cannot run it.',
		]);
	});

	test('a valid chain has no problems; a stray node is a warning', () => {
		let doc = chain();
		const [trigger, filter, action, picker] = [
			'Fin Trigger',
			'Audience Filter',
			'API Action',
			'Response Field Picker',
		].map((name) => idOf(doc, name));
		doc = connect(doc, { source: trigger, target: filter });
		doc = connect(doc, { source: filter, target: action, sourceHandle: 'main:0' });
		expect(validateGraph(doc, lookup)).toEqual([
			expect.objectContaining({
				level: 'warning',
				message:
					'Response Field Picker is not connected to Fin Trigger, so it never runs. Drag from an output dot to it.',
			}),
		]);
		doc = connect(doc, { source: action, target: picker });
		expect(validateGraph(doc, lookup)).toEqual([]);
	});
});

describe('validation only when the structure changes', () => {
	test('moving or selecting nodes keeps the structure; connecting or editing changes it', () => {
		const doc = chain();
		const moved: GraphDoc = {
			...doc,
			nodes: doc.nodes.map((node) => ({
				...node,
				position: { x: node.position.x + 40, y: 10 },
				selected: true,
			})),
		};
		expect(sameStructure(doc, moved)).toBe(true);
		const connected = connect(doc, {
			source: idOf(doc, 'Fin Trigger'),
			target: idOf(doc, 'Audience Filter'),
		});
		expect(sameStructure(doc, connected)).toBe(false);
		const edited: GraphDoc = {
			...doc,
			nodes: doc.nodes.map((node, index) =>
				index === 0
					? { ...node, data: { ...node.data, node: { ...node.data.node, disabled: true } } }
					: node,
			),
		};
		expect(sameStructure(doc, edited)).toBe(false);
		expect(sameStructure(doc, { ...doc, nodes: doc.nodes.slice(1) })).toBe(false);
	});
});
