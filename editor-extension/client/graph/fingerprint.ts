// What a test result is valid for: the workflow minus layout (positions, sticky notes, names of the
// workflow). "Set live" stays enabled only while the graph still matches the fingerprint of the last
// successful test.
import type { N8nWorkflow } from './types';
import { STICKY_TYPE } from './types';

function stable(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stable);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value as object)
				.sort()
				.map((key) => [key, stable((value as Record<string, unknown>)[key])]),
		);
	}
	return value;
}

export function fingerprint(workflow: N8nWorkflow): string {
	const nodes = workflow.nodes
		.filter((node) => node.type !== STICKY_TYPE)
		.map(({ name, type, typeVersion, parameters, credentials, disabled }) => ({
			name,
			type,
			typeVersion,
			parameters,
			credentials,
			disabled,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return JSON.stringify(stable({ nodes, connections: workflow.connections }));
}
