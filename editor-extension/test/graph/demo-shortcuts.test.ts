import { applyDemo, demoAddressesIn, demoUrlFor } from '../../client/graph/demo';
import { addNode } from '../../client/graph/operations';
import { isTypingTarget, shortcutFor } from '../../client/graph/shortcuts';
import { testableWorkflow } from '../../client/graph/testable';
import { emptyDoc, graphToWorkflow } from '../../client/graph/workflow';
import type { NodeDescription } from '../../client/graph/types';
import { ACTION, lookup } from './fixtures';

const BASE = 'http://127.0.0.1:5680/demo';

describe('demo backend', () => {
	test('real API addresses map to the demo routes', () => {
		expect(demoUrlFor('https://api.energy.example/v1/customers/{{user.user_id}}/usage', BASE)).toBe(
			`${BASE}/customers/{{user.user_id}}/usage`,
		);
		expect(demoUrlFor('https://your-shop.myshopify.com', BASE)).toBe(`${BASE}/shopify`);
		expect(demoUrlFor('https://shop.example/admin/api/2025-07/orders.json', BASE)).toBe(
			`${BASE}/shopify/admin/api/2025-07/orders.json`,
		);
		expect(demoUrlFor('https://your-company.statuspage.io', BASE)).toBe(`${BASE}/statuspage`);
		expect(demoUrlFor('https://acme.statuspage.io/api/v2/incidents/unresolved.json', BASE)).toBe(
			`${BASE}/statuspage/api/v2/incidents/unresolved.json`,
		);
		expect(demoUrlFor('https://api.example.com/other', BASE)).toBeUndefined();
		expect(demoUrlFor(`${BASE}/customers/1/usage`, BASE)).toBeUndefined();
	});

	const description: NodeDescription = {
		name: 'apiAction',
		displayName: 'API Action',
		version: 1,
		properties: [
			{
				displayName: 'Template',
				name: 'template',
				type: 'options',
				default: 'custom',
				options: [
					{ name: 'Custom', value: 'custom' },
					{ name: 'Shop', value: 'shop' },
				],
			},
			{
				displayName: 'Shop URL',
				name: 'shop_url',
				type: 'string',
				default: 'https://your-shop.myshopify.com',
				displayOptions: { show: { template: ['shop'] } },
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				displayOptions: { show: { template: ['custom'] } },
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				default: 'none',
				options: [],
			},
		],
		credentials: [
			{
				name: 'finFixedTokenApi',
				displayOptions: { show: { authentication: ['finFixedTokenApi'] } },
			},
		],
	};

	test('a test copy has its URLs (also defaults of template fields) pointed at the demo with a demo token; the graph keeps its own', () => {
		let doc = addNode(emptyDoc(), ACTION, description, { x: 0, y: 0 }, lookup).doc;
		const id = doc.nodes[0].id;
		doc = {
			...doc,
			nodes: [
				{
					...doc.nodes[0],
					data: {
						node: {
							...doc.nodes[0].data.node,
							parameters: { template: 'shop', authentication: 'finFixedTokenApi' },
						},
					},
				},
			],
		};
		const before = graphToWorkflow(doc);
		const { doc: demo, changes } = applyDemo(doc, {
			demoBase: BASE,
			describe: () => description,
			demoCredential: (type) => ({ type, id: 'local_1', name: 'Demo token' }),
		});
		expect(changes.map((change) => change.key)).toEqual([
			'shop_url',
			'credentials.finFixedTokenApi',
		]);
		expect(demo.nodes[0].data.node).toMatchObject({
			id,
			parameters: { shop_url: `${BASE}/shopify` },
			credentials: { finFixedTokenApi: { id: 'local_1', name: 'Demo token' } },
		});
		expect(demoAddressesIn(graphToWorkflow(demo))).toEqual([
			`“${demo.nodes[0].data.node.name}” (shop_url): ${BASE}/shopify`,
		]);
		// A test-time override: the graph it was made from is untouched.
		expect(graphToWorkflow(doc)).toEqual(before);
		expect(demoAddressesIn(before)).toEqual([]);
		expect(
			applyDemo(demo, {
				demoBase: BASE,
				describe: () => description,
				demoCredential: (type) => ({ type, id: 'local_1', name: 'Demo token' }),
			}).changes,
		).toEqual([]);
	});
});

describe('demo backend and token types', () => {
	const description: NodeDescription = {
		name: 'apiAction',
		displayName: 'API Action',
		version: 1,
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				default: 'none',
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'Fixed', value: 'finFixedTokenApi' },
					{ name: 'Dynamic', value: 'finDynamicTokenApi' },
				],
			},
		],
		credentials: [
			{
				name: 'finFixedTokenApi',
				displayOptions: { show: { authentication: ['finFixedTokenApi'] } },
			},
			{
				name: 'finDynamicTokenApi',
				displayOptions: { show: { authentication: ['finDynamicTokenApi'] } },
			},
		],
	};

	test('a dynamic token (no token endpoint in the demo) becomes the demo fixed token in the test copy only', () => {
		let doc = addNode(emptyDoc(), ACTION, description, { x: 0, y: 0 }, lookup).doc;
		doc = {
			...doc,
			nodes: [
				{
					...doc.nodes[0],
					data: {
						node: {
							...doc.nodes[0].data.node,
							parameters: {
								url: 'https://api.example-utility.com/customers/{{user.user_id}}/usage',
								authentication: 'finDynamicTokenApi',
							},
							credentials: { finDynamicTokenApi: { id: 'x', name: 'Utility OAuth' } },
						},
					},
				},
			],
		};
		const before = graphToWorkflow(doc);
		const { doc: demo, changes } = applyDemo(doc, {
			demoBase: BASE,
			describe: () => description,
			demoCredential: (type) =>
				type === 'finFixedTokenApi' ? { type, id: 'local_1', name: 'Demo token' } : undefined,
		});
		expect(changes.map((change) => change.key)).toEqual([
			'url',
			'authentication',
			'credentials.finFixedTokenApi',
		]);
		expect(demo.nodes[0].data.node.parameters).toEqual({
			url: `${BASE}/customers/{{user.user_id}}/usage`,
			authentication: 'finFixedTokenApi',
		});
		expect(graphToWorkflow(doc)).toEqual(before);
	});
});

