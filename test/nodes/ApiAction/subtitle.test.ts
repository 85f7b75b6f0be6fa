// The API Action's subtitle, evaluated by n8n-workflow's expression engine as n8n's editor does:
// a name a person reads, never a template id such as `shopifyOrderStatus`.
import type { IDataObject, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ApiAction } from '../../../nodes/ApiAction/ApiAction.node';
import { FinTrigger } from '../../../nodes/FinTrigger/FinTrigger.node';
import { FixedNodeTypes } from '../../../engine/node-types';
import { PACKAGE_NAME } from '../../../engine/package-types';
import { ACTION, apiActionWorkflow } from '../../fixtures/api-action-workflows';

function subtitleFor(parameters: IDataObject): unknown {
	const json = apiActionWorkflow(parameters);
	const workflow = new Workflow({
		id: 'wf',
		nodes: json.nodes,
		connections: json.connections,
		nodeTypes: new FixedNodeTypes([new FinTrigger(), new ApiAction()], PACKAGE_NAME),
		active: false,
	});
	const node = workflow.getNode(ACTION) as INode;
	const subtitle = new ApiAction().description.subtitle as string;
	return workflow.expression.getSimpleParameterValue(node, subtitle, 'internal', {});
}

describe('API Action subtitle', () => {
	it.each([
		[{ template: 'shopifyOrderStatus', actionName: '' }, 'Shopify order status'],
		[{ template: 'statuspageIncidents', actionName: '' }, 'Statuspage ongoing incidents'],
		[{ template: 'custom', actionName: '', url: 'https://api.example.com/x' }, 'Custom request'],
		[{ template: 'shopifyOrderStatus', actionName: 'Where is my order' }, 'Where is my order'],
	])('with %j reads "%s"', (parameters, expected) => {
		expect(subtitleFor(parameters)).toBe(expected);
	});
});
