// A loopback stand-in of n8n's public API as far as the canvas's deploy uses it (credentials,
// workflows, publish, deactivate), with its schema refusals (node.yml and workflow.yml allow no
// additional property), its 401 without the key and its 404 for a deleted workflow. Unit tests of
// the canvas server use it; the same paths against real n8n 2.40.7 are in test/real-n8n.
import type { ReceivedRequest, ScriptedResponse } from '../../../engine/testing';

/** Written from n8n's own schemas, not from server/deploy/workflow.ts, so the two can disagree. */
const WORKFLOW_FIELDS = ['name', 'nodes', 'connections', 'settings', 'staticData', 'description'];
const NODE_FIELDS = [
	'id',
	'name',
	'webhookId',
	'disabled',
	'notesInFlow',
	'notes',
	'type',
	'typeVersion',
	'executeOnce',
	'alwaysOutputData',
	'retryOnFail',
	'maxTries',
	'waitBetweenTries',
	'continueOnFail',
	'onError',
	'position',
	'parameters',
	'credentials',
];

export interface FakeN8nState {
	credentials: { id: string; name: string; type: string; data: Record<string, unknown> }[];
	workflows: Map<string, Record<string, any>>;
	next: number;
}

/** An n8n holding the given credentials and no workflow. */
export function fakeN8nState(credentials: FakeN8nState['credentials'] = []): FakeN8nState {
	return { credentials, workflows: new Map(), next: 1 };
}

/** Why n8n would refuse this workflow body, as its answer; undefined when it accepts it. */
function schemaRefusal(body: Record<string, any>): ScriptedResponse | undefined {
	const extra = Object.keys(body).filter((key) => !WORKFLOW_FIELDS.includes(key));
	const nodeExtra = (body.nodes ?? []).flatMap((node: Record<string, unknown>) =>
		Object.keys(node).filter((key) => !NODE_FIELDS.includes(key)),
	);
	if (extra.length || nodeExtra.length)
		return { status: 400, body: { message: 'request/body must NOT have additional properties' } };
	if (!body.settings)
		return {
			status: 400,
			body: { message: "request/body must have required property 'settings'" },
		};
	return undefined;
}

/** The route handler of the stand-in: `startLoopbackServer({ '*': fakeN8n(state, key) })`. */
export function fakeN8n(state: FakeN8nState, apiKey: string) {
	return (request: ReceivedRequest): ScriptedResponse => {
		if (request.headers['x-n8n-api-key'] !== apiKey)
			return { status: 401, body: { message: 'unauthorized' } };
		const { method, path } = request;
		const body = request.json as Record<string, any>;
		if (path === '/api/v1/credentials' && method === 'GET')
			return {
				body: {
					data: state.credentials.map(({ id, name, type }) => ({ id, name, type })),
					nextCursor: null,
				},
			};
		if (path === '/api/v1/credentials' && method === 'POST') {
			const id = `Cred${state.next++}`;
			state.credentials.push({ id, name: body.name, type: body.type, data: body.data });
			return { body: { id, name: body.name, type: body.type } };
		}
		const credential = /^\/api\/v1\/credentials\/([^/]+)$/.exec(path);
		if (credential && method === 'PATCH') {
			const found = state.credentials.find((entry) => entry.id === credential[1]);
			if (!found) return { status: 404, body: { message: 'Credential not found' } };
			Object.assign(found, { name: body.name, data: body.data });
			return { body: { id: found.id, name: found.name, type: found.type } };
		}
		if (path === '/api/v1/workflows' && method === 'POST') {
			const refused = schemaRefusal(body);
			if (refused) return refused;
			const id = `Wf${state.next++}`;
			state.workflows.set(id, { ...body, id, active: false });
			return { body: state.workflows.get(id) };
		}
		const workflow = /^\/api\/v1\/workflows\/([^/]+)(\/publish|\/deactivate)?$/.exec(path);
		if (workflow) {
			const found = state.workflows.get(workflow[1]);
			if (!found) return { status: 404, body: { message: 'Not Found' } };
			if (workflow[2] && method === 'POST') {
				found.active = workflow[2] === '/publish';
				return { body: { id: found.id, active: found.active } };
			}
			if (method === 'GET') return { body: found };
			if (method === 'PUT') {
				const refused = schemaRefusal(body);
				if (refused) return refused;
				state.workflows.set(found.id, { ...body, id: found.id, active: found.active });
				return { body: state.workflows.get(found.id) };
			}
		}
		return { status: 404, body: { message: 'no route' } };
	};
}
