// The agent workflow builder (server/agent/workflow.ts), fed the project's own templates: every live
// action becomes one identity-bound API Action tool with its audience and picked fields, and
// anything that would hand the model more than the picked fields, or mix up two actions, is refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { HttpError } from '../../server/http';
import {
	agentToolNodes,
	agentWorkflow,
	FIXED_RULES,
	type AgentAction,
	type N8nNode,
	type N8nWorkflow,
} from '../../server/agent/workflow';

const TEMPLATES = join(__dirname, '../../../templates/workflows');
const template = (file: string): N8nWorkflow =>
	JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as N8nWorkflow;
const MESSENGER = { finMessengerApi: { id: 'local_messenger', name: 'Messenger' } };

/** A template as a stored action: its trigger on the workspace's Messenger credential. */
function action(name: string, file = 'shopify-order-status.json'): AgentAction {
	const workflow = template(file);
	for (const node of workflow.nodes)
		if (node.type.endsWith('.finTrigger')) node.credentials = { ...MESSENGER };
	return { name, workflow };
}

const node = (workflow: N8nWorkflow, type: string) =>
	workflow.nodes.find((entry) => entry.type.endsWith(type)) as N8nNode;

function refusal(run: () => unknown): HttpError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(HttpError);
		expect((error as HttpError).status).toBe(400);
		expect((error as HttpError).hint.length).toBeGreaterThan(10);
		return error as HttpError;
	}
	throw new Error('expected the builder to refuse');
}

