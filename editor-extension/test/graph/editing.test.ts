import { copySelection, pasteFragment } from '../../client/graph/clipboard';
import {
	canRedo,
	canUndo,
	createHistory,
	record,
	redo,
	replacePresent,
	undo,
} from '../../client/graph/history';
import { uniqueName } from '../../client/graph/naming';
import {
	addNode,
	addSticky,
	nextPosition,
	removeElements,
	renameNode,
	toggleDisabled,
} from '../../client/graph/operations';
import { fingerprint } from '../../client/graph/fingerprint';
import { emptyDoc, graphToWorkflow } from '../../client/graph/workflow';
import type { GraphDoc } from '../../client/graph/types';
import { ACTION, FILTER, PICKER, TRIGGER, counterIds, descriptions, lookup } from './fixtures';

function build(): GraphDoc {
	const ids = counterIds('n');
	let doc = emptyDoc();
	let last: string | undefined;
	for (const type of [TRIGGER, FILTER, ACTION, PICKER]) {
		const result = addNode(
			doc,
			type,
			descriptions[type],
			nextPosition(doc, last),
			lookup,
			last,
			ids,
		);
		doc = result.doc;
		last = result.id;
	}
	return doc;
}

describe('adding nodes', () => {
	test('click-to-add after the selected node places it to the right and connects it, like n8n', () => {
		const doc = build();
		const workflow = graphToWorkflow(doc);
		expect(workflow.nodes.map((node) => [node.name, node.position, node.typeVersion])).toEqual([
			['Fin Trigger', [200, 200], 1],
			['Audience Filter', [440, 200], 2],
			['API Action', [680, 200], 1],
			['Response Field Picker', [920, 200], 1],
		]);
		expect(workflow.nodes[0].webhookId).toBeDefined();
		expect(workflow.connections).toEqual({
			'Fin Trigger': { main: [[{ node: 'Audience Filter', type: 'main', index: 0 }]] },
			'Audience Filter': { main: [[{ node: 'API Action', type: 'main', index: 0 }]] },
			'API Action': { main: [[{ node: 'Response Field Picker', type: 'main', index: 0 }]] },
		});
		expect(doc.nodes.filter((node) => node.selected).map((node) => node.data.node.name)).toEqual([
			'Response Field Picker',
		]);
	});

	test('a second node after the filter takes its free "Not matched" output', () => {
		let doc = build();
		const filter = doc.nodes[1].id;
		doc = addNode(doc, ACTION, descriptions[ACTION], { x: 0, y: 0 }, lookup, filter).doc;
		const workflow = graphToWorkflow(doc);
		expect(workflow.connections['Audience Filter'].main[1]).toEqual([
			{ node: 'API Action1', type: 'main', index: 0 },
		]);
	});

	test('a node that may not be connected is still added, with the reason', () => {
		const doc = build();
		const result = addNode(
			doc,
			TRIGGER,
			descriptions[TRIGGER],
			{ x: 0, y: 0 },
			lookup,
			doc.nodes[3].id,
		);
		expect(result.notConnected).toMatch(/Fin Trigger1 is the trigger/);
	});

	test('names are unique the way n8n makes them', () => {
		expect(uniqueName('API Action', ['API Action'])).toBe('API Action1');
		expect(uniqueName('API Action1', ['API Action', 'API Action1'])).toBe('API Action2');
		expect(uniqueName('  ', [])).toBe('Node');
	});
});

describe('editing', () => {
	test('removing a node removes its edges', () => {
		const built = build();
		const doc = removeElements(built, [built.nodes[1].id]);
		expect(doc.nodes.map((node) => node.data.node.name)).toEqual([
			'Fin Trigger',
			'API Action',
			'Response Field Picker',
		]);
		expect(graphToWorkflow(doc).connections).toEqual({
			'API Action': { main: [[{ node: 'Response Field Picker', type: 'main', index: 0 }]] },
		});
	});

	test('rename keeps names unique and moves pinned data', () => {
		let doc = build();
		doc.meta.fields.pinData = { 'API Action': [{ json: { a: 1 } }] };
		expect(renameNode(doc, doc.nodes[2].id, 'Fin Trigger').verdict).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/already called "Fin Trigger"/),
		});
		expect(renameNode(doc, doc.nodes[2].id, ' ').verdict.ok).toBe(false);
		doc = renameNode(doc, doc.nodes[2].id, 'Get orders').doc;
		const workflow = graphToWorkflow(doc);
		expect(workflow.pinData).toEqual({ 'Get orders': [{ json: { a: 1 } }] });
		expect(workflow.connections['Audience Filter'].main[0]).toEqual([
			{ node: 'Get orders', type: 'main', index: 0 },
		]);
	});

	test('D deactivates, then activates', () => {
		let doc = build();
		doc = toggleDisabled(doc, [doc.nodes[2].id]);
		expect(doc.nodes[2].data.node.disabled).toBe(true);
		doc = toggleDisabled(doc, [doc.nodes[2].id]);
		expect(doc.nodes[2].data.node).not.toHaveProperty('disabled');
	});

	test('sticky notes are n8n sticky nodes', () => {
		const doc = addSticky(emptyDoc(), { x: 10, y: 20 }, 'Fill in the URL').doc;
		expect(graphToWorkflow(doc).nodes[0]).toMatchObject({
			type: 'n8n-nodes-base.stickyNote',
			name: 'Sticky Note',
			parameters: { content: 'Fill in the URL', width: 240, height: 160 },
		});
	});
});

