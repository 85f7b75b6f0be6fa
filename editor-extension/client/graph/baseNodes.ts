// The names n8n 2.40 shows for its own nodes that a canvas test runs (engine/base-node-types.ts): the
// canvas has no description of them, but draws them by name, not as an unknown "?".
import { BASE_PACKAGE, isRunnableBaseType } from '../../../engine/base-node-types';

const NAMES: Readonly<Record<string, string>> = {
	set: 'Edit Fields (Set)',
	if: 'If',
	switch: 'Switch',
	filter: 'Filter',
	noOp: 'No Operation, do nothing',
	respondToWebhook: 'Respond to Webhook',
};

/** n8n's display name of a base node the test runs, else undefined. */
export function runnableBaseName(type: string): string | undefined {
	if (!isRunnableBaseType(type)) return undefined;
	return NAMES[type.slice(BASE_PACKAGE.length + 1)] ?? type;
}
