#!/usr/bin/env node
// Writes templates/workflows/*.json, the n8n workflows users import: Fin Trigger -> Audience Filter
// -> API Action (which keeps only the picked fields) -> Answer (Response Field Picker shaping the
// webhook's answer), with a "not in audience" answer and sticky notes saying what to fill in; and
// one AI Agent workflow with the action templates as tools (see agentWorkflow). One workflow per API Action template (templates/actions/*.json, the same data the
// node's Template list is built from) plus the custom electricity-usage example. A workflow sets only
// `template` and the template's fields on the API Action, never a copy of the request.
//
//   node scripts/build-workflow-templates.mjs          write the files
//   node scripts/build-workflow-templates.mjs --check  exit 1 if a file differs from what it would write
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const actionsDir = join(root, 'templates/actions');
const outDir = join(root, 'templates/workflows');
const PACKAGE = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name;
const PACKAGE_CREDENTIALS = ['finFixedTokenApi', 'finDynamicTokenApi'];

/** Stable UUID-shaped ids, so regenerating changes nothing (n8n gives imported copies new ones where needed). */
function stableId(...parts) {
	const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const kebab = (id) => id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * What each workflow adds to its action: who may use it (Audience Filter rules), which attributes
 * the trigger accepts only from a signed source (and the JWT claims that become them), what the
 * Messenger backend signs, and the card's one sentence on the canvas's home list.
 */
const WORKFLOW_CHOICES = {
	shopifyOrderStatus: {
		test: { messageText: 'Where is my order?' },
		description:
			'Tells a signed-in customer where their Shopify orders are: shipping and payment status, tracking numbers and the order status page.',
		// Orders are looked up by email: it must be vouched for (user_hash of the email, or a JWT claim).
		protectedAttributes: 'email',
		rules: [{ name: 'Customers with an email', attribute: 'user.email', operator: 'isSet' }],
		claims: ['user_id', 'email'],
		identityNote:
			'Orders are looked up by the customer\'s **email**, so the email must be signed: send a Messenger JWT with an `email` claim, or a `user_hash` of the email (and no `user_id`). "Protected Attributes" on Fin Trigger refuses an unsigned email, and the API Action never reads orders for an email nobody signed.',
	},
	statuspageIncidents: {
		test: { messageText: 'Is the API down?' },
		description:
			'Checks your public Statuspage for ongoing incidents when a customer reports that something is down or slow.',
		rules: [],
		hashOf: 'user_id',
		userAttributes: ['user_id'],
		identityNote:
			'The incidents are the same for everyone (the template is not customer-specific, so no signed attribute is needed); the Audience Filter lets every verified customer through. Add rules there to limit it.',
	},
	stripeSubscription: {
		test: {
			messageText: 'When is my next invoice and how much is it?',
			attributes: { stripe_customer_id: 'cus_TestCustomer01' },
		},
		description:
			"Answers a customer's billing questions from Stripe: their subscription's status, plan, next invoice amount and date.",
		protectedAttributes: 'stripe_customer_id',
		claimMapping: 'stripe_customer_id',
		rules: [
			{
				name: 'Customers with a Stripe customer id',
				attribute: 'user.stripe_customer_id',
				operator: 'isSet',
			},
		],
		claims: ['user_id', 'stripe_customer_id'],
		identityNote:
			"Subscriptions are read for the **Stripe customer id** (`cus_...`) your backend signs into the Messenger JWT as the claim `stripe_customer_id`; Fin Trigger's *JWT Claims to Attributes* (already set) makes it `user.stripe_customer_id`, and *Protected Attributes* refuses it unsigned.",
	},
	zendeskOpenTickets: {
		test: { messageText: 'What is the status of my tickets?' },
		description:
			'Lists the Zendesk tickets the customer asked about that are still open, with their status and last update.',
		protectedAttributes: 'email',
		rules: [{ name: 'Customers with an email', attribute: 'user.email', operator: 'isSet' }],
		claims: ['user_id', 'email'],
		identityNote:
			"Tickets are searched by the requester's **email**, so the email must be signed: the Messenger JWT's `email` claim. *Protected Attributes* refuses an unsigned email.",
	},
	jiraRequestStatus: {
		test: {
			messageText: 'Is my request done yet?',
			attributes: { atlassian_account_id: '712020:00000000-test-4000-8000-000000000001' },
		},
		description:
			'Gives the status of the requests a customer reported in your Jira Service Management project.',
		protectedAttributes: 'atlassian_account_id',
		claimMapping: 'atlassian_account_id',
		rules: [
			{
				name: 'Customers with an Atlassian account',
				attribute: 'user.atlassian_account_id',
				operator: 'isSet',
			},
		],
		claims: ['user_id', 'atlassian_account_id'],
		identityNote:
			"Requests are read for the reporter's **Atlassian account id** (Jira Cloud searches users by account id, not email), which your backend signs into the Messenger JWT as the claim `atlassian_account_id`; *JWT Claims to Attributes* (already set) makes it `user.atlassian_account_id`.",
	},
	githubIssues: {
		test: {
			messageText: 'Any news on the bug I reported?',
			attributes: { github_login: 'octocat' },
		},
		description:
			'Shows the state of the GitHub issues a customer opened in your repository, with links to them.',
		protectedAttributes: 'github_login',
		claimMapping: 'github_login',
		rules: [
			{ name: 'Customers with a GitHub login', attribute: 'user.github_login', operator: 'isSet' },
		],
		claims: ['user_id', 'github_login'],
		identityNote:
			"Issues are read for the customer's **GitHub login**, which your backend signs into the Messenger JWT as the claim `github_login` (e.g. after a GitHub sign-in); *JWT Claims to Attributes* (already set) makes it `user.github_login`.",
	},
	hubspotOpenTickets: {
		test: {
			messageText: 'Are my support tickets still open?',
			attributes: { hubspot_contact_id: '51' },
		},
		description:
			'Lists the HubSpot tickets of the signed-in contact that are still open, with their pipeline stage and last change.',
		protectedAttributes: 'hubspot_contact_id',
		claimMapping: 'hubspot_contact_id',
		rules: [
			{
				name: 'Customers with a HubSpot contact',
				attribute: 'user.hubspot_contact_id',
				operator: 'isSet',
			},
		],
		claims: ['user_id', 'hubspot_contact_id'],
		identityNote:
			"Tickets are searched for the **HubSpot contact id** your backend signs into the Messenger JWT as the claim `hubspot_contact_id`; *JWT Claims to Attributes* (already set) makes it `user.hubspot_contact_id`, and *Protected Attributes* refuses it unsigned. HubSpot's search is a `POST` that only reads: the template sends it without *Allow Writes*, the contact id as one JSON string in the search body.",
	},
};

const electricity = {
	file: 'electricity-usage.json',
	name: 'Fin Actions: Electricity usage (custom API)',
	actionName: 'Electricity usage',
	apiAction: {
		actionName: 'Electricity usage',
		whenToUse:
			'Use when the customer asks how much electricity they used, about their tariff or their estimated bill.',
		template: 'custom',
		method: 'GET',
		url: 'https://api.example-utility.com/customers/{{user.user_id}}/usage',
		authentication: 'finDynamicTokenApi',
	},
	credentialType: 'finDynamicTokenApi',
	rules: [
		{
			name: 'Smart meter customers',
			attribute: 'user.meter_type',
			operator: 'equals',
			value: 'smart',
		},
	],
	fields: [
		{ pointer: '/usage_kwh', name: 'Usage (kWh)', transform: 'number', decimals: 1 },
		{ pointer: '/period/start', name: 'From', transform: 'date', dateFormat: 'd LLL yyyy' },
		{ pointer: '/period/end', name: 'To', transform: 'date', dateFormat: 'd LLL yyyy' },
		{ pointer: '/tariff', name: 'Tariff' },
		{
			pointer: '/estimated_bill/amount',
			name: 'Estimated bill',
			transform: 'currency',
			currency: 'EUR',
		},
	],
	description:
		"Reads a customer's electricity usage, tariff and estimated bill from your own API, with a token your auth server issues.",
	inputs: [
		{
			name: 'URL',
			value: 'https://api.your-utility.com/customers/{{user.user_id}}/usage',
			about:
				"your usage API; `{{user.user_id}}` is the verified customer's id. Placeholders may stand in the path, query and headers, never in the host",
		},
	],
	credentialSettings: {
		'Token URL': '`https://api.your-utility.com/oauth/token`',
		'Client ID': 'the client id your auth server gave n8n',
		'Client Secret': 'its client secret',
		Scope: '`usage:read`',
		'Send Token As': '`Authorization: Bearer`',
		'Allowed Domain': '`api.your-utility.com`',
	},
	credentialNote: 'the token is fetched, cached and refreshed by n8n',
	hashOf: 'user_id',
	userAttributes: ['user_id', 'meter_type'],
	test: { messageText: 'How much electricity did I use?', attributes: { meter_type: 'smart' } },
	identityNote:
		"The usage is read for `user.user_id`, which Intercom's `user_hash` (or a Messenger JWT) proves.",
};

function fromActionTemplate(action) {
	const choices = WORKFLOW_CHOICES[action.id] ?? { rules: [] };
	const apiAction = { template: action.id };
	for (const field of action.fields) apiAction[`${action.id}_${field.name}`] = field.default;
	const credentialType =
		action.auth.credentialType === 'none' ? undefined : action.auth.credentialType;
	// The API Action offers only this package's credential types ("Authentication"); n8n's generic
	// ones (httpHeaderAuth...) are gone: the Fin Fixed Token covers them (credentials/token-placement.ts).
	if (!credentialType) apiAction.authentication = 'none';
	else if (PACKAGE_CREDENTIALS.includes(credentialType)) apiAction.authentication = credentialType;
	else
		throw new Error(
			`Template "${action.id}": auth.credentialType "${credentialType}" is not a credential of this package; use ${PACKAGE_CREDENTIALS.join(' or ')} (a Fin Fixed Token covers Basic, Bearer, header, query and custom auth) or "none".`,
		);
	return {
		file: `${kebab(action.id)}.json`,
		name: `Fin Actions: ${action.name}`,
		// The node takes the action name and "when to use" from the template itself when left empty.
		actionName: action.actionName,
		apiAction,
		credentialType,
		rules: choices.rules,
		protectedAttributes: choices.protectedAttributes,
		// Suggested fields carry the picker's own parameter names (pointer, name, optional transform...).
		fields: action.suggestedFields.map((field) => ({ ...field })),
		inputs: action.fields.map((field) => ({
			name: field.displayName,
			value: field.default,
			about: field.description,
		})),
		credentialSettings: action.auth.settings,
		credentialNote: action.auth.note,
		description: choices.description,
		claims: choices.claims,
		claimMapping: choices.claimMapping,
		hashOf: choices.hashOf,
		userAttributes: choices.userAttributes,
		test: choices.test,
		identityNote: choices.identityNote,
	};
}

// Fin Trigger v2: n8n evaluates nothing per request for it (see nodes/FinTrigger/webhook-description.ts).
const FIN_TRIGGER_VERSION = 2;
// API Action and Response Field Picker 1.1 answer grouped: fields under one list come out as one
// object per item (`orders: [{Order, Tracking number}, ...]`), never as parallel lists.
const PICKING_VERSION = 1.1;

function sticky(workflow, name, content, position, width, height, color) {
	return {
		parameters: { content, height, width, color },
		id: stableId(workflow.file, name),
		name,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position,
	};
}

/**
 * The notes are the user's whole manual, and test/real-n8n/templates-notes.e2e.test.ts follows them
 * literally: a line `- **Name**: value` names a parameter by the label n8n shows; a value in
 * backticks is typed or chosen exactly as written, any other value is the user's own (a secret, an
 * account). Addresses are given in full; the user puts their own host in.
 */
const setting = (name, value) => `- **${name}**: ${value}`;

function messengerRequest(workflow) {
	if (workflow.hashOf)
		return [
			'Body: `{"message": {"text": "<what the customer wrote>"}, "user": {...}, "user_hash": "<hex HMAC-SHA256 of user_id>"}`, the HMAC keyed with the Identity Verification Secret (Intercom\'s identity verification).',
			'',
			setting('User attributes', `\`${workflow.userAttributes.join(', ')}\``),
		];
	return [
		'Header `Authorization: Bearer <JWT>`: an HS256 JWT signed with the Identity Verification Secret, with `exp` (at most 24 h ahead). Body: `{"message": {"text": "<what the customer wrote>"}}`.',
		'',
		setting('JWT claims', `\`${workflow.claims.join(', ')}\``),
	];
}

function setupNote(workflow) {
	return [
		`## ${workflow.name.replace(/^Fin Actions: /, '')}`,
		`A customer's chat message arrives at **Fin Trigger**, **Audience Filter** decides who gets the action, **${workflow.actionName}** reads their data from the API and keeps only the chosen fields, and **Answer** passes them back as the webhook's answer.`,
		'',
		'### 1. Fin Trigger',
		'Credential: create a new *Fin Messenger API* with',
		'',
		setting(
			'Identity Verification Secret',
			'your Intercom identity verification secret (Intercom: Settings, Messenger, Security), the one your backend signs with',
		),
		'',
		workflow.identityNote,
		'### 2. Audience Filter',
		'Ready as it is; add rules, test accounts or a rollout percentage to narrow it. Customers outside it get *Not In Audience*.',
		'### 3. API Action',
		`Follow the note above **${workflow.actionName}**.`,
		'### 4. Activate',
		"Save, then **Publish** (n8n 1: switch **Active** on). Copy Fin Trigger's **Production URL** (`https://<your n8n>/webhook/<id>/fin`).",
		'### 5. What your Messenger backend sends',
		'`POST` the Production URL with `Content-Type: application/json`.',
		...messengerRequest(workflow),
		'',
		'The answer: `{"answer": {<the picked fields>}, "fieldsUsed": [...], "actionUsed": true}`.',
		'',
		'Credentials are referenced by type only: no secret and no address of ours is in this file.',
	].join('\n');
}

function fillInNote(workflow) {
	const credential = workflow.credentialType
		? [
				`- **Credential**: create a new *${CREDENTIAL_NAMES[workflow.credentialType]}* with (${workflow.credentialNote})`,
				...Object.entries(workflow.credentialSettings ?? {}).map(
					([name, value]) => `  ${setting(name, value)}`,
				),
			]
		: [`- **Credential**: none (${workflow.credentialNote}).`];
	return [
		`### ${workflow.actionName}: fill in`,
		...workflow.inputs.map(
			(input) => `${setting(input.name, `\`${input.value}\``)} (${input.about})`,
		),
		...credential,
		'- **Fields**: already picked; only these leave the node, are stored with the execution and reach the AI. Remove what the AI should not see.',
	].join('\n');
}

function testValues(test) {
	return {
		messageText: test.messageText,
		...(test.attributes ? { attributes: JSON.stringify(test.attributes) } : {}),
	};
}

const CREDENTIAL_NAMES = {
	finFixedTokenApi: 'Fin Fixed Token API',
	finDynamicTokenApi: 'Fin Dynamic Token API',
};

function ruleGroups(rules) {
	if (rules.length === 0) return {};
	return {
		group: [
			{
				combinator: 'and',
				rules: {
					rule: rules.map((rule) => ({
						attribute: rule.attribute,
						operator: rule.operator,
						...(rule.value === undefined ? {} : { value: rule.value }),
						name: rule.name,
					})),
				},
			},
		],
	};
}

function buildWorkflow(workflow) {
	const names = {
		trigger: 'Fin Trigger',
		audience: 'Audience Filter',
		action: workflow.actionName,
		picker: 'Answer',
		notMatched: 'Not In Audience',
	};
	// No webhookId: n8n keeps one on import, so a fixed id would give every installation the same,
	// known webhook address. n8n's editor gives the imported Fin Trigger a new random one.
	const node = (key, type, typeVersion, position, parameters) => ({
		parameters,
		id: stableId(workflow.file, key),
		name: names[key],
		type,
		typeVersion,
		position,
	});
	const setup = setupNote(workflow);
	const nodes = [
		sticky(workflow, 'Setup', setup, [-460, 80], 420, 560, 7),
		sticky(workflow, 'Fill In: API Action', fillInNote(workflow), [420, -300], 560, 440, 3),
		node('trigger', `${PACKAGE}.finTrigger`, FIN_TRIGGER_VERSION, [0, 300], {
			source: 'messenger',
			requireIdentityVerification: true,
			...(workflow.protectedAttributes
				? { protectedAttributes: workflow.protectedAttributes }
				: {}),
			responseMode: 'lastNode',
			options: workflow.claimMapping ? { jwtClaimMapping: workflow.claimMapping } : {},
			// What a canvas or editor test run sends (counts as signed in manual runs only).
			...(workflow.test ? { testValues: testValues(workflow.test) } : {}),
		}),
		node('audience', `${PACKAGE}.audienceFilter`, 1, [220, 300], {
			status: 'live',
			ruleGroups: ruleGroups(workflow.rules),
			rolloutPercentage: 100,
			actionName: workflow.file.replace(/\.json$/, ''),
			options: {},
		}),
		node('action', `${PACKAGE}.apiAction`, PICKING_VERSION, [480, 200], {
			...workflow.apiAction,
			// The action keeps only these fields: the raw answer is never node output nor stored.
			responseMode: 'picked',
			fields: { field: workflow.fields },
			options: {},
		}),
		// Shapes the webhook's answer: the action's picked fields, without the conversation context.
		node('picker', `${PACKAGE}.responseFieldPicker`, PICKING_VERSION, [740, 200], {
			responseKey: 'response',
			access: 'full',
			answerKey: 'answer',
		}),
		node('notMatched', 'n8n-nodes-base.set', 3.4, [480, 440], {
			mode: 'raw',
			jsonOutput: JSON.stringify(
				{
					answer: null,
					fieldsUsed: [],
					actionUsed: false,
					reason: 'This action is not available for this customer.',
				},
				null,
				2,
			),
			options: {},
		}),
	];
	const link = (to) => ({ node: names[to], type: 'main', index: 0 });
	return {
		name: workflow.name,
		// One sentence saying what it does: the card on the canvas's home list, n8n's workflow description.
		description: workflow.description,
		nodes,
		pinData: {},
		connections: {
			[names.trigger]: { main: [[link('audience')]] },
			[names.audience]: { main: [[link('action')], [link('notMatched')]] },
			[names.action]: { main: [[link('picker')]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
		tags: [],
	};
}

const AGENT_FILE = 'ai-agent-order-status-and-incidents.json';

/** The agent workflow's setup note: what it does, the trigger's credential, publishing, the request. */
function agentSetupNote() {
	return [
		'## AI Agent with Fin actions as tools',
		"A customer's chat message arrives at **Fin Trigger**. The **AI Agent** decides *when* to call a tool from its name and description (the API Action's *Action Name* and *When Should the AI Use This Action*) and answers in its own words. Whose data a tool reads comes from the verified Fin Trigger output, never from the model's arguments; the model receives only the picked fields.",
		'',
		'### 1. Fin Trigger',
		'Credential: create a new *Fin Messenger API* with',
		'',
		setting(
			'Identity Verification Secret',
			'your Intercom identity verification secret (Intercom: Settings, Messenger, Security), the one your backend signs with',
		),
		'',
		"The Shopify tool reads orders by the customer's **email**, so the email must be signed (the JWT's `email` claim); *Protected Attributes* refuses it unsigned.",
		'### 2. Chat model and tools',
		'Follow the notes above **OpenAI Chat Model** and above each tool.',
		'### 3. Activate',
		"Save, then **Publish** (n8n 1: switch **Active** on). Copy Fin Trigger's **Production URL** (`https://<your n8n>/webhook/<id>/fin`).",
		'### 4. What your Messenger backend sends',
		'`POST` the Production URL with `Content-Type: application/json`.',
		...messengerRequest({ claims: ['user_id', 'email'] }),
		'',
		'The answer (from **Fin Agent Reply**): `{"reply": "<the agent\'s reply>", "actions": {"available": [...], "called": [...], "usedInReply": [...]}}`.',
	].join('\n');
}

