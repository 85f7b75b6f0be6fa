// Fin Trigger through the engine harness and n8n-core's real contexts, without HTTP: the item
// flowing into the workflow, a request whose raw body n8n reads on demand, the webhook lifecycle
// (HookContext) and the credential test.
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialsDecrypted,
	IDataObject,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { FinTrigger } from '../../../nodes/FinTrigger/FinTrigger.node';
import { FinMessengerApi } from '../../../credentials/FinMessengerApi.credentials';
import { StoreCredentialsHelper } from '../../../engine/credentials-helper';
import { FixedNodeTypes } from '../../../engine/node-types';
import { PACKAGE_NAME } from '../../../engine/package-types';
import { runWorkflow } from '../../../engine/run-workflow';
import { CREDENTIALS, finWorkflow, Personalize, userHash } from '../../fixtures/fin-trigger';

function contexts(parameters: IDataObject = {}) {
	const trigger = new FinTrigger();
	const json = finWorkflow(parameters, { personalize: false });
	const workflow = new Workflow({
		id: 'wf',
		nodes: json.nodes,
		connections: json.connections,
		nodeTypes: new FixedNodeTypes([trigger], PACKAGE_NAME),
		active: true,
	});
	const node = workflow.getNode('Fin Trigger')!;
	const additionalData = {
		credentialsHelper: new StoreCredentialsHelper(
			new Map([['finMessengerApi', new FinMessengerApi()]]),
			structuredClone(CREDENTIALS),
		),
		webhookBaseUrl: 'https://n8n.example.com/webhook',
		webhookTestBaseUrl: 'https://n8n.example.com/webhook-test',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'fin',
		webhookDescription: trigger.description.webhooks![0],
		workflowId: 'wf',
		workflowExecuteAdditionalData: additionalData,
	} as IWebhookData;
	return { trigger, workflow, node, additionalData, webhookData };
}

