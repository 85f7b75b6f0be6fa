// Picking at the source (audit point 7), the pure parts: a new API Action picks by default, ticks
// land in the API Action's own fields (also from a Response Field Picker after it), and the preview
// replays the recorded response through the real nodes.
import { ApiAction, ResponseFieldPicker } from '../../../nodes/public';
import { addNode, createN8nNode } from '../../client/graph/operations';
import { pickSource, unfoundPointers, withRecordedResponses } from '../../client/graph/picking';
import { findPickerSlots, pickedPointers, togglePointer } from '../../client/graph/pointers';
import type { NodeDescription } from '../../client/graph/types';
import { emptyDoc, graphToWorkflow } from '../../client/graph/workflow';
import { ACTION, FILTER, PICKER, TRIGGER, counterIds, descriptions, lookup } from './fixtures';

const apiAction = new ApiAction().description as unknown as NodeDescription;
const fieldPicker = new ResponseFieldPicker().description as unknown as NodeDescription;

test('a new API Action picks fields (nothing leaves it until one is ticked); Full Response is not the default', () => {
	const node = createN8nNode(ACTION, apiAction, emptyDoc(), { x: 0, y: 0 }, counterIds());
	expect(node.parameters.responseMode).toBe('picked');
	expect(node.parameters.fields).toBeUndefined();
});

test('a new Response Field Picker passes on what its API Action picked (it shapes, it does not pick)', () => {
	const node = createN8nNode(PICKER, fieldPicker, emptyDoc(), { x: 0, y: 0 }, counterIds());
	expect(node.parameters.access).toBe('full');
});

test("ticks go into the API Action's own fields, pointer relative to the raw response, and switch it to picked", () => {
	const slots = findPickerSlots(apiAction.properties)!;
	expect(slots.property.name).toBe('fields');
	expect(slots.gate).toEqual({ responseMode: 'picked' });
	const ticked = togglePointer({ responseMode: 'full' }, slots, '/orders/*/total_price');
	expect(ticked.responseMode).toBe('picked');
	expect(pickedPointers(ticked, slots)).toEqual(['/orders/*/total_price']);
});

test('the source of a Pick fields tab: the API Action itself, or the nearest one feeding the node', () => {
	const ids = counterIds('n');
	let doc = emptyDoc();
	const add = (type: string, after?: string) => {
		const result = addNode(doc, type, descriptions[type], { x: 0, y: 0 }, lookup, after, ids);
		doc = result.doc;
		return result.id;
	};
	const trigger = add(TRIGGER);
	const filter = add(FILTER, trigger);
	const action = add(ACTION, filter);
	const picker = add(PICKER, action);
	const lonely = add(PICKER);
	expect(pickSource(doc, action)?.id).toBe(action);
	expect(pickSource(doc, picker)?.id).toBe(action);
	expect(pickSource(doc, lonely)).toBeUndefined();
	expect(pickSource(doc, filter)).toBeUndefined();
});

test('the preview replays the recorded response: each tested API Action answers it as its Mock Response', () => {
	const ids = counterIds('n');
	let doc = emptyDoc();
	const first = addNode(doc, ACTION, descriptions[ACTION], { x: 0, y: 0 }, lookup, undefined, ids);
	doc = first.doc;
	doc = addNode(doc, ACTION, descriptions[ACTION], { x: 0, y: 0 }, lookup, undefined, ids).doc;
	const workflow = graphToWorkflow(doc);
	const raw = { orders: [{ name: '#1001', phone: '+44 1' }] };
	const replay = withRecordedResponses(workflow, { 'API Action': raw });
	expect(replay.nodes[0].parameters).toMatchObject({
		responseSource: 'mock',
		mockResponse: JSON.stringify(raw),
	});
	expect(replay.nodes[1].parameters).toEqual(workflow.nodes[1].parameters);
	// The graph itself is not changed.
	expect(workflow.nodes[0].parameters.responseSource).toBeUndefined();
});

test("what finds nothing is what the node's own fieldsUsed leaves out", () => {
	expect(unfoundPointers(['/a', '/b/*/c', '/d'], ['/a', '/b/*/c'])).toEqual(['/d']);
	expect(unfoundPointers(['/a'], undefined)).toEqual(['/a']);
});
