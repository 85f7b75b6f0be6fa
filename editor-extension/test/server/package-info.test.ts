// The client renders its forms only from GET /api/nodes, so the descriptions must be the nodes' own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadPackageNodes } from '../../../engine';
import type { RunningServer } from '../../server/app';
import { call, expectActionableError, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

it('lists the five nodes with their own descriptions and icon URLs', async () => {
	const answer = await call(server, 'GET', '/api/nodes');
	expect(answer.status).toBe(200);
	const types = answer.json.map((node: { type: string }) => node.type).sort();
	expect(types).toEqual([
		'n8n-nodes-fin-actions.apiAction',
		'n8n-nodes-fin-actions.audienceFilter',
		'n8n-nodes-fin-actions.finAgentReply',
		'n8n-nodes-fin-actions.finTrigger',
		'n8n-nodes-fin-actions.responseFieldPicker',
	]);
	for (const node of loadPackageNodes()) {
		const served = answer.json.find(
			(entry: { type: string }) => entry.type === `n8n-nodes-fin-actions.${node.description.name}`,
		).description;
		// Same properties (displayOptions, defaults, options, collections) as the class, as JSON.
		expect(served.properties).toEqual(JSON.parse(JSON.stringify(node.description.properties)));
		expect(served.iconUrl).toMatch(/^\/api\/icons\/[A-Za-z]+\.svg$/);
		const icon = await call(server, 'GET', served.iconUrl);
		expect(icon.status).toBe(200);
		expect(icon.headers['content-type']).toBe('image/svg+xml');
		expect(icon.text).toBe(
			readFileSync(
				join(__dirname, '..', '..', '..', 'icons', served.iconUrl.split('/').pop()),
				'utf8',
			),
		);
	}
});

it('refuses icon names that could leave the icons folder', async () => {
	for (const name of [
		'..%2Fpackage.json',
		'..%2F..%2Fetc%2Fpasswd',
		'.hidden.svg',
		'apiAction.svg.js',
		'x%00.svg',
	]) {
		const answer = await call(server, 'GET', `/api/icons/${name}`);
		expectActionableError(answer, 400);
	}
	expectActionableError(await call(server, 'GET', '/api/icons/missing.svg'), 404);
});

it('lists workflow templates and the API Action templates', async () => {
	const templates = await call(server, 'GET', '/api/templates');
	expect(templates.status).toBe(200);
	expect(Array.isArray(templates.json)).toBe(true);
	for (const template of templates.json) {
		expect(template).toEqual(
			expect.objectContaining({
				id: expect.any(String),
				name: expect.any(String),
				description: expect.any(String),
			}),
		);
		expect(Array.isArray(template.workflow.nodes)).toBe(true);
	}
	const actions = await call(server, 'GET', '/api/action-templates');
	expect(actions.json.map((template: { id: string }) => template.id).sort()).toEqual([
		'githubIssues',
		'hubspotOpenTickets',
		'jiraRequestStatus',
		'shopifyOrderStatus',
		'statuspageIncidents',
		'stripeSubscription',
		'zendeskOpenTickets',
	]);
	expect(actions.json[0].request.url).toContain('{{template.');
});
