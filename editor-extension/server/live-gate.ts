// "Set live" on the server: a deploy that publishes passes the same gates as the page's button
// (client/graph/liveGate.ts): a passing test, run on this server since it started, of exactly this
// graph (the page's own fingerprint, layout aside), with a usable answer; an enabled Fin Trigger
// that requires identity verification. A test on the demo backend ran on a copy with demo addresses,
// so its fingerprint never matches the graph deployed. Demo addresses and n8n's checks are refused
// for every deploy (deploy.ts).
import { createHash } from 'node:crypto';

import { fingerprint } from '../client/graph/fingerprint';
import { isUsableAnswer } from '../client/graph/liveGate';
import { testableWorkflow } from '../client/graph/testable';
import type { NodeDescription, N8nWorkflow } from '../client/graph/types';
import { HttpError, isObject, type JsonObject } from './http';

const TRIGGER_TYPE = 'n8n-nodes-fin-actions.finTrigger';
/** Enough for a day of testing; the oldest passing test is forgotten first. */
const MAX_KEPT = 500;

export class PassedTests {
	private readonly prints = new Set<string>();

	/** `packageTypes`: this package's node types (what the page's lookup knows). */
	constructor(private readonly packageTypes: () => Set<string>) {}

	/** What the page fingerprints: the graph it would test (nodes the canvas cannot run left out). */
	private print(workflow: JsonObject): string {
		const known = this.packageTypes();
		const lookup = (type: string) => (known.has(type) ? ({} as NodeDescription) : undefined);
		const { workflow: tested } = testableWorkflow(workflow as unknown as N8nWorkflow, lookup);
		return createHash('sha256').update(fingerprint(tested)).digest('hex');
	}

	/** Called with every test this server ran: only a passing one with a usable answer counts. */
	record(workflow: JsonObject, report: { ok: boolean; answer?: unknown }) {
		if (!report.ok || !isUsableAnswer(report.answer)) return;
		const print = this.print(workflow);
		this.prints.delete(print);
		this.prints.add(print);
		if (this.prints.size > MAX_KEPT) this.prints.delete(this.prints.values().next().value!);
	}

	/** Throws 409 naming every gate this graph fails; nothing has been sent yet. */
	check(workflow: JsonObject) {
		const problems: string[] = [];
		const fixes: string[] = [];
		if (!this.prints.has(this.print(workflow))) {
			problems.push(
				'there is no passing test of this graph on this canvas server (a test on the demo backend, one from before the server started, or one of an earlier version of the graph does not count)',
			);
			fixes.push(
				'Run “Test response” with “Use demo backend” off until the AI gets an answer, then set it live without changing the graph.',
			);
		}
		const triggers = (workflow.nodes as unknown[]).filter(
			(node): node is JsonObject =>
				isObject(node) && node.type === TRIGGER_TYPE && node.disabled !== true,
		);
		if (triggers.length === 0) {
			problems.push('there is no Fin Trigger');
			fixes.push('Add a Fin Trigger.');
		}
		for (const trigger of triggers)
			if (
				isObject(trigger.parameters) &&
				trigger.parameters.requireIdentityVerification === false
			) {
				problems.push(`“${String(trigger.name)}” does not require identity verification`);
				fixes.push(
					`Switch “Require Identity Verification” on in “${String(trigger.name)}”, so only signed customers get their data, and test again.`,
				);
			}
		if (problems.length)
			throw new HttpError(
				409,
				`Not published: ${problems.join('; ')}`,
				`${fixes.join(' ')} Nothing was sent to n8n.`,
			);
	}
}