describe('copy and paste', () => {
	test('copy is an n8n workflow fragment with the internal connections only', () => {
		const doc = build();
		const text = copySelection(doc, [doc.nodes[2].id, doc.nodes[3].id]);
		expect(JSON.parse(text)).toEqual({
			nodes: [
				expect.objectContaining({ name: 'API Action' }),
				expect.objectContaining({ name: 'Response Field Picker' }),
			],
			connections: {
				'API Action': { main: [[{ node: 'Response Field Picker', type: 'main', index: 0 }]] },
			},
		});
	});

	test('paste gives new ids and names, keeps internal connections, leaves out a second trigger', () => {
		const doc = build();
		const text = copySelection(
			doc,
			doc.nodes.map((node) => node.id),
		);
		const result = pasteFragment(doc, text, lookup, { makeId: counterIds('p') });
		expect(result.notices).toEqual([
			'Fin Trigger was not pasted: this action already has a trigger.',
		]);
		const workflow = graphToWorkflow(result.doc);
		expect(workflow.nodes.slice(4).map((node) => [node.id, node.name, node.position])).toEqual([
			['p1', 'Audience Filter1', [480, 240]],
			['p2', 'API Action1', [720, 240]],
			['p3', 'Response Field Picker1', [960, 240]],
		]);
		expect(workflow.connections['Audience Filter1']).toEqual({
			main: [[{ node: 'API Action1', type: 'main', index: 0 }]],
		});
		expect(result.pastedIds).toEqual(['p1', 'p2', 'p3']);
		expect(result.doc.nodes.filter((node) => node.selected).map((node) => node.id)).toEqual([
			'p1',
			'p2',
			'p3',
		]);
	});

	test('paste at a point, and into an empty canvas the trigger comes along with a fresh webhook id', () => {
		const doc = build();
		const text = copySelection(doc, [doc.nodes[0].id]);
		const result = pasteFragment(emptyDoc(), text, lookup, {
			at: { x: 0, y: 0 },
			makeId: counterIds('q'),
		});
		expect(graphToWorkflow(result.doc).nodes[0]).toMatchObject({
			name: 'Fin Trigger',
			position: [0, 0],
			webhookId: doc.nodes[0].data.node.webhookId,
		});
		expect(() => pasteFragment(doc, 'hello', lookup)).toThrow(/not valid JSON/);
	});
});

describe('undo and redo', () => {
	test('record, undo, redo, and a new change clears redo', () => {
		let history = createHistory('a');
		history = record(history, 'b');
		history = record(history, 'c');
		history = undo(history);
		expect(history.present).toBe('b');
		expect(canRedo(history)).toBe(true);
		history = redo(history);
		expect(history.present).toBe('c');
		history = undo(undo(history));
		expect(history.present).toBe('a');
		expect(canUndo(history)).toBe(false);
		expect(undo(history)).toBe(history);
		history = record(redo(history), 'z');
		expect(history).toEqual({ past: ['a', 'b'], present: 'z', future: [] });
		expect(replacePresent(history, 'y')).toEqual({ past: ['a', 'b'], present: 'y', future: [] });
	});

	test('the history is bounded', () => {
		let history = createHistory(0);
		for (let i = 1; i <= 150; i++) history = record(history, i, 100);
		expect(history.past).toHaveLength(100);
		expect(history.past[0]).toBe(50);
	});
});

describe('fingerprint (what a successful test is valid for)', () => {
	test('moving nodes or adding sticky notes keeps it; a parameter change does not', () => {
		const doc = build();
		const before = fingerprint(graphToWorkflow(doc));
		const moved = {
			...doc,
			nodes: doc.nodes.map((node) => ({ ...node, position: { x: node.position.x + 5, y: 0 } })),
		};
		expect(fingerprint(graphToWorkflow(addSticky(moved, { x: 0, y: 0 }).doc))).toBe(before);
		const changed = {
			...doc,
			nodes: doc.nodes.map((node, i) =>
				i === 2
					? { ...node, data: { node: { ...node.data.node, parameters: { url: 'x' } } } }
					: node,
			),
		};
		expect(fingerprint(graphToWorkflow(changed))).not.toBe(before);
	});
});
