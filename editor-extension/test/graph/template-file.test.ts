// The template file format (shared/template-file.ts, docs/template-files.md): a file is read with
// errors that name the field, an n8n workflow file with this package's nodes reads as one too, and
// an exported action carries no credential, secret or address of the author's systems.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	readTemplateFile,
	templateWorkflow,
	toTemplateFile,
	type TemplateFile,
} from '../../shared/template-file';

const TEMPLATES = join(__dirname, '../../../templates/workflows');
const workflowFile = (name: string) => readFileSync(join(TEMPLATES, name), 'utf8');

const apiAction = {
	name: 'Usage',
	type: 'n8n-nodes-fin-actions.apiAction',
	typeVersion: 1.1,
	position: [480, 200] as [number, number],
	parameters: {
		template: 'custom',
		url: 'https://billing.internal.acme.example/customers/{{user.user_id}}/usage',
		authentication: 'finDynamicTokenApi',
		responseMode: 'picked',
		fields: { field: [{ pointer: '/usage_kwh', name: 'Usage' }] },
	},
};

function valid(): TemplateFile {
	return structuredClone({
		format: 'fin-actions-template',
		version: 1,
		name: 'Usage',
		description: 'Reads the usage.',
		instructions: ['## Usage\nFill in the URL.'],
		testValues: { user: { user_id: 'cus_1' } },
		pickedFields: [{ node: 'Usage', pointer: '/usage_kwh', name: 'Usage' }],
		credentials: [{ node: 'Usage', type: 'finDynamicTokenApi' }],
		workflow: { nodes: [apiAction], connections: {} },
	}) as TemplateFile;
}

describe('reading a template file', () => {
	it('reads a valid file and says what it needs', () => {
		const result = readTemplateFile(JSON.stringify(valid()));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.needs.credentials).toEqual([{ node: 'Usage', type: 'finDynamicTokenApi' }]);
		expect(result.needs.addresses).toEqual([
			{ node: 'Usage', parameter: 'url', value: apiAction.parameters.url },
		]);
		expect(result.needs.instructions).toEqual(['## Usage\nFill in the URL.']);
		const graph = templateWorkflow(result.file);
		expect(graph.nodes.map((node) => node.type)).toEqual([
			'n8n-nodes-base.stickyNote',
			'n8n-nodes-fin-actions.apiAction',
		]);
	});

	it('names every wrong field', () => {
		const file: any = valid();
		file.version = 2;
		file.name = '';
		file.workflow.nodes[0].credentials = { finDynamicTokenApi: { id: '7', name: 'Mine' } };
		delete file.workflow.nodes[0].type;
		file.extra = true;
		const result = readTemplateFile(JSON.stringify(file));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^version: must be 1/),
				'name: give the template a name',
				expect.stringMatching(/^workflow\.nodes\[0\]\.type: /),
				expect.stringMatching(
					/^workflow\.nodes\[0\]\.credentials: a template names credential types only/,
				),
				expect.stringMatching(/^file: Unrecognized key\(s\) in object: 'extra'/),
			]),
		);
	});

	it('refuses a secret anywhere in the graph or the test values, naming where', () => {
		const file: any = valid();
		file.workflow.nodes[0].parameters.options = { apiKey: 'sk_live_123' };
		const result = readTemplateFile(JSON.stringify(file));
		expect(result).toEqual({
			ok: false,
			errors: [
				'workflow.nodes[0].parameters.options.apiKey: looks like a secret; a template never carries one: remove it',
			],
		});
	});

	it('says what is wrong with a file that is not JSON or not a template', () => {
		expect(readTemplateFile('{nope')).toMatchObject({
			ok: false,
			errors: [expect.stringMatching(/^The file is not JSON/)],
		});
		expect(readTemplateFile(JSON.stringify({ nodes: [{ type: 'n8n-nodes-base.set' }] }))).toEqual({
			ok: false,
			errors: [
				expect.stringMatching(/^nodes: this n8n workflow uses none of this package's nodes/),
			],
		});
		expect(readTemplateFile('[]')).toEqual({
			ok: false,
			errors: ['The file must hold one JSON object.'],
		});
	});

	it("reads an n8n workflow file that uses this package's nodes (a workflow template as n8n exports it)", () => {
		const result = readTemplateFile(workflowFile('stripe-subscription.json'));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.from).toBe('n8n');
		expect(result.file.name).toBe('Fin Actions: Stripe subscription status');
		expect(result.file.credentials).toEqual([
			{ node: 'Fin Trigger', type: 'finMessengerApi' },
			{ node: 'Subscription status', type: 'finFixedTokenApi' },
		]);
		expect(result.file.pickedFields.map((field) => field.pointer)).toContain('/data/*/status');
		expect(result.file.instructions.join('\n')).toContain('**Send Token As**');
		expect(result.needs.addresses).toEqual([
			{
				node: 'Subscription status',
				parameter: 'stripeSubscription_apiUrl',
				value: 'https://api.stripe.com',
			},
		]);
		// Stored credentials of another n8n are dropped, their types kept.
		const exported = JSON.parse(workflowFile('shopify-order-status.json'));
		exported.nodes.find((node: any) => node.name === 'Fin Trigger').credentials = {
			finMessengerApi: { id: '42', name: 'Theirs' },
		};
		const other = readTemplateFile(JSON.stringify(exported));
		expect(other.ok && other.file.credentials).toEqual([
			{ node: 'Fin Trigger', type: 'finMessengerApi' },
			{ node: 'Shopify order status', type: 'finFixedTokenApi' },
		]);
		expect(JSON.stringify(other.ok && other.file.workflow)).not.toContain('Theirs');
	});
});

describe('exporting an action', () => {
	it('keeps the graph, notes, test values and picked fields; drops credentials, webhook ids and own addresses', () => {
		const workflow = {
			name: 'Usage',
			nodes: [
				{ ...apiAction, credentials: { finDynamicTokenApi: { id: '7', name: 'Mine' } } },
				{
					name: 'Fin Trigger',
					type: 'n8n-nodes-fin-actions.finTrigger',
					typeVersion: 2,
					webhookId: '0f1e2d3c-aaaa-4bbb-8ccc-000000000001',
					parameters: {},
					credentials: { finMessengerApi: { id: '8', name: 'Messenger' } },
				},
				{
					name: 'Note',
					type: 'n8n-nodes-base.stickyNote',
					typeVersion: 1,
					parameters: { content: '## Fill in the URL' },
				},
			],
			connections: { 'Fin Trigger': { main: [[{ node: 'Usage', type: 'main', index: 0 }]] } },
		};
		const file = toTemplateFile(workflow, {
			name: 'Usage',
			testValues: { user: { user_id: 'cus_1' } },
		});
		const text = JSON.stringify(file);
		expect(text).not.toContain('billing.internal.acme.example');
		expect(text).not.toContain('0f1e2d3c');
		expect(text).not.toContain('"Mine"');
		expect(file.workflow.nodes[0].parameters.url).toBe(
			'https://api.example.com/customers/{{user.user_id}}/usage',
		);
		expect(file.credentials).toEqual([
			{ node: 'Usage', type: 'finDynamicTokenApi' },
			{ node: 'Fin Trigger', type: 'finMessengerApi' },
		]);
		expect(file.instructions).toEqual(['## Fill in the URL']);
		expect(file.pickedFields).toEqual([{ node: 'Usage', pointer: '/usage_kwh', name: 'Usage' }]);
		// What is exported reads back as a valid template file.
		expect(readTemplateFile(text)).toMatchObject({ ok: true });
	});
});