it('builds one agent: Fin Trigger -> AI Agent -> Fin Agent Reply, the chat model and one tool per live action', () => {
	const orders = action('Order status');
	const incidents = action('Ongoing incidents', 'statuspage-incidents.json');
	const built = agentWorkflow({
		actions: [orders, incidents],
		settings: {
			instructions: 'Be brief. Never talk about refunds.',
			model: { baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted-model' },
		},
		webhookId: 'wh-123',
	});
	expect(built.name).toBe('Fin agent');
	expect(built.nodes.map((entry) => [entry.name, entry.type, entry.typeVersion])).toEqual([
		['Fin Trigger', 'n8n-nodes-fin-actions.finTrigger', 2],
		['AI Agent', '@n8n/n8n-nodes-langchain.agent', 3.1],
		['Chat Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', 1.3],
		['Order status', 'n8n-nodes-fin-actions.apiActionTool', 1.1],
		['Ongoing incidents', 'n8n-nodes-fin-actions.apiActionTool', 1.1],
		['Fin Agent Reply', 'n8n-nodes-fin-actions.finAgentReply', 1],
	]);
	const trigger = node(built, '.finTrigger');
	expect(trigger).toMatchObject({
		webhookId: 'wh-123',
		parameters: {
			source: 'messenger',
			requireIdentityVerification: true,
			protectedAttributes: 'email',
			responseMode: 'lastNode',
			options: {},
		},
		credentials: MESSENGER,
	});
	const agent = node(built, '.agent');
	expect(agent.parameters).toEqual({
		promptType: 'define',
		text: '={{ $json.message.text }}',
		options: {
			systemMessage: `${FIXED_RULES}\n\nInstructions from the admin:\nBe brief. Never talk about refunds.`,
			returnIntermediateSteps: true,
		},
	});
	expect(FIXED_RULES).toMatch(/only for this customer/);
	expect(FIXED_RULES).toMatch(/Never ask for, accept or use another customer's details/);
	expect(FIXED_RULES).toMatch(/not available to this customer, do not offer/);
	expect(node(built, '.lmChatOpenAi').parameters).toEqual({
		model: { __rl: true, mode: 'id', value: 'scripted-model' },
		responsesApiEnabled: false,
		options: {},
	});
	const link = (to: string, type: string) => ({ [type]: [[{ node: to, type, index: 0 }]] });
	expect(built.connections).toEqual({
		'Fin Trigger': link('AI Agent', 'main'),
		'AI Agent': link('Fin Agent Reply', 'main'),
		'Chat Model': link('AI Agent', 'ai_languageModel'),
		'Order status': link('AI Agent', 'ai_tool'),
		'Ongoing incidents': link('AI Agent', 'ai_tool'),
	});
});

it("copies the API Action's parameters, its picked fields and its Audience Filter (caseSensitive flat) into the tool", () => {
	const orders = action('Order status');
	const filter = node(orders.workflow, '.audienceFilter');
	filter.parameters = {
		...filter.parameters,
		testAccounts: 'qa@example.com',
		bucketAttribute: 'user.user_id',
		audienceKinds: ['user'],
		options: { caseSensitive: true },
	};
	const api = node(orders.workflow, '.apiAction');
	api.credentials = { finFixedTokenApi: { id: 'local_shop', name: 'Shop token' } };
	// An action saved with API Action version 1 (the templates are 1.1 now).
	api.typeVersion = 1;
	const [tool] = agentToolNodes([orders]);
	expect(tool.credentials).toEqual(api.credentials);
	expect(tool.parameters).toEqual({
		...api.parameters,
		responseMode: 'picked',
		// A version 1 API Action's flat answers stay flat as a 1.1 tool.
		answerShape: 'flat',
		audience: {
			status: 'live',
			testAccounts: 'qa@example.com',
			ruleGroups: filter.parameters.ruleGroups,
			rolloutPercentage: 100,
			bucketAttribute: 'user.user_id',
			actionName: 'shopify-order-status',
			caseSensitive: true,
		},
	});
	// An action without an Audience Filter is for every verified customer.
	const open = action('Open');
	open.workflow.nodes = open.workflow.nodes.filter(
		(entry) => !entry.type.endsWith('.audienceFilter'),
	);
	expect(agentToolNodes([open])[0].parameters.audience).toEqual({});
});

it('carries the fields of a separate Response Field Picker when the API Action passes the full response under the same key', () => {
	const orders = action('Order status');
	const api = node(orders.workflow, '.apiAction');
	const fields = api.parameters.fields;
	api.parameters = { ...api.parameters, responseMode: 'full', fields: {} };
	const picker = node(orders.workflow, '.responseFieldPicker');
	picker.typeVersion = 1.1;
	picker.parameters = { responseKey: 'response', access: 'selected', fields, answerKey: 'answer' };
	const [tool] = agentToolNodes([orders]);
	expect(tool.parameters).toMatchObject({ responseMode: 'picked', fields, answerShape: 'grouped' });

	// The picker reads another key than the API Action writes: refused, naming both.
	picker.parameters.responseKey = 'body';
	expect(refusal(() => agentToolNodes([orders])).message).toMatch(
		/"Answer" reads "body" but the API Action "Shopify order status" puts the response under "response"/,
	);
});

it('refuses an action whose tool would hand the model more than picked fields', () => {
	// The full response, and no picker choosing fields.
	const full = action('Order status');
	node(full.workflow, '.apiAction').parameters.responseMode = 'full';
	expect(refusal(() => agentToolNodes([full])).message).toMatch(
		/"Order status" answers the full response: the agent's model would read all of it/,
	);
	// Picking twice (API Action and a selecting picker) cannot be one tool's picking.
	const twice = action('Order status');
	node(twice.workflow, '.responseFieldPicker').parameters.access = 'selected';
	expect(refusal(() => agentToolNodes([twice])).message).toMatch(
		/picks fields in more than one place/,
	);
	// No fields picked at all.
	const none = action('Order status');
	node(none.workflow, '.apiAction').parameters.fields = {};
	expect(refusal(() => agentToolNodes([none])).message).toMatch(/picks no fields/);
});

it('says clearly when two live actions share a name, or reach the model under the same tool name', () => {
	expect(
		refusal(() => agentToolNodes([action('Order status'), action('Order status')])).message,
	).toBe('Two live actions are both named "Order status": the agent could not tell them apart');
	expect(
		refusal(() => agentToolNodes([action('Order status'), action('Order_status')])).message,
	).toMatch(
		/"Order status" and "Order_status" reach the model under the same tool name "Order_status"/,
	);
	expect(refusal(() => agentToolNodes([action('AI Agent')])).message).toMatch(
		/has the name of one of the agent's own nodes/,
	);
});

it('refuses two actions on different Messenger credentials, or verifying customers differently, naming both', () => {
	const first = action('Order status');
	const second = action('Ongoing incidents', 'statuspage-incidents.json');
	node(second.workflow, '.finTrigger').credentials = {
		finMessengerApi: { id: 'local_other', name: 'Other workspace' },
	};
	const settings = { instructions: '' };
	expect(
		refusal(() => agentWorkflow({ actions: [first, second], settings, webhookId: 'w' })).message,
	).toBe(
		'The actions "Order status" and "Ongoing incidents" use different Fin Messenger credentials; one agent answers one Messenger',
	);
	node(second.workflow, '.finTrigger').credentials = { ...MESSENGER };
	node(first.workflow, '.finTrigger').parameters.jwtIssuer = 'https://a.example.com';
	node(second.workflow, '.finTrigger').parameters.jwtIssuer = 'https://b.example.com';
	expect(
		refusal(() => agentWorkflow({ actions: [first, second], settings, webhookId: 'w' })).message,
	).toMatch(
		/"Order status" and "Ongoing incidents" verify customers differently \(Fin Trigger "jwtIssuer"\)/,
	);
});

it('refuses an action only for leads or visitors: the agent answers verified customers only', () => {
	const leads = action('Order status');
	node(leads.workflow, '.audienceFilter').parameters.audienceKinds = ['lead'];
	expect(refusal(() => agentToolNodes([leads])).message).toMatch(/only for leads/);
});

it('adds the draft of the preview as one more tool, standing in for the live action of its name', () => {
	const live = action('Order status');
	const draft = action('Order status');
	node(draft.workflow, '.audienceFilter').parameters.status = 'testing';
	const built = agentWorkflow({
		actions: [live, action('Ongoing incidents', 'statuspage-incidents.json')],
		draft,
		settings: { instructions: '' },
		webhookId: 'w',
	});
	const tools = built.nodes.filter((entry) => entry.type.endsWith('.apiActionTool'));
	expect(tools.map((entry) => entry.name)).toEqual(['Ongoing incidents', 'Order status']);
	expect((tools[1].parameters.audience as { status: string }).status).toBe('testing');
	// Without instructions the system message is the fixed rules alone.
	expect(node(built, '.agent').parameters.options).toMatchObject({ systemMessage: FIXED_RULES });
});

it("names tools as n8n does and keeps the action's rollout sample when the filter names none", () => {
	const unnamed = action('Invoices (pro) -- EU');
	const filter = node(unnamed.workflow, '.audienceFilter');
	delete filter.parameters!.actionName;
	const [tool] = agentToolNodes([unnamed, action('Order status')]);
	// The rollout hash of the action's own workflow uses the filter's node id: the tool keeps it.
	expect(tool.parameters?.audience).toMatchObject({ actionName: filter.id });
	// A named rollout stays named.
	expect(agentToolNodes([action('Order status')])[0].parameters?.audience).toMatchObject({
		actionName: 'shopify-order-status',
	});
	// Two names n8n gives the same tool name are refused (n8n turns each run of other characters into one `_`).
	const clash = refusal(() => agentToolNodes([action('Invoices (pro)'), action('Invoices  pro_')]));
	expect(clash.message).toContain('"Invoices_pro_"');
});
