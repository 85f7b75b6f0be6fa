// The canvas server's HTTP API, written once: the server validates request bodies with these
// schemas (a bad field gets a 400 naming it) and the client's types are inferred from them, so the
// two sides cannot drift apart. Workflow and node descriptions are checked only as far as the server
// relies on them; the client refines them with its graph types (client/api/types.ts).
import { z } from 'zod';

const jsonObject = z.record(z.string(), z.unknown());

/** An n8n workflow as the canvas exports it: nodes with a name and a type, and connections. */
export const workflowSchema = z
	.object({
		name: z.string().optional(),
		nodes: z.array(z.object({ name: z.string(), type: z.string() }).passthrough()),
		connections: jsonObject,
	})
	.passthrough();

// Requests

export const createCredentialBody = z
	.object({
		type: z.string().min(1),
		name: z.string(),
		data: jsonObject.optional(),
	})
	.passthrough();
export type CreateCredentialBody = z.infer<typeof createCredentialBody>;

export const updateCredentialBody = z
	.object({
		name: z.string().optional(),
		// null deletes a field (a write-only store has no other way to clear one).
		data: jsonObject.optional(),
	})
	.passthrough();
export type UpdateCredentialBody = z.infer<typeof updateCredentialBody>;

/** Stand-ins for what Fin Trigger would receive; attribute names as in Intercom. */
export const testValuesSchema = z
	.object({
		user: jsonObject.nullish(),
		company: jsonObject.nullish(),
		conversation: jsonObject.nullish(),
		message: z.union([z.string(), jsonObject]).nullish(),
	})
	.passthrough();
export type TestValuesBody = z.infer<typeof testValuesSchema>;

export const testRequestBody = z.object({
	workflow: workflowSchema,
	testValues: testValuesSchema.optional(),
});
export type TestRequestBody = z.infer<typeof testRequestBody>;

export const deployRequestBody = z.object({
	workflow: workflowSchema,
	baseUrl: z.string(),
	apiKey: z.string(),
	/** Publish after saving (n8n 1.x called it "activate"). */
	activate: z.boolean().optional(),
	/** The n8n workflow id this action was deployed as: updated instead of duplicated. */
	workflowId: z.string().nullable().optional(),
	/**
	 * The saved action being deployed: its workflow at this address is updated (one per address), and
	 * the deploy is recorded on it. An empty apiKey then uses the key kept for the address.
	 */
	actionId: z.string().optional(),
	/** Stored secrets entered again for an n8n address not confirmed yet: {credentialId: {field: value}}. */
	secrets: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});
export type DeployRequestBody = z.infer<typeof deployRequestBody>;

export const checksRequestBody = z.object({ workflow: workflowSchema });

/** POST /api/answer-preview: a response and the picker's fields as its parameters hold them. */
export const answerPreviewBody = z.object({
	response: z.unknown(),
	fields: z.array(jsonObject),
	answerShape: z.string().optional(),
	typeVersion: z.number(),
});
export type AnswerPreviewBody = z.infer<typeof answerPreviewBody>;
export const nodeIssue = z.object({
	node: z.string(),
	kind: z.enum(['parameters', 'credentials']),
	message: z.string(),
});
export type NodeIssue = z.infer<typeof nodeIssue>;

// Answers

export const credentialInfo = z.object({ id: z.string(), name: z.string(), type: z.string() });
/** A stored credential: never any of its data. */
export type CredentialInfo = z.infer<typeof credentialInfo>;

const item = z.object({ json: jsonObject }).passthrough();
export type Item = z.infer<typeof item>;

const errorInfo = z.object({ message: z.string(), description: z.string().optional() });

/** The API's reply to one request: status, headers, the body's start (at most 64 KiB). */
export const recordedReply = z.object({
	status: z.number().optional(),
	headers: jsonObject,
	body: z.unknown().optional(),
	/** Bytes the node read; `truncated` when the body shown is only the start. */
	bytes: z.number(),
	truncated: z.boolean(),
});
export type RecordedReply = z.infer<typeof recordedReply>;

/** One request a node sent, as a test report shows it (secrets redacted, secret bodies withheld). */
export const recordedRequest = z.object({
	node: z.string().optional(),
	method: z.string(),
	url: z.string(),
	headers: jsonObject,
	qs: z.unknown().optional(),
	body: z.unknown().optional(),
	status: z.number().optional(),
	error: z.string().optional(),
	response: recordedReply.optional(),
});
export type RecordedRequestInfo = z.infer<typeof recordedRequest>;

