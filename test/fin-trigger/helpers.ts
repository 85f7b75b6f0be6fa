// Shared by the Fin Trigger tests: signing like Intercom and a Messenger backend would, workflows
// with Fin Trigger and a test-only "Personalize" node, and HTTP calls to the webhook host.
import { createHmac } from 'node:crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import type { WorkflowJson } from '../../engine/run-workflow';

export const IDENTITY_SECRET = 'iv-secret-0123456789abcdef';
export const CLIENT_SECRET = 'client-secret-0123456789abcdef';
export const CREDENTIALS = {
	finMessengerApi: {
		identityVerificationSecret: IDENTITY_SECRET,
		intercomClientSecret: CLIENT_SECRET,
	},
};

export const userHash = (identifier: string, secret = IDENTITY_SECRET) =>
	createHmac('sha256', secret).update(identifier).digest('hex');

export const hubSignature = (raw: string | Buffer, secret = CLIENT_SECRET) =>
	`sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT as a Messenger backend signs it; `alg`/`key`/`hash` let tests forge the wrong ones. */
export function signJwt(
	claims: IDataObject,
	{
		secret = IDENTITY_SECRET,
		alg = 'HS256',
		hash = 'sha256',
	}: { secret?: string; alg?: string; hash?: string } = {},
): string {
	const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
	if (alg === 'none') return `${head}.`;
	return `${head}.${createHmac(hash, secret).update(head).digest('base64url')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Test-only node after the trigger: what a personalized answer built from the item looks like. */
export class Personalize implements INodeType {
	description = {
		displayName: 'Personalize',
		name: 'testPersonalize',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Personalize' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, index) => {
				const json = item.json as {
					user: IDataObject;
					identity: IDataObject;
					message: IDataObject;
				};
				return {
					json: {
						answer: `Hello ${String(json.user.name ?? json.user.user_id)}: ${String(json.message.text)}`,
						plan: json.user.plan ?? null,
						verified: json.identity.verified,
						method: json.identity.method,
					},
					pairedItem: { item: index },
				};
			}),
		];
	}
}

export function finWorkflow(
	parameters: IDataObject = {},
	{ personalize = true } = {},
): WorkflowJson {
	const trigger: INode = {
		id: 't',
		name: 'Fin Trigger',
		type: 'n8n-nodes-fin-actions.finTrigger',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: parameters as INodeParameters,
		credentials: { finMessengerApi: { id: 'm1', name: 'Messenger' } },
		webhookId: 'fin-hook',
	};
	if (!personalize) return { nodes: [trigger], connections: {} };
	return {
		nodes: [
			trigger,
			{
				id: 'p',
				name: 'Personalize',
				type: 'n8n-nodes-fin-actions.testPersonalize',
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'Personalize', type: 'main' as never, index: 0 }]] },
		},
	};
}

export interface Reply {
	status: number;
	text: string;
	json?: any;
}

export async function post(
	url: string,
	body: string | Buffer | object,
	headers: Record<string, string> = {},
): Promise<Reply> {
	const isRaw = typeof body === 'string' || Buffer.isBuffer(body);
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: isRaw ? (typeof body === 'string' ? body : new Uint8Array(body)) : JSON.stringify(body),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}

/**
 * A test-address call is answered before its run ends (test-address.test.ts): wait, bounded, until
 * the host holds `count` finished runs.
 */
export async function waitForRuns(host: { runs: unknown[] }, count = 1): Promise<void> {
	const deadline = Date.now() + 5000;
	while (host.runs.length < count && Date.now() < deadline)
		await new Promise((done) => setTimeout(done, 10));
}
