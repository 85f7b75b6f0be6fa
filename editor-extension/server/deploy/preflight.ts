// Everything a deploy checks before it sends anything to n8n, in this order: no demo address, n8n's
// own checks, the "Set live" gates when it publishes, and the n8n address confirmed for every
// stored secret it would send.
import { workflowIssues, type NodeIssue } from '../checks';
import type { CredentialStore } from '../credentials';
import { HttpError, type JsonObject } from '../http';
import { confirmSecretAddresses } from '../secret-addresses';
import { demoAddressesIn } from '../../shared/demo';
import { localCredentials } from './credentials';
import type { DeployOptions, DeployRequest } from './request';

/** The canvas credentials the nodes use (by reference key), once every check has passed. */
export function preflight(
	workflow: JsonObject,
	baseUrl: string,
	request: DeployRequest,
	options: DeployOptions,
): Map<string, string> {
	const store: CredentialStore = options.credentials;
	// Demo mode is a test-time override, so a graph holding a demo address (an older export) would
	// call this canvas's demo from n8n: refused before anything is sent.
	const demo = demoAddressesIn(workflow as { nodes: unknown[] });
	if (demo.length)
		throw new HttpError(
			400,
			`The workflow still calls the canvas's demo backend: ${demo.join('; ')}`,
			"Enter your API's address in those fields on the canvas (the demo is for tests only), test again, then deploy.",
			{ demoAddresses: demo },
		);
	// n8n's own checks first, as n8n's editor shows them: nothing is sent while they fail.
	const before = workflowIssues(workflow);
	if (before.length) throw checksFailed(before);
	// Publishing passes the page's "Set live" gates; saving without publishing answers no chat.
	if (request.activate === true) options.passedTests.check(workflow);
	// The canvas's credentials each node uses (by its id, else by type and name): their stored
	// secrets may go only to an n8n address confirmed for them. Checked before anything is sent.
	const localFor = localCredentials(workflow.nodes as unknown[], store);
	confirmSecretAddresses(store, [...localFor.values()], baseUrl, request.secrets);
	return localFor;
}

export function checksFailed(issues: NodeIssue[]): HttpError {
	return new HttpError(
		400,
		`n8n would refuse this workflow: ${issues.map((issue) => `Node "${issue.node}": ${issue.message}`).join(' ')}`,
		'Fix the issues shown on the nodes, then publish again. Nothing was sent to n8n.',
		{ issues: issues as unknown as JsonObject[] },
	);
}