export const nodeReport = z.object({
	status: z.enum(['success', 'error', 'skipped']),
	input: z.array(item),
	output: z.array(z.array(item)),
	error: errorInfo.optional(),
	requests: z.array(recordedRequest).optional(),
	/** Why a node of another package did not run in the canvas. */
	notRun: z.string().optional(),
	/**
	 * An API Action's response as it read it (parsed JSON), for the field tree: returned to the page
	 * only, never stored; `problem` says why it is not shown (too large, carries a secret).
	 */
	apiResponse: z
		.object({ body: z.unknown().optional(), problem: z.string().optional() })
		.optional(),
});
export type NodeReport = z.infer<typeof nodeReport>;

export const testReport = z.object({
	ok: z.boolean(),
	executionOrder: z.array(z.string()),
	nodes: z.record(z.string(), nodeReport),
	/** Exactly what the AI would receive; null when the run failed or n8n would answer with an error. */
	answer: jsonObject.nullable(),
	/** Things the user should know that did not stop the run. */
	warnings: z.array(z.string()),
	/** Run-level failure that no single node owns. */
	error: errorInfo.optional(),
});
export type TestReport = z.infer<typeof testReport>;

export const deployResult = z.object({
	id: z.string(),
	active: z.boolean(),
	url: z.string().optional(),
	/** created, updated, or recreated (the one deployed before was deleted in n8n). */
	saved: z.string().optional(),
	credentials: z
		.array(
			z.object({
				type: z.string(),
				name: z.string(),
				id: z.string(),
				outcome: z.enum(['created', 'updated', 'existing']),
			}),
		)
		.optional(),
	/** n8n's answer in plain words. */
	message: z.string().optional(),
	warnings: z.array(z.string()).optional(),
	/**
	 * The Fin Trigger's production URL. Kept across updates; new when the workflow was created again
	 * (saved: "recreated"), when the canvas says it changed.
	 */
	chatUrl: z.string().optional(),
});
export type DeployResult = z.infer<typeof deployResult>;

export const templateInfo = z.object({
	id: z.string(),
	name: z.string(),
	description: z.string().optional(),
	/** Needs n8n's own nodes (e.g. its AI Agent): offered as a file to import into n8n, not opened here. */
	n8nOnly: z.boolean().optional(),
	/** Test values of an imported template file (server templates carry them in Fin Trigger's Test Values). */
	testValues: testValuesSchema.optional(),
	workflow: workflowSchema,
});
export type TemplateInfo = z.infer<typeof templateInfo>;

// The local store of actions (server/store.ts)

/** The last test run of an action, as the canvas reported it. */
export const actionTestSummary = z.object({
	at: z.string(),
	passed: z.boolean(),
	summary: z.string().max(500).optional(),
});
/** Where an action was last deployed: the n8n workflow id and whether it is published. */
export const actionDeployInfo = z.object({
	baseUrl: z.string(),
	workflowId: z.string(),
	active: z.boolean(),
	at: z.string(),
	/** The Fin Trigger's production URL at that deploy. */
	chatUrl: z.string().optional(),
});
/** POST /api/actions and PUT /api/actions/:id. lastTest/deploy: omitted keeps the stored one, null clears it. */
export const saveActionBody = z.object({
	name: z.string().trim().min(1).max(128),
	workflow: workflowSchema,
	lastTest: actionTestSummary.nullable().optional(),
	deploy: actionDeployInfo.nullable().optional(),
	/** The test values the admin last used for this action (stand-ins, not customer data). */
	testValues: testValuesSchema.nullable().optional(),
});
export type SaveActionBody = z.infer<typeof saveActionBody>;

/** unpublished / deleted: what n8n said when read back (server/n8n-state.ts). */
export const actionState = z.enum(['draft', 'tested', 'live', 'unpublished', 'deleted']);
/** n8n's state of the deployed workflow when last read back. */
export const n8nCheck = z.object({
	state: z.enum(['live', 'unpublished', 'deleted', 'unknown']),
	baseUrl: z.string(),
	workflowId: z.string(),
	at: z.string(),
	reason: z.string().optional(),
});
export const actionSummary = z.object({
	id: z.string(),
	name: z.string(),
	updatedAt: z.string(),
	state: actionState,
	lastTest: actionTestSummary.optional(),
	deploy: actionDeployInfo.optional(),
	n8n: n8nCheck.optional(),
	/** Every n8n address the action was deployed to, by normalized address. */
	deployments: z.record(z.string(), actionDeployInfo).optional(),
});
export type ActionSummary = z.infer<typeof actionSummary>;
/** GET /api/actions: newest first, and how many are live in n8n. */
export const actionList = z.object({ actions: z.array(actionSummary), liveCount: z.number() });
export type ActionList = z.infer<typeof actionList>;
/** GET /api/actions/:id. */
export const storedAction = actionSummary.extend({
	workflow: workflowSchema,
	testValues: testValuesSchema.optional(),
});
export type StoredActionInfo = z.infer<typeof storedAction>;

