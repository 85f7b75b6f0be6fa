// "Use demo backend": a test-time override. For a test run only, a copy of the graph has its API
// Actions pointed at the canvas server's embedded demo (/demo/...), which answers like the real APIs,
// with a demo token, so a template can be tested at once with no account anywhere. The graph the
// admin edits, exports and deploys keeps its real addresses (state/testRun.ts applies this to a copy).
import { isOption, resolveValues, visibleProperties } from './parameters';
import { updateN8nNode } from './operations';
import type { GraphDoc, NodeDescription } from './types';

/** A credential reference as nodes store it. */
export interface CredentialRef {
	type: string;
	id: string;
	name: string;
}

export interface DemoChange {
	nodeId: string;
	/** A parameter name, or `credentials.<type>` for a credential assignment. */
	key: string;
	/** Value before (undefined: was not set). */
	from: unknown;
	to: unknown;
}

/** Demo routes and the prefix the demo serves them under. */
const ROUTES: Array<{ path: RegExp; prefix: string }> = [
	{ path: /\/admin\/api\//, prefix: '/shopify' },
	{ path: /\/api\/v2\/incidents\b/, prefix: '/statuspage' },
	{ path: /\/customers\/[^/]+\/usage\b/, prefix: '' },
];

const HOSTS: Array<{ host: RegExp; prefix: string }> = [
	{ host: /myshopify\.com$/i, prefix: '/shopify' },
	{ host: /statuspage\.io$|^status\./i, prefix: '/statuspage' },
	// The vendor templates' API addresses (server/demo-vendors.ts).
	{ host: /^api\.stripe\.com$/i, prefix: '/stripe' },
	{ host: /\.zendesk\.com$/i, prefix: '/zendesk' },
	{ host: /\.atlassian\.net$/i, prefix: '/jira' },
	{ host: /^api\.github\.com$/i, prefix: '/github' },
	{ host: /^api\.hubapi\.com$/i, prefix: '/hubspot' },
];

export function isApiAction(type: string): boolean {
	return /\.apiAction$/.test(type);
}

/** The demo address for a real one, or undefined when the demo has nothing like it. */
export function demoUrlFor(url: string, demoBase: string): string | undefined {
	const match = /^(https?:\/\/[^/?#]+)(.*)$/i.exec(url.trim());
	if (!match || url.startsWith(demoBase)) return undefined;
	const [, origin, rest] = match;
	// Placeholders such as {{user.user_id}} are not valid in a URL; parse the host part only.
	let host = '';
	try {
		host = new URL(origin).hostname;
	} catch {
		return undefined;
	}
	for (const route of ROUTES) {
		const found = route.path.exec(rest);
		if (found) return `${demoBase}${route.prefix}${rest.slice(found.index)}`;
	}
	const byHost = HOSTS.find((candidate) => candidate.host.test(host));
	if (byHost && (rest === '' || rest === '/')) return `${demoBase}${byHost.prefix}`;
	return undefined;
}

export interface DemoOptions {
	demoBase: string;
	describe: (type: string) => NodeDescription | undefined;
	/** A demo credential per credential type an action needs (e.g. a Fin Fixed Token holding "demo-token"). */
	demoCredential?: (type: string) => CredentialRef | undefined;
}

/** Points every API Action at the demo; returns the changes made (empty when nothing applied). */
export function applyDemo(
	doc: GraphDoc,
	options: DemoOptions,
): { doc: GraphDoc; changes: DemoChange[] } {
	const changes: DemoChange[] = [];
	let next = doc;
	for (const graphNode of doc.nodes) {
		const node = graphNode.data.node;
		const description = options.describe(node.type);
		if (!isApiAction(node.type) || !description) continue;
		const at = { nodeId: graphNode.id, node, description, options, changes };
		const values = resolveValues(
			description.properties,
			node.parameters,
			undefined,
			node.typeVersion,
		);
		const shown = visibleProperties(description.properties, {
			level: values,
			root: values,
			typeVersion: node.typeVersion,
		});
		const parameters = demoAddresses(at, shown, values);
		if (!changes.some((change) => change.nodeId === graphNode.id)) continue;
		const credentials = demoCredentials(at, shown, values, parameters);
		next = updateN8nNode(next, graphNode.id, (current) => ({
			...current,
			parameters,
			...(Object.keys(credentials).length ? { credentials } : {}),
		}));
	}
	return { doc: next, changes };
}

/** The API Action being pointed at the demo, and the list its changes are added to. */
interface DemoTarget {
	nodeId: string;
	node: GraphDoc['nodes'][number]['data']['node'];
	description: NodeDescription;
	options: DemoOptions;
	changes: DemoChange[];
}

type Shown = ReturnType<typeof visibleProperties>;
type Values = ReturnType<typeof resolveValues>;

/** The node's parameters with every shown address the demo serves replaced by the demo's. */
function demoAddresses(
	{ nodeId, node, options, changes }: DemoTarget,
	shown: Shown,
	values: Values,
) {
	const parameters = { ...node.parameters };
	for (const property of shown) {
		const value = values[property.name];
		if (property.type !== 'string' || typeof value !== 'string') continue;
		const demoUrl = demoUrlFor(value, options.demoBase);
		if (!demoUrl) continue;
		changes.push({
			nodeId,
			key: property.name,
			from: node.parameters[property.name],
			to: demoUrl,
		});
		parameters[property.name] = demoUrl;
	}
	return parameters;
}

/**
 * The node's credentials with the demo's for each one its authentication needs; switches
 * `parameters.authentication` to one the demo can serve when the chosen one cannot be.
 */
function demoCredentials(
	{ nodeId, node, description, options, changes }: DemoTarget,
	shown: Shown,
	values: Values,
	parameters: Record<string, unknown>,
) {
	const credentials = { ...(node.credentials ?? {}) };
	const credentialsFor = (authentication: unknown) =>
		(description.credentials ?? []).filter((credential) =>
			credential.displayOptions?.show?.authentication?.includes(authentication as never),
		);
	const servable = (authentication: unknown) => {
		const list = credentialsFor(authentication);
		return list.length > 0 && list.every((credential) => options.demoCredential?.(credential.name));
	};
	let needed = credentialsFor(values.authentication);
	if (needed.length && !servable(values.authentication)) {
		// e.g. a Fin Dynamic Token needs a token endpoint the demo does not have: use the demo's fixed token.
		const authProperty = shown.find((property) => property.name === 'authentication');
		const alternative = (authProperty?.options ?? [])
			.filter(isOption)
			.map((option) => option.value)
			.find(servable);
		if (alternative !== undefined) {
			changes.push({
				nodeId,
				key: 'authentication',
				from: node.parameters.authentication,
				to: alternative,
			});
			parameters.authentication = alternative;
			needed = credentialsFor(alternative);
		}
	}
	for (const credential of needed) {
		const demo = options.demoCredential?.(credential.name);
		if (!demo || credentials[credential.name]?.id === demo.id) continue;
		changes.push({
			nodeId,
			key: `credentials.${credential.name}`,
			from: credentials[credential.name],
			to: { id: demo.id, name: demo.name },
		});
		credentials[credential.name] = { id: demo.id, name: demo.name };
	}
	return credentials;
}

export { demoAddressesIn, isDemoAddress } from '../../shared/demo';
