// Conversation events of the workspace agent (server/agent/events.ts) on executions recorded from
// real n8n 2.40.7 (fixtures/n8n-2.40.7-agent-executions.json: the AI Agent with three tools and the
// scripted model; see its "//"). The Fin Agent Reply node did not exist in that recording: where a
// test needs it, its output is added in the shape the node's spec gives (withReply).
import { secretVariants } from '../../../nodes/public';
import { conversationEvent, eventMatches } from '../../server/agent/events';
import recorded from './fixtures/n8n-2.40.7-agent-executions.json';

type Json = Record<string, any>;
const BASE = 'http://127.0.0.1:5678';
const context = { baseUrl: BASE, workflowId: recorded.workflowId, secrets: [] as string[] };
const byId = (id: string): Json =>
	structuredClone(recorded.executions.find((execution) => execution.id === id) as Json);
// Oldest first: no call, one call, two calls, missing input, API 500, model 400, model refused the key.
const [NONE, ORDER, TWO, MISSING, BROKEN, BAD_REQUEST, REFUSED] = [
	'1',
	'2',
	'3',
	'4',
	'5',
	'6',
	'7',
];
const TOOLS = ['Shopify order status', 'Ongoing incidents', 'Order_Status'];
const REPLY_NODE = 'Fin Agent Reply';

/** Adds the Fin Agent Reply node to the workflow; with `output`, also its run. */
function withReply(execution: Json, output?: Json): Json {
	execution.workflowData.nodes.push({
		name: REPLY_NODE,
		type: 'n8n-nodes-fin-actions.finAgentReply',
		typeVersion: 1,
		parameters: {},
	});
	if (output) {
		execution.data.resultData.runData[REPLY_NODE] = [
			{
				startTime: 1,
				executionIndex: 99,
				executionStatus: 'success',
				data: { main: [[{ json: output }]] },
			},
		];
		execution.data.resultData.lastNodeExecuted = REPLY_NODE;
	}
	return execution;
}

const orderCall = {
	action: 'Order_Status',
	tool: 'Order_Status',
	input: { order_number: '1001' },
	outcome: 'succeeded',
};

it('reads a conversation with one successful call: customer, message, reply, available, called, used in reply', () => {
	const execution = withReply(byId(ORDER), {
		reply: 'Your order 1001 is shipped.',
		actions: {
			available: ['Order_Status', 'Ongoing incidents'],
			called: [orderCall],
			usedInReply: ['Order_Status'],
		},
	});
	expect(conversationEvent(execution, context)).toEqual({
		id: ORDER,
		startedAt: execution.startedAt,
		stoppedAt: execution.stoppedAt,
		status: 'success',
		customer: { userId: 'cust-4711', email: 'ada.lovelace@example.com', verified: true },
		message: 'SCENARIO:order Where is my order?',
		reply: 'Your order 1001 is shipped.',
		actions: TOOLS,
		available: ['Order_Status', 'Ongoing incidents'],
		calls: [orderCall],
		usedInReply: ['Order_Status'],
		unknown: [],
		url: `${BASE}/workflow/${recorded.workflowId}/executions/${ORDER}`,
	});
});

it('lists two calls in the order n8n ran them, each with the arguments the model gave', () => {
	const event = conversationEvent(byId(TWO), context);
	expect(event.calls).toEqual([
		orderCall,
		{ action: 'Ongoing incidents', tool: 'Ongoing_incidents', input: {}, outcome: 'succeeded' },
	]);
	// The tools' answers stay in n8n: only the reply the customer got is shown.
	const text = JSON.stringify(event);
	for (const answered of ['Elevated API error rates', 'faulty load balancer', 'stspg.io'])
		expect(text).not.toContain(answered);
	expect(event.reply).toBe('Order 1001 is shipped; no incidents.');
});

it('a call whose API failed is "failed" in the tool node, with its message and what to do; the conversation itself went on', () => {
	const event = conversationEvent(byId(BROKEN), context);
	expect(event.status).toBe('success');
	expect(event.error).toBeUndefined();
	expect(event.calls).toEqual([
		{
			action: 'Order_Status',
			tool: 'Order_Status',
			input: { order_number: '500' },
			outcome: 'failed',
			error: {
				node: 'Order_Status',
				message: 'The API answered 500: the API failed. Try again later or contact its owner.',
				hint: expect.stringMatching(/^Your API failed \(HTTP 500\): look at its logs/),
			},
		},
	]);
});

it('a call without its required input is "failed" with the tool\'s answer and a hint about the input', () => {
	const [call] = conversationEvent(byId(MISSING), context).calls;
	expect(call).toMatchObject({ action: 'Order_Status', input: {}, outcome: 'failed' });
	expect(call.error?.message).toMatch(/required input "order_number".*missing/);
	expect(call.error?.hint).toMatch(/without a valid input.*AI Inputs/);
});

it('a customer outside the audience: the call is "not available", no request, and the hint says why', () => {
	const execution = byId(ORDER);
	const refusal = {
		error:
			'The action "Order status" is not available to this customer. Tell the customer you cannot look this up.',
		errorType: 'NotAvailable',
	};
	execution.data.resultData.runData.Order_Status[0].data.ai_tool[0][0].json = refusal;
	const [call] = conversationEvent(execution, context).calls;
	expect(call).toMatchObject({ action: 'Order_Status', outcome: 'not available' });
	expect(call.error).toEqual({
		node: 'Order_Status',
		message: refusal.error,
		hint: expect.stringMatching(/outside the audience of "Order_Status"/),
	});
});

