import { graphToWorkflow, parseWorkflowJson, workflowToGraph } from '../../client/graph/workflow';
import type { N8nWorkflow } from '../../client/graph/types';
import { ACTION, FILTER, PICKER, TRIGGER, counterIds } from './fixtures';

function richWorkflow(): N8nWorkflow {
	return {
		name: 'Order status',
		nodes: [
			{
				parameters: { secretHeader: 'kept' },
				id: 't1',
				name: 'Fin Trigger',
				type: TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'w-1',
				notes: 'hello',
				notesInFlow: true,
			},
			{
				parameters: {},
				id: 'f1',
				name: 'Audience Filter',
				type: FILTER,
				typeVersion: 2,
				position: [240, 0],
				alwaysOutputData: true,
			},
			{
				parameters: { url: 'https://x.test' },
				id: 'a1',
				name: 'API Action',
				type: ACTION,
				typeVersion: 1,
				position: [480, 0],
				credentials: { finFixedTokenApi: { id: '7', name: 'Shop token' } },
				onError: 'continueErrorOutput',
			},
			{
				parameters: {},
				id: 'p1',
				name: 'Response Field Picker',
				type: PICKER,
				typeVersion: 1,
				position: [720, 0],
			},
			{
				parameters: { content: '## Fill in the shop domain', height: 300, width: 420, color: 5 },
				id: 's1',
				name: 'Sticky Note',
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [-40, -340],
			},
			{
				parameters: { foo: 1 },
				name: 'No id node',
				type: 'community.other',
				typeVersion: 3,
				position: [0, 400],
			},
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'Audience Filter', type: 'main', index: 0 }]] },
			// "Matched" goes on, "Not matched" is left empty but kept; a connection with an extra field.
			'Audience Filter': {
				main: [[{ node: 'API Action', type: 'main', index: 0, extra: 'x' }], []],
			},
			'API Action': { main: [[{ node: 'Response Field Picker', type: 'main', index: 0 }], null] },
			// A connection to a node that is not in the file, and an empty entry: both kept as they are.
			'Response Field Picker': { main: [[{ node: 'Gone', type: 'main', index: 0 }]] },
			'No id node': {},
		},
		pinData: { 'API Action': [{ json: { a: 1 } }] },
		settings: { executionOrder: 'v1', timezone: 'Europe/Paris' },
		meta: { templateCredsSetupCompleted: true, instanceId: 'abc' },
		tags: [{ name: 'fin' }],
		active: false,
		versionId: 'v-9',
		staticData: null,
	};
}

describe('n8n workflow JSON <-> canvas graph', () => {
	test('a round trip loses nothing: unknown fields, sticky notes, empty outputs, orphans, extra connection fields', () => {
		const original = richWorkflow();
		const doc = workflowToGraph(structuredClone(original), counterIds('gen'));
		expect(graphToWorkflow(doc)).toEqual(original);
		expect(JSON.parse(JSON.stringify(graphToWorkflow(doc)))).toEqual(
			JSON.parse(JSON.stringify(original)),
		);
	});

	test('canvas nodes and edges: ids kept, handles name the output, the sticky note is a sticky', () => {
		const doc = workflowToGraph(richWorkflow(), counterIds('gen'));
		expect(doc.nodes.map((node) => [node.id, node.type])).toEqual([
			['t1', 'fin'],
			['f1', 'fin'],
			['a1', 'fin'],
			['p1', 'fin'],
			['s1', 'sticky'],
			['gen1', 'fin'],
		]);
		expect(doc.nodes[4]).toMatchObject({ width: 420, height: 300, position: { x: -40, y: -340 } });
		expect(
			doc.edges.map(
				(edge) => `${edge.source}/${edge.sourceHandle}->${edge.target}/${edge.targetHandle}`,
			),
		).toEqual(['t1/main:0->f1/main:0', 'f1/main:0->a1/main:0', 'a1/main:0->p1/main:0']);
		expect(doc.meta.orphans).toHaveLength(1);
		// The generated id is not written into a node that had none.
		expect(graphToWorkflow(doc).nodes[5]).not.toHaveProperty('id');
	});

	test('moves, sticky resizes and removed nodes are written back', () => {
		const doc = workflowToGraph(richWorkflow(), counterIds());
		doc.nodes[2].position = { x: 500, y: 60 };
		doc.nodes[4].width = 500;
		doc.edges = doc.edges.filter((edge) => edge.target !== 'a1');
		const exported = graphToWorkflow(doc);
		expect(exported.nodes[2].position).toEqual([500, 60]);
		expect(exported.nodes[4].parameters).toEqual({
			content: '## Fill in the shop domain',
			height: 300,
			width: 500,
			color: 5,
		});
		expect(exported.connections['Audience Filter']).toEqual({ main: [[], []] });
	});

	test('new edges on the second output of a two-output node come out at index 1', () => {
		const doc = workflowToGraph({
			nodes: [
				{ name: 'F', type: FILTER, typeVersion: 1, position: [0, 0], parameters: {}, id: 'f' },
				{ name: 'B', type: ACTION, typeVersion: 1, position: [0, 0], parameters: {}, id: 'b' },
			],
			connections: {},
		});
		doc.edges.push({
			id: 'e',
			source: 'f',
			target: 'b',
			sourceHandle: 'main:1',
			targetHandle: 'main:0',
			data: { connectionType: 'main' },
		});
		expect(graphToWorkflow(doc).connections).toEqual({
			F: { main: [[], [{ node: 'B', type: 'main', index: 0 }]] },
		});
	});

	test('two nodes with the same id get distinct canvas ids', () => {
		const doc = workflowToGraph(
			{
				nodes: [
					{ name: 'A', type: ACTION, typeVersion: 1, position: [0, 0], parameters: {}, id: 'same' },
					{ name: 'B', type: ACTION, typeVersion: 1, position: [0, 0], parameters: {}, id: 'same' },
				],
				connections: { A: { main: [[{ node: 'B', type: 'main', index: 0 }]] } },
			},
			counterIds(),
		);
		expect(doc.nodes.map((node) => node.id)).toEqual(['same', 'id1']);
		expect(doc.edges[0]).toMatchObject({ source: 'same', target: 'id1' });
		expect(graphToWorkflow(doc).nodes.map((node) => node.id)).toEqual(['same', 'same']);
	});

	test('parseWorkflowJson says what is wrong and what to do', () => {
		expect(() => parseWorkflowJson('{nope')).toThrow(/not valid JSON.*Paste the whole file/);
		expect(() => parseWorkflowJson('[]')).toThrow(/not an n8n workflow/);
		expect(() => parseWorkflowJson('{"name":"x"}')).toThrow(/no "nodes" list/);
		expect(() => parseWorkflowJson('{"nodes":[{"name":"a"}]}')).toThrow(
			/Node 1 has no "name" or "type"/,
		);
		expect(parseWorkflowJson('{"nodes":[]}')).toEqual({ nodes: [], connections: {} });
	});
});