describe('demo addresses held by the graph itself', () => {
	test('are found on any loopback port and nested, real addresses are not', () => {
		const node = (name: string, parameters: Record<string, unknown>) => ({ name, parameters });
		const found = demoAddressesIn({
			nodes: [
				node('Old export', { url: 'http://127.0.0.1:5680/demo/customers/{{user.user_id}}/usage' }),
				node('Other port', { shopifyOrderStatus_shopUrl: 'http://localhost:41234/demo/shopify' }),
				node('Nested', { options: { base: ['http://[::1]:9/demo/statuspage'] } }),
				node('Real', { url: 'https://api.example.com/demo/customers/1/usage' }),
				node('Loopback API', { url: 'http://127.0.0.1:4000/customers/1/usage' }),
				node('Loopback demo-like', { url: 'http://127.0.0.1:4000/demos/x' }),
				node('Sticky', { content: 'See http://127.0.0.1:5680/demo/shopify' }),
			],
		});
		expect(found).toEqual([
			'“Old export” (url): http://127.0.0.1:5680/demo/customers/{{user.user_id}}/usage',
			'“Other port” (shopifyOrderStatus_shopUrl): http://localhost:41234/demo/shopify',
			'“Nested” (options.base[0]): http://[::1]:9/demo/statuspage',
		]);
	});
});

describe('what a canvas test runs', () => {
	test('nodes of other packages are left out of the test, with their connections', () => {
		const workflow = {
			nodes: [
				{
					name: 'F',
					type: 'n8n-nodes-fin-actions.audienceFilter',
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: {},
				},
				{
					name: 'Agent',
					type: '@n8n/n8n-nodes-langchain.agent',
					typeVersion: 3,
					position: [0, 0] as [number, number],
					parameters: {},
				},
				{
					name: 'Note',
					type: 'n8n-nodes-base.stickyNote',
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: {},
				},
			],
			connections: {
				F: { main: [[], [{ node: 'Agent', type: 'main', index: 0 }]] },
				Agent: { main: [[]] },
			},
		};
		expect(testableWorkflow(workflow, lookup)).toEqual({
			workflow: {
				nodes: [workflow.nodes[0], workflow.nodes[2]],
				connections: { F: { main: [[], []] } },
			},
			skipped: ['Agent'],
		});
		const plain = { nodes: [workflow.nodes[0]], connections: {} };
		expect(testableWorkflow(plain, lookup)).toEqual({ workflow: plain, skipped: [] });
	});

	test("n8n's own Set and If stay in the test: the server runs their real classes", () => {
		const node = (name: string, type: string) => ({
			name,
			type,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		});
		const workflow = {
			nodes: [
				node('F', 'n8n-nodes-fin-actions.audienceFilter'),
				node('Not In Audience', 'n8n-nodes-base.set'),
				node('Plan?', 'n8n-nodes-base.if'),
			],
			connections: {
				F: {
					main: [
						[{ node: 'Plan?', type: 'main', index: 0 }],
						[{ node: 'Not In Audience', type: 'main', index: 0 }],
					],
				},
			},
		};
		expect(testableWorkflow(workflow, lookup)).toEqual({ workflow, skipped: [] });
	});
});

describe('keyboard shortcuts (n8n)', () => {
	test.each([
		[{ key: 'z', ctrlKey: true }, 'undo'],
		[{ key: 'Z', ctrlKey: true, shiftKey: true }, 'redo'],
		[{ key: 'y', metaKey: true }, 'redo'],
		[{ key: 'c', ctrlKey: true }, 'copy'],
		[{ key: 'v', metaKey: true }, 'paste'],
		[{ key: 'x', ctrlKey: true }, 'cut'],
		[{ key: 'd', ctrlKey: true }, 'duplicate'],
		[{ key: 'a', ctrlKey: true }, 'selectAll'],
		[{ key: 'Enter', ctrlKey: true }, 'test'],
		[{ key: 'Delete' }, 'delete'],
		[{ key: 'Backspace' }, 'delete'],
		[{ key: 'd' }, 'toggleDisabled'],
		[{ key: 'F2' }, 'rename'],
		[{ key: '1' }, 'fitView'],
		[{ key: '0' }, 'resetZoom'],
		[{ key: '+', shiftKey: true }, 'zoomIn'],
		[{ key: '-' }, 'zoomOut'],
		[{ key: 'S', shiftKey: true }, 'addSticky'],
		[{ key: '/' }, 'openPalette'],
		// Tab is the browser's: it moves the focus and is never taken by the canvas.
		[{ key: 'Tab' }, undefined],
		[{ key: 's', ctrlKey: true }, 'export'],
		[{ key: 'q' }, undefined],
		[{ key: 'D', shiftKey: true }, undefined],
	])('%o -> %s', (input, action) => {
		expect(shortcutFor(input)).toBe(action);
	});

	test('never while typing', () => {
		expect(isTypingTarget({ tagName: 'input' })).toBe(true);
		expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
		expect(isTypingTarget({ tagName: 'DIV' })).toBe(false);
	});
});