/** The note above the chat model: its credential and model id. */
function agentModelNote() {
	return [
		'### OpenAI Chat Model: fill in',
		'- **Credential**: create a new *OpenAI* with (any OpenAI-compatible server works, e.g. vLLM or Groq)',
		`  ${setting('API Key', "your provider's API key")}`,
		`  ${setting('Base URL', "`https://api.openai.com/v1` (or your server's, e.g. http://localhost:8000/v1)")}`,
		'',
		"The model is `gpt-4o-mini`: change it on the node to your server's model id. Keep *Use Responses API* off unless your server offers `/v1/responses`.",
	].join('\n');
}

/** A note above each tool: its fill-in note plus what the tool name and AI Inputs are for. */
function agentToolNotes(toolWorkflows) {
	return toolWorkflows.map((workflow, index) => ({
		parameters: {
			content: `${fillInNote(workflow)}\n\nThe node name is the tool name the model sees. Add *AI Inputs* (e.g. \`{{ $fromAI('order_number', 'The order number', 'string') }}\`) for values the AI may ask the customer for, and use them as \`{{input.order_number}}\`.`,
			height: 420,
			width: 420,
			color: 3,
		},
		id: stableId(AGENT_FILE, `note-${workflow.apiAction.template}`),
		name: `Fill In: ${workflow.actionName}`,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: [560 + index * 460, 740],
	}));
}