// Logs of a live action (server/run-log.ts): its recent runs in n8n, summarized without values

/** One run of a live action, as n8n's executions API reports it: names and outcomes, no picked values. */
export const runSummary = z.object({
	/** n8n's execution id. */
	id: z.string(),
	startedAt: z.string(),
	stoppedAt: z.string().optional(),
	durationMs: z.number().optional(),
	/** n8n's status: success, error, crashed, running, waiting, canceled... */
	status: z.string(),
	/** The customer the trigger verified: the signed identifier only (unverified runs have none). */
	customer: z.object({
		id: z.string().optional(),
		/** Which attribute the id is, e.g. `user.user_id`. */
		attribute: z.string().optional(),
		verified: z.boolean(),
		method: z.string().optional(),
	}),
	/** What the Audience Filter decided; absent when no Audience Filter ran. */
	audience: z
		.object({
			matched: z.boolean(),
			decidedBy: z.string().optional(),
			reason: z.string().optional(),
		})
		.optional(),
	/** The API Action's call: its HTTP status (absent when no answer came back). */
	api: z
		.object({
			node: z.string(),
			status: z.number().optional(),
			ok: z.boolean(),
			durationMs: z.number().optional(),
			attempts: z.number().optional(),
		})
		.optional(),
	/** Names of the fields the AI was answered with (never their values). */
	fields: z.array(z.string()),
	actionUsed: z.boolean().optional(),
	/** Why the run failed: the node, n8n's message (secrets redacted) and what to do. */
	error: z
		.object({ node: z.string().optional(), message: z.string(), hint: z.string() })
		.optional(),
	/** The execution in n8n's editor. */
	url: z.string(),
});
export type RunSummary = z.infer<typeof runSummary>;

/** GET /api/actions/:id/runs?limit=&cursor=: newest first; `nextCursor` pages on to older runs. */
export const runList = z.object({
	actionName: z.string(),
	baseUrl: z.string(),
	workflowId: z.string(),
	runs: z.array(runSummary),
	nextCursor: z.string().optional(),
});
export type RunList = z.infer<typeof runList>;

// The workspace agent (server/agent/*): its settings and where it is deployed

