// Addresses of the canvas's embedded demo backend (server/demo.ts). Demo mode is a test-time override:
// a test run may call the demo, but the graph the admin edits, exports and deploys keeps the real
// addresses. A graph that holds a demo address anyway (an export made by an older canvas) must not go
// live: the client blocks "Set live" and the server's deploy refuses it, both through this check.

/** The demo's routes under `/demo` on a loopback canvas server, on any port (the port changes per start). */
const DEMO_ADDRESS =
	/^\s*https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/demo(?:\/(?:customers|shopify|statuspage)\b|\/?$)/i;

export function isDemoAddress(value: unknown): boolean {
	return typeof value === 'string' && DEMO_ADDRESS.test(value);
}

interface WorkflowLike {
	nodes: unknown[];
}

/** Every parameter (top level or nested) that holds a demo address, as `“node” (parameter): value`. */
export function demoAddressesIn(workflow: WorkflowLike): string[] {
	const found: string[] = [];
	const visit = (node: string, path: string, value: unknown) => {
		if (isDemoAddress(value)) found.push(`“${node}” (${path}): ${String(value).trim()}`);
		else if (Array.isArray(value))
			value.forEach((entry, index) => visit(node, `${path}[${index}]`, entry));
		else if (value && typeof value === 'object')
			for (const [key, entry] of Object.entries(value)) visit(node, `${path}.${key}`, entry);
	};
	for (const node of workflow.nodes) {
		if (!node || typeof node !== 'object') continue;
		const { name, parameters } = node as { name?: unknown; parameters?: unknown };
		if (!parameters || typeof parameters !== 'object') continue;
		for (const [key, value] of Object.entries(parameters)) visit(String(name), key, value);
	}
	return found;
}
