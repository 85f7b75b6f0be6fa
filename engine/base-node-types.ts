// n8n's own nodes (package n8n-nodes-base) that workflows built with this package use beside its
// nodes: the templates' "Not In Audience" (Set), branching (If, Switch, Filter), No Op, Respond to
// Webhook. Only their types are named here, so the canvas client can import this list too; the
// classes are loaded by engine/base-nodes.ts.
export const BASE_PACKAGE = 'n8n-nodes-base';

/** Node type -> its class file inside n8n-nodes-base/dist/nodes (one file each, not the whole package). */
export const BASE_NODE_FILES: Readonly<Record<string, string>> = {
	'n8n-nodes-base.set': 'Set/Set.node.js',
	'n8n-nodes-base.if': 'If/If.node.js',
	'n8n-nodes-base.switch': 'Switch/Switch.node.js',
	'n8n-nodes-base.filter': 'Filter/Filter.node.js',
	'n8n-nodes-base.noOp': 'NoOp/NoOp.node.js',
	'n8n-nodes-base.respondToWebhook': 'RespondToWebhook/RespondToWebhook.node.js',
};

/** Whether the engine runs this type with n8n's real class. */
export const isRunnableBaseType = (type: string): boolean =>
	Object.prototype.hasOwnProperty.call(BASE_NODE_FILES, type);
