// One run of a live action, summarized from n8n's execution data (public API, includeData=true) for
// the canvas's Logs: when, which verified customer, what the Audience Filter decided, the API's HTTP
// status, how long, which fields the AI was answered with, and why it failed with what to do. It
// reads only names, statuses and outcomes from the data: no answered value, no request or response
// body, no unsigned attribute; every secret the canvas knows is scrubbed in every encoding. Pure:
// tested on executions recorded from a real n8n (test/server/run-log.test.ts).
import { redactSecrets } from '../../nodes/public';
import type { RunSummary } from '../shared/api';

const PACKAGE = 'n8n-nodes-fin-actions';

export interface WorkflowNodeRef {
	name: string;
	type: string;
}

export interface SummaryContext {
	/** The n8n the action runs in (normalized base URL) and its workflow id: for the link to the run. */
	baseUrl: string;
	workflowId: string;
	/** The action's nodes (names and types), to know which node is which. */
	nodes: WorkflowNodeRef[];
	/** Secrets to scrub from what is shown (the canvas's credentials, the n8n API key). */
	secrets: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

interface Task {
	startTime?: number;
	executionTime?: number;
	error?: Json;
	data?: { main?: Array<Array<{ json?: Json }> | null> };
}

export function summarizeExecution(execution: Json, context: SummaryContext): RunSummary {
	const run = readRun(execution, context);
	const id = String(execution.id);
	const summary: RunSummary = {
		id,
		...timesOf(execution),
		status: String(execution.status ?? 'unknown'),
		customer: customerOf(run.firstItem(run.ran('finTrigger')[0])),
		fields: [],
		url: `${context.baseUrl}/workflow/${encodeURIComponent(context.workflowId)}/executions/${encodeURIComponent(id)}`,
	};
	const audience = audienceOf(run);
	if (audience) summary.audience = audience;
	const apiNode = [...run.ran('apiAction'), ...run.ran('apiActionTool')][0];
	if (apiNode) summary.api = apiOf(run, apiNode);
	addAnswer(summary, run);
	const error = runError(run.resultData, run.runData);
	if (error) {
		const apiStatus = error.node === apiNode ? summary.api?.status : undefined;
		summary.error = {
			...(error.node ? { node: error.node } : {}),
			message: error.message,
			hint: hintFor(error, run.typeOf.get(error.node ?? ''), apiStatus),
		};
	}
	return redactSecrets(summary, context.secrets);
}

/** The execution's run data, with readers for its nodes' last tasks and items. */
interface Run {
	resultData: Json;
	runData: Record<string, Task[]>;
	typeOf: Map<string, string>;
	/** The names of the nodes of this package's `kind` that ran. */
	ran(kind: string): string[];
	lastTask(name: string): Task | undefined;
	firstItem(name: string | undefined, output?: number): Json | undefined;
	anyItem(name: string): Json | undefined;
}

function readRun(execution: Json, context: SummaryContext): Run {
	const data = isObject(execution.data) ? execution.data : {};
	const resultData = isObject(data.resultData) ? data.resultData : {};
	const runData = (isObject(resultData.runData) ? resultData.runData : {}) as Record<
		string,
		Task[]
	>;
	const typeOf = new Map(context.nodes.map((node) => [node.name, node.type]));
	// Nodes of the action that ran, by kind; the execution's own workflow copy wins when it has one.
	if (isObject(execution.workflowData) && Array.isArray(execution.workflowData.nodes))
		for (const node of execution.workflowData.nodes)
			if (isObject(node) && typeof node.name === 'string' && typeof node.type === 'string')
				typeOf.set(node.name, node.type);
	const ran = (kind: string) =>
		Object.keys(runData).filter((name) => typeOf.get(name) === `${PACKAGE}.${kind}`);
	const lastTask = (name: string): Task | undefined => {
		const tasks = runData[name];
		return Array.isArray(tasks) ? tasks[tasks.length - 1] : undefined;
	};
	const firstItem = (name: string | undefined, output = 0): Json | undefined => {
		if (!name) return undefined;
		const json = lastTask(name)?.data?.main?.[output]?.[0]?.json;
		return isObject(json) ? json : undefined;
	};
	const anyItem = (name: string): Json | undefined => {
		for (const output of lastTask(name)?.data?.main ?? []) {
			const json = output?.[0]?.json;
			if (isObject(json)) return json;
		}
		return undefined;
	};
	return { resultData, runData, typeOf, ran, lastTask, firstItem, anyItem };
}

/** When the run started and stopped, and how long it took (when both are known). */
function timesOf(execution: Json): Pick<RunSummary, 'startedAt' | 'stoppedAt' | 'durationMs'> {
	const startedAt = String(execution.startedAt ?? execution.createdAt ?? '');
	const stoppedAt = typeof execution.stoppedAt === 'string' ? execution.stoppedAt : undefined;
	const durationMs =
		stoppedAt && startedAt ? Date.parse(stoppedAt) - Date.parse(startedAt) : undefined;
	return {
		startedAt,
		...(stoppedAt ? { stoppedAt } : {}),
		...(durationMs !== undefined && Number.isFinite(durationMs) ? { durationMs } : {}),
	};
}

/** What the Audience Filter decided, when one ran. */
function audienceOf(run: Run): RunSummary['audience'] {
	const audienceNode = run.ran('audienceFilter')[0];
	const audience = audienceNode ? run.anyItem(audienceNode)?.audience : undefined;
	if (!isObject(audience) || typeof audience.matched !== 'boolean') return undefined;
	return {
		matched: audience.matched,
		...(typeof audience.decidedBy === 'string' ? { decidedBy: audience.decidedBy } : {}),
		...(typeof audience.reason === 'string' ? { reason: audience.reason } : {}),
	};
}

/** The API Action's HTTP status, time and attempts, from its record (else its error). */
function apiOf(run: Run, apiNode: string): NonNullable<RunSummary['api']> {
	const task = run.lastTask(apiNode);
	const record = run.anyItem(apiNode)?.action;
	const status =
		isObject(record) && typeof record.status === 'number'
			? record.status
			: httpStatusOf(task?.error);
	return {
		node: apiNode,
		...(status !== undefined ? { status } : {}),
		ok: !task?.error && status !== undefined && status >= 200 && status < 300,
		...(isObject(record) && typeof record.durationMs === 'number'
			? { durationMs: record.durationMs }
			: {}),
		...(isObject(record) && typeof record.attempts === 'number'
			? { attempts: record.attempts }
			: {}),
	};
}

/**
 * What the AI was answered with: the first item of the node that ran last (Fin Trigger answers
 * with it), read for its field names only.
 */
function addAnswer(summary: RunSummary, run: Run): void {
	const { resultData } = run;
	const last = typeof resultData.lastNodeExecuted === 'string' ? resultData.lastNodeExecuted : '';
	const answer = run.firstItem(last);
	if (answer && !resultData.error) {
		summary.fields = fieldNames(answer);
		if (typeof answer.actionUsed === 'boolean') summary.actionUsed = answer.actionUsed;
	}
}

/** The signed identifier of the customer: user_id, else email, else a verified JWT's subject. */
function customerOf(item: Json | undefined): RunSummary['customer'] {
	const identity = isObject(item?.identity) ? item!.identity : {};
	const verified = identity.verified === true;
	const method = typeof identity.method === 'string' ? identity.method : undefined;
	const signed = Array.isArray(identity.signed) ? identity.signed.map(String) : [];
	const isSigned = (path: string) =>
		signed.some((entry) => entry === path || path.startsWith(`${entry}.`));
	const user = isObject(item?.user) ? item!.user : {};
	const claims = isObject(identity.claims) ? identity.claims : {};
	const candidates: Array<[string, unknown]> = [
		['user.user_id', user.user_id],
		['user.id', user.id],
		['user.email', user.email],
		['identity.claims.sub', claims.sub],
	];
	for (const [attribute, value] of candidates) {
		if ((typeof value === 'string' || typeof value === 'number') && isSigned(attribute))
			return { id: String(value), attribute, verified, ...(method ? { method } : {}) };
	}
	return { verified, ...(method ? { method } : {}) };
}

/** The answer's field names as the AI saw them (the keys of `answer`), else the picked pointers. */
function fieldNames(answer: Json): string[] {
	if (isObject(answer.answer)) return Object.keys(answer.answer);
	if (Array.isArray(answer.fieldsUsed))
		return answer.fieldsUsed.filter((field): field is string => typeof field === 'string');
	return [];
}

function httpStatusOf(error: Json | undefined): number | undefined {
	if (!error) return undefined;
	const code = Number(error.httpCode);
	return Number.isInteger(code) && code >= 100 && code < 600 ? code : undefined;
}

export interface RunError {
	node?: string;
	message: string;
	description?: string;
	httpCode?: number;
}

/** The failing node's error (else the run's), as n8n saved it. */
function runError(resultData: Json, runData: Record<string, Task[]>): RunError | undefined {
	for (const [node, tasks] of Object.entries(runData)) {
		const error = Array.isArray(tasks) ? tasks[tasks.length - 1]?.error : undefined;
		if (isObject(error)) return { node, ...errorText(error) };
	}
	const error = resultData.error;
	if (!isObject(error)) return undefined;
	const node =
		isObject(error.node) && typeof error.node.name === 'string' ? error.node.name : undefined;
	return { ...(node ? { node } : {}), ...errorText(error) };
}

function errorText(error: Json): Omit<RunError, 'node'> {
	return {
		message: typeof error.message === 'string' ? error.message : 'Unknown error',
		...(typeof error.description === 'string' ? { description: error.description } : {}),
		...(httpStatusOf(error) !== undefined ? { httpCode: httpStatusOf(error) } : {}),
	};
}

/** What the admin can do about it, from the kind of node and the API's status. */
export function hintFor(error: RunError, type: string | undefined, apiStatus?: number): string {
	const status = apiStatus ?? error.httpCode;
	const node = error.node ? `"${error.node}"` : 'the node named';
	if (type === `${PACKAGE}.apiAction` || type === `${PACKAGE}.apiActionTool`) {
		if (status === 401 || status === 403)
			return `Your API refused the credential of ${node}: check its token (and where it is sent) in n8n's credential, then send a test message.`;
		if (status === 404)
			return `Your API has nothing at the address ${node} called for this customer: check the URL and its placeholders, and that the customer exists in your backend.`;
		if (status === 429)
			return `Your API limited the requests: lower the traffic or raise the limit, and check the retries in the options of ${node}.`;
		if (status !== undefined && status >= 500)
			return `Your API failed (HTTP ${status}): look at its logs for this time; the customer got no answer. Retries are set in the options of ${node}.`;
		if (/timed? ?out|ETIMEDOUT|ECONNABORTED/i.test(error.message))
			return `Your API did not answer in time: check it, or raise the timeout in the options of ${node}.`;
		if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/i.test(error.message))
			return `n8n could not reach your API: check the address in ${node} and that n8n's host can reach it.`;
		return `Fix what the message names in ${node}, test the action on the canvas, then publish it again.`;
	}
	if (type === `${PACKAGE}.finTrigger`)
		return 'Check the Fin Trigger credential (identity verification secret) in n8n, then send a test message.';
	return `Open the run in n8n to see ${node}'s input and error, fix it on the canvas, test, then publish again.`;
}