describe('Fin Trigger in the engine', () => {
	it('passes the webhook item unchanged into the workflow (a webhook node without execute)', async () => {
		const item = {
			message: { id: 'm', text: 'hi', createdAt: '2026-01-01T00:00:00.000Z' },
			user: { user_id: 'u-1', name: 'Ana', plan: 'pro' },
			company: {},
			conversation: {},
			identity: { verified: true, method: 'jwt', claims: { user_id: 'u-1' } },
			source: 'messenger',
		};
		const result = await runWorkflow(finWorkflow(), {
			input: [item],
			startNode: 'Fin Trigger',
			mode: 'webhook',
			extraNodes: [new Personalize()],
		});
		expect(result.errors).toEqual({});
		expect(result.executionOrder).toEqual(['Fin Trigger', 'Personalize']);
		expect(result.outputs['Fin Trigger'][0][0].json).toEqual(item);
		expect(result.outputs.Personalize[0][0].json).toEqual({
			answer: 'Hello Ana: hi',
			plan: 'pro',
			verified: true,
			method: 'jwt',
		});
	});

	it('reads the raw body on demand through readRawBody, as n8n offers it', async () => {
		const { trigger, workflow, node, additionalData, webhookData } = contexts();
		const raw = Buffer.from(
			JSON.stringify({
				message: { text: 'hi' },
				user: { user_id: 'u-1', user_hash: userHash('u-1') },
			}),
		);
		const request: any = {
			headers: { 'content-type': 'application/json' },
			body: {},
			readRawBody: async () => (request.rawBody = raw),
		};
		const response = { writeHead: jest.fn(), end: jest.fn() };
		Object.assign(additionalData, { httpRequest: request, httpResponse: response });
		const result = await trigger.webhook.call(
			new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null),
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			user: { user_id: 'u-1' },
			identity: { verified: true, method: 'user_hash' },
		});
		expect(result.workflowData?.[0][0].pairedItem).toEqual({ item: 0 });
		expect(response.writeHead).not.toHaveBeenCalled();
	});

	it('answers a refusal itself and returns noWebhookResponse with no workflowData', async () => {
		const { trigger, workflow, node, additionalData, webhookData } = contexts();
		const raw = Buffer.from(
			JSON.stringify({ message: { text: 'hi' }, user: { user_id: 'u-1', user_hash: '00' } }),
		);
		const response = { writeHead: jest.fn(), end: jest.fn() };
		Object.assign(additionalData, {
			httpRequest: { headers: { 'content-type': 'application/json' }, body: {}, rawBody: raw },
			httpResponse: response,
		});
		const result = await trigger.webhook.call(
			new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null),
		);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.writeHead).toHaveBeenCalledWith(
			401,
			expect.objectContaining({ 'content-type': 'application/json; charset=utf-8' }),
		);
		expect(JSON.parse(response.end.mock.calls[0][0])).toEqual({
			error: { code: 'user_hash_invalid', message: 'user_hash does not match the user' },
		});
	});

	it('implements the webhook lifecycle honestly: records the activated URL in static data', async () => {
		const { trigger, workflow, node, additionalData, webhookData } = contexts();
		const hook = () =>
			new HookContext(workflow, node, additionalData, 'webhook', 'activate', webhookData);
		const methods = trigger.webhookMethods.default;
		expect(await methods.checkExists.call(hook())).toBe(false);
		expect(await methods.create.call(hook())).toBe(true);
		expect(await methods.checkExists.call(hook())).toBe(true);
		const staticData = workflow.getStaticData('node', node);
		expect(staticData.webhookUrl).toBe('https://n8n.example.com/webhook/fin-hook/fin');
		staticData.webhookUrl = 'https://old-host.example.com/webhook/fin-hook/fin';
		expect(await methods.checkExists.call(hook())).toBe(false);
		expect(await methods.delete.call(hook())).toBe(true);
		expect(staticData.webhookUrl).toBeUndefined();
		expect(await methods.checkExists.call(hook())).toBe(false);
	});

	it('describes a POST webhook trigger with the Fin Messenger credential', () => {
		const { description } = new FinTrigger();
		expect(description).toMatchObject({ name: 'finTrigger', inputs: [], group: ['trigger'] });
		expect(description.credentials).toEqual([
			{ name: 'finMessengerApi', required: true, testedBy: 'finMessengerApiTest' },
		]);
		expect(description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST' }),
		]);
		const requireVerification = description.properties.find(
			(property) => property.name === 'requireIdentityVerification',
		);
		expect(requireVerification?.default).toBe(true);
		expect(description.properties.find((property) => property.name === 'source')?.default).toBe(
			'messenger',
		);
		expect(
			description.properties.find((property) => property.name === 'responseMode')?.default,
		).toBe('lastNode');
	});
});

describe('Fin Messenger credential', () => {
	const credential = new FinMessengerApi();
	const test = (data: IDataObject) =>
		new FinTrigger().methods.credentialTest.finMessengerApiTest.call(
			{} as never,
			{ id: '1', name: 'c', type: 'finMessengerApi', data } as ICredentialsDecrypted,
		);

	it('holds both secrets as password fields', () => {
		expect(credential.name).toBe('finMessengerApi');
		expect(
			credential.properties.map((property) => [property.name, property.typeOptions?.password]),
		).toEqual([
			['identityVerificationSecret', true],
			['intercomClientSecret', true],
		]);
	});

	it('is tested by Fin Trigger: missing, too short or mis-pasted secrets fail', async () => {
		expect(
			await test({ identityVerificationSecret: 'a'.repeat(40), intercomClientSecret: '' }),
		).toMatchObject({ status: 'OK' });
		expect(
			await test({
				identityVerificationSecret: 'a'.repeat(40),
				intercomClientSecret: 'b'.repeat(36),
			}),
		).toMatchObject({ status: 'OK' });
		expect(await test({ identityVerificationSecret: '', intercomClientSecret: '' })).toMatchObject({
			status: 'Error',
		});
		expect(await test({ identityVerificationSecret: 'short' })).toMatchObject({ status: 'Error' });
		const pasted = await test({ identityVerificationSecret: ` ${'a'.repeat(40)}\n` });
		expect(pasted).toMatchObject({ status: 'Error' });
		expect(pasted.message).not.toContain('a'.repeat(40));
	});
});
