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
 * the trigger accepts only from a signed source, and the response fields of a custom request.
 */
const WORKFLOW_CHOICES = {
	shopifyOrderStatus: {
		// Orders are looked up by email: it must be vouched for (user_hash of the email, or a JWT claim).
		protectedAttributes: 'email',
		rules: [{ name: 'Customers with an email', attribute: 'user.email', operator: 'isSet' }],
		identityNote:
			'Orders are looked up by the customer\'s **email**, so the email must be signed: send a Messenger JWT with an `email` claim, or a `user_hash` of the email (and no `user_id`). "Protected Attributes" on Fin Trigger refuses an unsigned email, and the API Action never reads orders for an email nobody signed.',
	},
	statuspageIncidents: {
		rules: [],
		identityNote:
			'The incidents are the same for everyone (the template is not customer-specific, so no signed attribute is needed); the Audience Filter lets every verified customer through. Add rules there to limit it.',
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
	fillIn: [
		"**URL**: your usage API, e.g. `https://api.your-utility.com/customers/{{user.user_id}}/usage`. `{{user.user_id}}` is the verified customer's id; placeholders may stand in the path, query and headers, never in the host.",
		'**Credential**: a *Fin Dynamic Token API* credential with your token endpoint (client id and secret). The token is fetched, cached and refreshed by n8n.',
		"**Fields** (API Action): JSON pointers into your API's answer; only these leave the node, are stored with the execution and reach the AI.",
	],
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
		fillIn: [
			...action.fields.map(
				(field) => `**${field.displayName}** (API Action): ${field.description}.`,
			),
			credentialType
				? `**Credential** (API Action): ${action.auth.note}`
				: `**Credential**: ${action.auth.note}`,
			'**Fields** (API Action): the suggested fields of this template; only these leave the node, are stored with the execution and reach the AI. Remove what the AI should not see.',
		],
		identityNote: choices.identityNote,
	};
}

// Fin Trigger v2: n8n evaluates nothing per request for it (see nodes/FinTrigger/webhook-description.ts).
const FIN_TRIGGER_VERSION = 2;

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
	const setup = [
		`## ${workflow.name.replace(/^Fin Actions: /, '')}`,
		`A customer's chat message arrives at **Fin Trigger**, **Audience Filter** decides who gets the action, **${workflow.actionName}** reads their data from the API and keeps only the chosen fields, and **Answer** passes them back to the chat as the webhook's answer.`,
		'',
		'### Fill in',
		'1. **Fin Trigger** credential: a *Fin Messenger API* credential with your Intercom identity-verification secret. Your Messenger backend posts `{"message": {"text"}, "user": {...}, "user_hash"}` (or a JWT) to the production URL.',
		`2. ${workflow.identityNote}`,
		'3. **Audience Filter**: rules, test accounts and rollout percentage.',
		'4. Then the note above the API Action.',
		'',
		'Customers outside the audience get *Not In Audience*. Credentials are referenced by type only: create your own, no secret is in this file.',
	].join('\n');
	const nodes = [
		sticky(workflow, 'Setup', setup, [-460, 80], 420, 560, 7),
		sticky(
			workflow,
			'Fill In: API Action',
			[`### ${workflow.actionName}: fill in`, ...workflow.fillIn.map((line) => `- ${line}`)].join(
				'\n',
			),
			[420, -240],
			560,
			380,
			3,
		),
		node('trigger', `${PACKAGE}.finTrigger`, FIN_TRIGGER_VERSION, [0, 300], {
			source: 'messenger',
			requireIdentityVerification: true,
			...(workflow.protectedAttributes
				? { protectedAttributes: workflow.protectedAttributes }
				: {}),
			responseMode: 'lastNode',
			options: {},
		}),
		node('audience', `${PACKAGE}.audienceFilter`, 1, [220, 300], {
			status: 'live',
			ruleGroups: ruleGroups(workflow.rules),
			rolloutPercentage: 100,
			actionName: workflow.file.replace(/\.json$/, ''),
			options: {},
		}),
		node('action', `${PACKAGE}.apiAction`, 1, [480, 200], {
			...workflow.apiAction,
			// The action keeps only these fields: the raw answer is never node output nor stored.
			responseMode: 'picked',
			fields: { field: workflow.fields },
			options: {},
		}),
		// Shapes the webhook's answer: the action's picked fields, without the conversation context.
		node('picker', `${PACKAGE}.responseFieldPicker`, 1, [740, 200], {
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
				1,
				[560 + index * 220, 520],
				{
					...workflow.apiAction,
					responseMode: 'picked',
					fields: { field: workflow.fields },
					options: {},
				},
			),
		);
	const setup = [
		'## AI Agent with Fin actions as tools',
		'A customer\'s chat message arrives at **Fin Trigger** (verified with `user_hash` or a Messenger JWT). The **AI Agent** decides *when* to call an action from each tool\'s name and description (the API Action\'s *Action Name* and *When Should the AI Use This Action*), and answers in its own words; the webhook answers `{"output": "..."}`.',
		'',
		'### Fill in',
		"1. **Fin Trigger**: a *Fin Messenger API* credential. The Shopify tool reads orders by the customer's **email**, which must be signed (JWT `email` claim, or `user_hash` of the email).",
		"2. **OpenAI Chat Model**: an *OpenAI* credential. Any OpenAI-compatible server works: set the credential's *Base URL* (e.g. `http://localhost:8000/v1` for vLLM, `https://api.groq.com/openai/v1`), and the model id here. Keep *Use Responses API* off unless the server offers `/v1/responses`.",
		'3. **The tools**: as in the single-action templates (shop URL, credential, status page URL, *Fields*).',
		'',
		"Whose data a tool reads is taken from the verified Fin Trigger output of the same execution, never from the model's arguments; the model only fills declared *AI Inputs* and receives only the picked fields.",
	].join('\n');
	const nodes = [
		{
			parameters: { content: setup, height: 520, width: 460, color: 7 },
			id: stableId(file, 'setup'),
			name: 'Setup',
			type: 'n8n-nodes-base.stickyNote',
			typeVersion: 1,
			position: [-520, 60],
		},
		{
			parameters: {
				content:
					"### Tools\nEach tool is an **API Action** used by the agent. The node name is the tool name the model sees; its description is *Action Name: When Should the AI Use This Action*. Add *AI Inputs* (e.g. `{{ $fromAI('order_number', 'The order number', 'string') }}`) for values the AI may ask the customer for, and use them as `{{input.order_number}}`.",
				height: 260,
				width: 460,
				color: 3,
			},
			id: stableId(file, 'tools-note'),
			name: 'Tools',
			type: 'n8n-nodes-base.stickyNote',
			typeVersion: 1,
			position: [520, 740],
		},
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
	];
	const connections = {
		'Fin Trigger': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': {
			ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
		},
	};
	for (const tool of tools)
		connections[tool.name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return {
		name: 'Fin Actions: AI Agent with order status and incidents',
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