const httpUrl = z
	.string()
	.trim()
	.url('must be a URL, e.g. https://api.openai.com/v1')
	.refine((value) => /^https?:\/\//i.test(value), 'must start with http:// or https://');

/** PUT /api/agent: omitted fields keep the stored ones; `model: null` removes the model and its key. */
export const agentSettingsBody = z
	.object({
		/** The admin's words for the agent: tone, what not to do. */
		instructions: z.string().max(4000, 'must be at most 4000 characters').optional(),
		model: z
			.object({
				/** An OpenAI-compatible API, e.g. https://api.openai.com/v1 */
				baseUrl: httpUrl,
				model: z.string().trim().min(1, 'must name the model, e.g. gpt-4o-mini').max(200),
				/** Write-only: omitted keeps the stored key (for the same base URL). */
				apiKey: z
					.string()
					.trim()
					.min(1, 'must not be empty (omit it to keep the stored key)')
					.optional(),
				/** With apiKey: the n8n addresses the key may be sent to (the agent's credential there). */
				n8nAddresses: z.array(z.string().trim().min(1)).max(20).optional(),
			})
			.strict()
			.nullable()
			.optional(),
	})
	.strict();
export type AgentSettingsBody = z.infer<typeof agentSettingsBody>;

/** The agent in one n8n: its workflow there and the chat address customers' messages go to. */
export const agentDeployment = z.object({
	baseUrl: z.string(),
	workflowId: z.string(),
	active: z.boolean(),
	at: z.string(),
	/** `${baseUrl}/webhook/${webhookId}/fin` */
	productionUrl: z.string(),
	/** The live actions it was built with (its tools). */
	tools: z.array(z.string()),
});
export type AgentDeployment = z.infer<typeof agentDeployment>;

/** GET /api/agent: never the model's API key, only whether one is set. */
export const agentInfo = z.object({
	instructions: z.string(),
	model: z.object({ baseUrl: z.string(), model: z.string() }).optional(),
	keySet: z.boolean(),
	/** The n8n addresses the key may be sent to. */
	keyN8nAddresses: z.array(z.string()),
	webhookId: z.string(),
	/** The agent's tools: the live actions' names. */
	tools: z.array(z.string()),
	deployments: z.array(agentDeployment),
	/** PUT only: the agent updated in each n8n it is deployed to, in plain words. */
	updated: z.array(z.object({ baseUrl: z.string(), message: z.string() }).passthrough()).optional(),
});
export type AgentInfo = z.infer<typeof agentInfo>;

/** What happened to the agent when an action was set live or back to draft. */
export const agentOutcome = z.object({
	deployed: z.boolean(),
	/** In plain words: updated, created, or why it was not deployed (e.g. no model configured). */
	message: z.string(),
	workflowId: z.string().optional(),
	active: z.boolean().optional(),
	productionUrl: z.string().optional(),
	tools: z.array(z.string()).optional(),
});
export type AgentOutcome = z.infer<typeof agentOutcome>;

// Conversations of the workspace agent (server/agent/events.ts): one event per execution of the
// agent workflow in n8n, read from n8n's executions API.

/** One tool call of the agent: which action, the model's arguments, and how it went. */
export const conversationCall = z.object({
	/** The tool node's name (= the canvas action's name). */
	action: z.string(),
	/** The name the model saw. */
	tool: z.string(),
	/** The model's arguments (never the customer's identity: that comes from the trigger). */
	input: jsonObject,
	outcome: z.enum(['succeeded', 'failed', 'not available', 'unknown']),
	/** For a call that did not succeed: the failing node, its message, and what to do. */
	error: z.object({ node: z.string(), message: z.string(), hint: z.string() }).optional(),
});
export type ConversationCall = z.infer<typeof conversationCall>;

export const conversationEvent = z.object({
	/** n8n's execution id. */
	id: z.string(),
	startedAt: z.string(),
	stoppedAt: z.string().optional(),
	/** n8n's status: success, error, crashed, running... */
	status: z.string(),
	conversationId: z.string().optional(),
	/** The customer the Fin Trigger verified: its signed identifiers only. */
	customer: z.object({
		userId: z.string().optional(),
		email: z.string().optional(),
		verified: z.boolean(),
	}),
	message: z.string().optional(),
	reply: z.string().optional(),
	/** The agent's tools in this execution (its actions, live when it ran). */
	actions: z.array(z.string()),
	/** Actions this customer's audience admitted; absent when unknown (see `unknown`). */
	available: z.array(z.string()).optional(),
	calls: z.array(conversationCall),
	/** Actions whose answer the reply used; absent when unknown. */
	usedInReply: z.array(z.string()).optional(),
	/** Why the execution itself failed: the node, n8n's message and what to do. */
	error: z
		.object({ node: z.string().optional(), message: z.string(), hint: z.string() })
		.optional(),
	/** What could not be read from this execution, and why (e.g. the reply node did not run). */
	unknown: z.array(z.string()),
	/** The execution in n8n's editor. */
	url: z.string(),
});
export type ConversationEvent = z.infer<typeof conversationEvent>;

/** GET /api/agent/conversations?baseUrl=&customer=&action=: newest first. */
export const conversationList = z.object({
	baseUrl: z.string(),
	workflowId: z.string(),
	events: z.array(conversationEvent),
	nextCursor: z.string().optional(),
});
export type ConversationList = z.infer<typeof conversationList>;

// Preview chat (issue 24): one turn of the workspace agent, in-process, as a chosen test customer.

/** POST /api/agent/preview: the draft being built, the test customer and the message. */
export const agentPreviewBody = z.object({
	/** The action being built: one more tool (no real customer reaches it). */
	draft: z.object({ name: z.string().min(1), workflow: workflowSchema }),
	/** The stored action the draft edits: its live version is replaced by the draft. */
	actionId: z.string().optional(),
	testValues: testValuesSchema.optional(),
	message: z.string().min(1),
});
export type AgentPreviewBody = z.infer<typeof agentPreviewBody>;

/** One tool call of a preview turn: the action, its inputs, its requests and what it answered. */
export const previewToolCall = z.object({
	action: z.string(),
	tool: z.string(),
	input: jsonObject,
	outcome: z.enum(['succeeded', 'failed', 'not available']),
	/** The picked answer the model received (succeeded only). */
	answer: z.unknown().optional(),
	error: z.string().optional(),
	requests: z.array(recordedRequest),
});
export type PreviewToolCall = z.infer<typeof previewToolCall>;

export const agentPreviewReply = z.object({
	reply: z.string(),
	/** Actions the model called, in order; empty: it chose none. */
	chosen: z.array(z.string()),
	calls: z.array(previewToolCall),
	/** Tool names the model called that no action offers (nothing ran). */
	unknownTools: z.array(z.string()),
	/** Actions this test customer may use (their audience admits them), as Fin Agent Reply tells. */
	available: z.array(z.string()),
	/** Actions whose answer the reply used, as Fin Agent Reply tells. */
	usedInReply: z.array(z.string()),
	/** The tools the model was offered: action name, tool name, description. */
	tools: z.array(z.object({ action: z.string(), tool: z.string(), description: z.string() })),
	warnings: z.array(z.string()),
});
export type AgentPreviewReply = z.infer<typeof agentPreviewReply>;