it('the model refused the key: the execution error is on the Chat Model, and what the reply node would have said is unknown', () => {
	const event = conversationEvent(withReply(byId(REFUSED)), context);
	expect(event).toMatchObject({
		status: 'error',
		customer: { userId: 'cust-4711', verified: true },
		message: 'SCENARIO:order Where is my order?',
		calls: [],
		error: {
			node: 'OpenAI Chat Model',
			message: expect.stringMatching(
				/^Authorization failed - please check your credentials: Incorrect API key/,
			),
			hint: expect.stringMatching(
				/^The model refused the API key: enter a valid key in the agent's model settings/,
			),
		},
	});
	expect(event.reply).toBeUndefined();
	expect(event.available).toBeUndefined();
	expect(event.usedInReply).toBeUndefined();
	expect(event.unknown).toEqual([
		'Which actions were available to this customer and which the reply used: the execution stopped before "Fin Agent Reply" ran.',
	]);
});

it('a model that answered 400 names the Chat Model and the model settings', () => {
	const event = conversationEvent(withReply(byId(BAD_REQUEST)), context);
	expect(event.error).toEqual({
		node: 'OpenAI Chat Model',
		message: 'Bad request - please check your parameters: no script for "unscripted"',
		hint: expect.stringMatching(
			/model or the AI Agent failed in "OpenAI Chat Model".*model settings/,
		),
	});
});

it('without a Fin Agent Reply node: the reply and calls from the agent and the tool runs, the rest said unknown', () => {
	const event = conversationEvent(byId(ORDER), context);
	expect(event.calls).toEqual([orderCall]);
	expect(event.reply).toMatch(/^Your order /);
	expect(event.available).toBeUndefined();
	expect(event.unknown).toEqual([
		expect.stringMatching(/this workflow has no Fin Agent Reply node/),
	]);
});

it('a conversation with no call: no calls, and nothing unknown once the reply node ran', () => {
	const event = conversationEvent(
		withReply(byId(NONE), {
			reply: 'Hello! How can I help?',
			actions: { available: TOOLS, called: [], usedInReply: [] },
		}),
		context,
	);
	expect(event).toMatchObject({ calls: [], available: TOOLS, usedInReply: [], unknown: [] });
});

it('says when the reply node and n8n disagree about the calls, and shows the runs n8n recorded', () => {
	const event = conversationEvent(
		withReply(byId(ORDER), {
			reply: 'x',
			actions: { available: TOOLS, called: [], usedInReply: [] },
		}),
		context,
	);
	expect(event.calls).toEqual([orderCall]);
	expect(event.unknown).toEqual([
		'Whether every call is listed: n8n recorded "Order_Status" (succeeded), the agent reported no call. The runs recorded by n8n are shown.',
	]);
});

it('when n8n kept no run of the tool node, the calls come from the reply node', () => {
	const execution = withReply(byId(BROKEN), {
		reply: 'Sorry',
		actions: {
			available: TOOLS,
			called: [
				{
					...orderCall,
					input: { order_number: '500' },
					outcome: 'failed',
					error: 'The API answered 500',
				},
			],
			usedInReply: [],
		},
	});
	delete execution.data.resultData.runData.Order_Status;
	const [call] = conversationEvent(execution, context).calls;
	expect(call).toEqual({
		...orderCall,
		input: { order_number: '500' },
		outcome: 'failed',
		error: {
			node: 'Order_Status',
			message: 'The API answered 500',
			hint: expect.stringMatching(/Open this execution in n8n/),
		},
	});
});

it('names the customer only by what the trigger verified: an unsigned email is left out', () => {
	const execution = byId(ORDER);
	const trigger = execution.data.resultData.runData['Fin Trigger'][0].data.main[0][0].json;
	trigger.identity.signed = ['user.user_id'];
	expect(conversationEvent(execution, context).customer).toEqual({
		userId: 'cust-4711',
		verified: true,
	});
	trigger.identity = { verified: false };
	expect(conversationEvent(execution, context).customer).toEqual({ verified: false });
});

it('scrubs every secret the canvas knows, in every encoding', () => {
	const secret = 'n8n-api-key-0123456789abcdef';
	const execution = byId(BROKEN);
	const error = execution.data.resultData.runData.Order_Status[0].error;
	error.message = `refused ${secret} and ${Buffer.from(secret).toString('base64')}`;
	const text = JSON.stringify(conversationEvent(execution, { ...context, secrets: [secret] }));
	for (const variant of secretVariants(secret)) expect(text).not.toContain(variant);
});

it('filters by customer (user id or email, any case) and by called action', () => {
	const event = conversationEvent(byId(TWO), context);
	expect(eventMatches(event, {})).toBe(true);
	expect(eventMatches(event, { customer: 'ADA.lovelace' })).toBe(true);
	expect(eventMatches(event, { customer: 'cust-4711' })).toBe(true);
	expect(eventMatches(event, { customer: 'cust-0815' })).toBe(false);
	expect(eventMatches(event, { action: 'Ongoing incidents' })).toBe(true);
	expect(eventMatches(event, { action: 'Shopify order status' })).toBe(false);
	expect(eventMatches(event, { customer: 'cust-4711', action: 'Order_Status' })).toBe(true);
});
