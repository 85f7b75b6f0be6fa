// What a canvas-built action makes real n8n store (audit point 7): an API Action added in the canvas
// picks fields (it does not pass the full response on), and the fields ticked in "Pick fields" (here on
// the Response Field Picker after it, which routes them to the action) become the action's own picked
// fields. Deployed by the canvas server and run by a signed chat message, n8n's stored execution
// (read with includeData) holds the picked values and none of the test API's other values.
import { addNode, updateN8nNode } from '../../editor-extension/client/graph/operations';
import { pickSource } from '../../editor-extension/client/graph/picking';
import {
	buildTree,
	findPickerSlots,
	labelFor,
	togglePointer,
	type TreeEntry,
} from '../../editor-extension/client/graph/pointers';
import type { GraphDoc, NodeDescription } from '../../editor-extension/client/graph/types';
import { emptyDoc, graphToWorkflow } from '../../editor-extension/client/graph/workflow';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { secrets } from '../../real-n8n/apis';
import { sendChat, userHash } from '../../real-n8n/chat';
import { customer } from '../../real-n8n/fixtures';
import { packageName } from '../../real-n8n/package';
import { E2eCanvas } from './support/canvas';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { settledExecutions, waitForWebhook, webhookUrl } from './support/workflows';

/** Values of the test API that no field picks: none may be in n8n's stored execution. */
const UNPICKED = {
	phone: '+44 20 7946 0958',
	iban: 'GB33BUKB20201555555555',
	bin: '457173',
	holder: 'ADA M LOVELACE',
};

const walletAnswer = {
	customer: { id: customer.user_id, phone: UNPICKED.phone },
	wallet: { balance: 42.5, currency: 'GBP', iban: UNPICKED.iban },
	cards: [
		{ last4: '0042', status: 'active', bin: UNPICKED.bin, holder: UNPICKED.holder },
		{ last4: '0077', status: 'frozen', bin: UNPICKED.bin, holder: UNPICKED.holder },
	],
};

const session = new E2eSession('canvas-picked-storage');
const { step } = session;
const canvas = new E2eCanvas();
let walletApi: LoopbackServer | undefined;

beforeAll(async () => {
	await session.open();
	await canvas.start();
	walletApi = await startLoopbackServer({ '*': { body: walletAnswer } });
}, SESSION_TIMEOUT);
afterAll(async () => {
	await walletApi?.close();
	await canvas.stop();
	await session.close();
}, 60000);

/** The tree entry a user ticks, found by its pointer in the tree the canvas draws from the response. */
function entryAt(entries: TreeEntry[], pointer: string): TreeEntry {
	for (const entry of entries) {
		if (entry.pointer === pointer) return entry;
		const found = pointer.startsWith(entry.pointer + '/') && entryAt(entry.children, pointer);
		if (found) return found;
	}
	throw new Error(`No tree entry ${pointer}`);
}

step(
	"a canvas-built API Action, deployed and run, leaves no unpicked value in n8n's stored execution",
	async () => {
		const { api, credentials, n8n } = session.value;
		const nodes = (await canvas.call('GET', '/api/nodes')).json as Array<{
			type: string;
			description: NodeDescription;
		}>;
		const described = (name: string) => {
			const found = nodes.find((node) => node.type === `${packageName}.${name}`)!;
			return found;
		};
		const lookup = (type: string) => nodes.find((node) => node.type === type)?.description;

		// Built as in the canvas: Fin Trigger, then API Action and Response Field Picker chained after it.
		let doc: GraphDoc = emptyDoc('Wallet (canvas e2e)');
		const add = (name: string, after?: string) => {
			const { type, description } = described(name);
			const result = addNode(doc, type, description, { x: 0, y: 0 }, lookup, after);
			doc = result.doc;
			return result.id;
		};
		const trigger = add('finTrigger');
		const action = add('apiAction', trigger);
		const picker = add('responseFieldPicker', action);
		doc = updateN8nNode(doc, trigger, (node) => ({
			...node,
			credentials: { finMessengerApi: { id: null, name: credentials.finMessengerApi.name } },
		}));
		doc = updateN8nNode(doc, action, (node) => ({
			...node,
			parameters: { ...node.parameters, url: `${walletApi!.url}/wallets/{{user.user_id}}` },
		}));

		// "Test response": the tree of "Pick fields" is the API's response as the test received it.
		const testValues = { user: { user_id: customer.user_id } };
		const first = await canvas.call('POST', '/api/test', {
			workflow: graphToWorkflow(doc),
			testValues,
		});
		expect(first.json.ok).toBe(true);
		expect(first.json.nodes['API Action'].apiResponse).toEqual({ body: walletAnswer });

		// "Pick fields" on the Response Field Picker: ticks go to the action it reads from.
		const source = pickSource(doc, picker)!;
		expect(source.id).toBe(action);
		const slots = findPickerSlots(described('apiAction').description.properties)!;
		const tree = buildTree(first.json.nodes['API Action'].apiResponse.body);
		for (const pointer of ['/wallet/balance', '/wallet/currency', '/cards/*/last4']) {
			const entry = entryAt(tree, pointer);
			doc = updateN8nNode(doc, source.id, (node) => ({
				...node,
				parameters: togglePointer(
					node.parameters,
					slots,
					entry.pointer,
					labelFor(entry.tokens, entry.roles),
				),
			}));
		}
		const workflow = graphToWorkflow(doc);
		// Set live needs a passing test of the graph as it is.
		const tested = await canvas.call('POST', '/api/test', { workflow, testValues });
		expect(tested.json.ok).toBe(true);

		const deployed = await canvas.call('POST', '/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: api.apiKey,
			activate: true,
		});
		expect({ status: deployed.status, error: deployed.json?.error }).toEqual({
			status: 200,
			error: undefined,
		});
		const stored = await api.apiOk('GET', `/workflows/${deployed.json.id}`);
		const url = webhookUrl(n8n.url, stored);
		await waitForWebhook(url);
		const calls = walletApi!.requests.length;
		const answer = await sendChat(url, {
			text: 'What is my balance?',
			user: { user_id: customer.user_id },
			userHash: userHash(secrets.identityVerification, customer.user_id),
		});
		expect(walletApi!.requests).toHaveLength(calls + 1);

		const executions = await settledExecutions(api, deployed.json.id);
		expect(executions).toHaveLength(1);
		const execution = JSON.stringify(executions[0]);
		for (const [name, value] of Object.entries(UNPICKED))
			expect({ [name]: execution.includes(value) }).toEqual({ [name]: false });
		expect(execution).not.toMatch(/"(iban|bin|phone|holder)"/);

		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			answer: { Balance: 42.5, Currency: 'GBP', cards: [{ Last4: '0042' }, { Last4: '0077' }] },
			fieldsUsed: ['/wallet/balance', '/wallet/currency', '/cards/*/last4'],
			actionUsed: true,
		});
		expect(executions[0].status).toBe('success');
		expect(execution).toContain('42.5');
	},
);