/**
 * Fin Trigger -> AI Agent (n8n's own, with an OpenAI-compatible chat model) -> answer, with the
 * Shopify order-status and Statuspage actions as tools. The model decides when to call an action
 * from its name (the node's name) and description (Action Name + "When Should the AI Use This
 * Action"); whose data is read comes from the verified trigger, and only picked fields reach it.
 */
function agentWorkflow(actionWorkflows) {
	const file = AGENT_FILE;
	// No webhookId, as in buildWorkflow: see there.
	const node = (key, name, type, typeVersion, position, parameters) => ({
		parameters,
		id: stableId(file, key),
		name,
		type,
		typeVersion,
		position,
	});
	const tools = actionWorkflows
		.filter((workflow) =>
			['shopifyOrderStatus', 'statuspageIncidents'].includes(workflow.apiAction.template),
		)
		.map((workflow, index) =>
			node(
				`tool-${workflow.apiAction.template}`,
				workflow.actionName,
				`${PACKAGE}.apiActionTool`,
				PICKING_VERSION,
				[560 + index * 220, 520],
				{
					...workflow.apiAction,
					responseMode: 'picked',
					fields: { field: workflow.fields },
					options: {},
				},
			),
		);
	const toolWorkflows = actionWorkflows.filter((workflow) =>
		tools.some((tool) => tool.name === workflow.actionName),
	);
	const setup = agentSetupNote();
	const modelNote = agentModelNote();
	const toolNotes = agentToolNotes(toolWorkflows);
	const nodes = [
		{
			parameters: { content: setup, height: 640, width: 460, color: 7 },
			id: stableId(file, 'setup'),
			name: 'Setup',
			type: 'n8n-nodes-base.stickyNote',
			typeVersion: 1,
			position: [-520, 60],
		},
		{
			parameters: { content: modelNote, height: 300, width: 420, color: 3 },
			id: stableId(file, 'model-note'),
			name: 'Fill In: OpenAI Chat Model',
			type: 'n8n-nodes-base.stickyNote',
			typeVersion: 1,
			position: [60, 740],
		},
		...toolNotes,
		node('trigger', 'Fin Trigger', `${PACKAGE}.finTrigger`, FIN_TRIGGER_VERSION, [0, 300], {
			source: 'messenger',
			requireIdentityVerification: true,
			protectedAttributes: 'email',
			responseMode: 'lastNode',
			options: {},
		}),
		node('agent', 'AI Agent', '@n8n/n8n-nodes-langchain.agent', 3.1, [300, 300], {
			promptType: 'define',
			text: '={{ $json.message.text }}',
			options: {
				// Fin Agent Reply reads which tools were called from the intermediate steps.
				returnIntermediateSteps: true,
				systemMessage:
					"You are a support assistant. Use the tools to look up the customer's own orders and the service status. Never ask for or accept another customer's details. If a tool answers with an error, tell the customer what is missing.",
			},
		}),
		node('model', 'OpenAI Chat Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', 1.3, [300, 520], {
			model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
			responsesApiEnabled: false,
			options: {},
		}),
		...tools,
		// Answers the chat with the reply and which actions were available, called and used in it.
		node('reply', 'Fin Agent Reply', `${PACKAGE}.finAgentReply`, 1, [600, 300], {}),
	];
	const connections = {
		'Fin Trigger': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'AI Agent': { main: [[{ node: 'Fin Agent Reply', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': {
			ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
		},
	};
	for (const tool of tools)
		connections[tool.name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return {
		name: 'Fin Actions: AI Agent with order status and incidents',
		description:
			"For n8n's editor: an AI Agent that answers in its own words and calls the Shopify order and Statuspage actions as tools when the question needs them.",
		nodes,
		pinData: {},
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		tags: [],
	};
}

function allWorkflows() {
	const actions = readdirSync(actionsDir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(actionsDir, file), 'utf8')));
	return [
		...[electricity, ...actions.map(fromActionTemplate)].map((workflow) => ({
			file: workflow.file,
			json: buildWorkflow(workflow),
		})),
		{ file: AGENT_FILE, json: agentWorkflow(actions.map(fromActionTemplate)) },
	];
}

const check = process.argv.includes('--check');
mkdirSync(outDir, { recursive: true });
let stale = 0;
const workflows = allWorkflows();
if (check) {
	for (const file of readdirSync(outDir).filter((name) => name.endsWith('.json'))) {
		if (!workflows.some((workflow) => workflow.file === file)) {
			console.error(`templates/workflows/${file} has no source any more: delete it`);
			stale++;
		}
	}
}
for (const { file, json } of workflows) {
	const path = join(outDir, file);
	const text = `${JSON.stringify(json, null, 2)}\n`;
	if (check) {
		if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
			console.error(
				`templates/workflows/${file} is not what scripts/build-workflow-templates.mjs writes: run it and commit the result`,
			);
			stale++;
		}
	} else {
		writeFileSync(path, text);
		console.log(`wrote templates/workflows/${file}`);
	}
}
if (stale) process.exit(1);
