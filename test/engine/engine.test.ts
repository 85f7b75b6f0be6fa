// Self-test of the harness with two test-only classes: a node that calls n8n's authenticated
// request helper, and credential types for each authentication style the harness must reproduce.
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { runWorkflow, type WorkflowJson } from '../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';

class HarnessFetch implements INodeType {
	description = {
		displayName: 'Harness Fetch',
		name: 'harnessFetch',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Harness Fetch' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'harnessGeneric', required: false },
			{ name: 'harnessFunction', required: false },
			{ name: 'harnessExpiring', required: false },
		],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Credential', name: 'credential', type: 'string', default: 'harnessGeneric' },
		],
	} as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const url = this.getNodeParameter('url', i) as string;
			const credential = this.getNodeParameter('credential', i) as string;
			const body = await this.helpers.httpRequestWithAuthentication.call(this, credential, {
				url,
				method: 'GET',
				json: true,
			});
			out.push({ json: { body }, pairedItem: { item: i } });
		}
		return [out];
	}
}

const generic: ICredentialType = {
	name: 'harnessGeneric',
	displayName: 'Harness Generic',
	properties: [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	],
	authenticate: {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.token}}' },
			qs: { tenant: 'acme' },
		},
	},
};

const fn: ICredentialType = {
	name: 'harnessFunction',
	displayName: 'Harness Function',
	properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
	authenticate: async (
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	) => ({
		...options,
		headers: { ...options.headers, 'x-key': `fn-${credentials.key as string}` },
	}),
};

let tokenCounter = 0;
const expiring: ICredentialType = {
	name: 'harnessExpiring',
	displayName: 'Harness Expiring',
	properties: [
		{ displayName: 'Token URL', name: 'tokenUrl', type: 'string', default: '' },
		{
			displayName: 'Session',
			name: 'session',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	],
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const answer = (await this.helpers.httpRequest({
			url: credentials.tokenUrl as string,
			method: 'POST',
			json: true,
		})) as { token: string };
		tokenCounter++;
		return { session: answer.token };
	},
	authenticate: {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.session}}' } },
	},
};

function workflow(url: string, credential: string): WorkflowJson {
	return {
		nodes: [
			{
				id: '1',
				name: 'First',
				type: 'n8n-nodes-fin-actions.harnessFetch',
				typeVersion: 1,
				position: [0, 0],
				parameters: { url: `${url}/one`, credential },
				credentials: { [credential]: { id: 'c1', name: 'c' } },
			},
			{
				id: '2',
				name: 'Second',
				type: 'n8n-nodes-fin-actions.harnessFetch',
				typeVersion: 1,
				position: [200, 0],
				parameters: { url: `${url}/two`, credential },
				credentials: { [credential]: { id: 'c1', name: 'c' } },
			},
		],
		connections: { First: { main: [[{ node: 'Second', type: 'main', index: 0 }]] } },
	} as WorkflowJson;
}

const extras = { extraNodes: [new HarnessFetch()], extraCredentials: [generic, fn, expiring] };

describe('engine harness', () => {
	let server: LoopbackServer;
	beforeEach(async () => {
		server = await startLoopbackServer();
	});
	afterEach(async () => server.close());

	it('runs a two-node workflow through WorkflowExecute and reports outputs and requests', async () => {
		server.setRoutes({ '/one': { body: { n: 1 } }, '/two': { body: { n: 2 } } });
		const result = await runWorkflow(workflow(server.url, 'harnessGeneric'), {
			...extras,
			credentials: { harnessGeneric: { token: 'T1' } },
		});
		expect(result.executionOrder).toEqual(['First', 'Second']);
		expect(result.outputs.Second[0][0].json).toEqual({ body: { n: 2 } });
		expect(result.requests.map((r) => [r.node, r.method, r.url, r.status])).toEqual([
			['First', 'GET', `${server.url}/one`, 200],
			['Second', 'GET', `${server.url}/two`, 200],
		]);
		expect(server.requests[0].headers.authorization).toBe('Bearer T1');
		expect(server.requests[0].query.get('tenant')).toBe('acme');
	});

	it('applies function-style authenticate', async () => {
		server.setRoutes({ '*': { body: {} } });
		await runWorkflow(workflow(server.url, 'harnessFunction'), {
			...extras,
			credentials: { harnessFunction: { key: 'k' } },
		});
		expect(server.requests.map((r) => r.headers['x-key'])).toEqual(['fn-k', 'fn-k']);
	});

	it('calls preAuthentication when the expirable field is empty, once more after a 401, and saves the value', async () => {
		tokenCounter = 0;
		let issued = 0;
		server.setRoutes({
			'POST /token': () => ({ body: { token: `tok-${++issued}` } }),
			'/one': { body: {} },
			// The second node's first call finds the first token expired.
			'/two': (req) =>
				req.headers.authorization === 'Bearer tok-1'
					? { status: 401, body: {} }
					: { body: { ok: true } },
		});
		const store = { harnessExpiring: { tokenUrl: `${server.url}/token` } };
		const result = await runWorkflow(workflow(server.url, 'harnessExpiring'), {
			...extras,
			credentials: store,
		});
		expect(result.errors).toEqual({});
		expect(result.preAuthenticationCalls).toEqual([
			{ type: 'harnessExpiring', expired: false },
			{ type: 'harnessExpiring', expired: true },
		]);
		expect(
			server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`),
		).toEqual([
			'POST /token ',
			'GET /one Bearer tok-1',
			'GET /two Bearer tok-1',
			'POST /token ',
			'GET /two Bearer tok-2',
		]);
		expect(store.harnessExpiring).toMatchObject({ session: 'tok-2' });
		expect(tokenCounter).toBe(2);
	});

	it('reports a node error with the node name', async () => {
		server.setRoutes({ '*': { status: 500, body: { error: 'boom' } } });
		const result = await runWorkflow(workflow(server.url, 'harnessGeneric'), {
			...extras,
			credentials: { harnessGeneric: { token: 'x' } },
		});
		expect((result.errors.First as { httpCode?: string }).httpCode).toBe('500');
		expect(result.errors.First?.message).toMatch(/not able to process/);
		expect(result.outputs.Second).toBeUndefined();
	});
});
