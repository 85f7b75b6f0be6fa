// Facts about a node type read from its n8n description: trigger or not, its inputs and outputs.
import type { NodeDescription } from './types';
import { STICKY_TYPE } from './types';

/** Looks a node type up by its workflow `type`, e.g. `n8n-nodes-fin-actions.apiAction`. */
export type TypeLookup = (type: string) => NodeDescription | undefined;

export interface Port {
	connectionType: string;
	index: number;
	label?: string;
}

function portList(value: unknown, names: string[] | undefined): Port[] {
	if (!Array.isArray(value)) return [{ connectionType: 'main', index: 0, label: names?.[0] }];
	const counters = new Map<string, number>();
	return value.map((entry, position) => {
		const connectionType =
			typeof entry === 'string' ? entry : String((entry as { type?: string })?.type ?? 'main');
		const index = counters.get(connectionType) ?? 0;
		counters.set(connectionType, index + 1);
		const displayName =
			typeof entry === 'object' && entry
				? (entry as { displayName?: string }).displayName
				: undefined;
		return { connectionType, index, label: displayName ?? names?.[position] };
	});
}

export function isTriggerDescription(description: NodeDescription | undefined, type = ''): boolean {
	if (!description) return /trigger$/i.test(type);
	return (
		Boolean(description.group?.includes('trigger')) ||
		(Array.isArray(description.inputs) && description.inputs.length === 0) ||
		/trigger$/i.test(description.name)
	);
}

export function isTriggerType(type: string, lookup: TypeLookup): boolean {
	if (type === STICKY_TYPE) return false;
	return isTriggerDescription(lookup(type), type);
}

export function outputsOf(description: NodeDescription | undefined): Port[] {
	if (!description) return [{ connectionType: 'main', index: 0 }];
	if (!Array.isArray(description.outputs)) {
		// An expression (outputs computed from parameters): fall back to the names, else one output.
		const names = description.outputNames ?? [undefined];
		return names.map((label, index) => ({ connectionType: 'main', index, label }));
	}
	return portList(description.outputs, description.outputNames);
}

export function inputsOf(description: NodeDescription | undefined, type = ''): Port[] {
	if (isTriggerDescription(description, type)) return [];
	if (!description || !Array.isArray(description.inputs))
		return [{ connectionType: 'main', index: 0 }];
	return portList(description.inputs, description.inputNames);
}

/** The name n8n gives a new node of this type ("API Action"). */
export function baseNodeName(description: NodeDescription): string {
	return description.defaults?.name || description.displayName;
}

export function latestVersion(description: NodeDescription): number {
	return Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
}
