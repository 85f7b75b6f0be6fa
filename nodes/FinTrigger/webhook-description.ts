// Fin Trigger's webhook description, declared so n8n resolves it without the expression engine.
//
// Why: n8n (2.40+) resolves a webhook description field natively, without acquiring an isolate or
// evaluating anything, when the field carries a resolver under the global
// Symbol.for('n8n.webhookDescriptionResolvers') and still holds the exact template that resolver was
// built from (n8n-workflow's webhookDescriptionFields / fromParameter / fromFunction; the Webhook
// node declares its own fields this way). A plain `={{...}}` string is evaluated in an isolate on
// every request. The object is built here rather than with n8n-workflow's helpers so the package
// still loads on an n8n too old to export them: there the templates are simply evaluated as before.
import type { IDataObject, IWebhookDescription } from 'n8n-workflow';

/** n8n-workflow's WEBHOOK_RESOLVERS: a global registry symbol, shared by every copy of the module. */
const WEBHOOK_RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');

interface Field {
	template: string;
	resolve: (parameters: IDataObject) => unknown;
}

/**
 * The same shape as n8n-workflow's fromFunction: the template inlines the function's source, so
 * the engine (saved workflows with an expression in a parameter, older n8n) runs the same code.
 * The function must be self-contained: no imports or module constants.
 */
function fromFunction(fn: (parameters: IDataObject) => unknown): Field {
	return { template: `={{(${String(fn)})($parameter)}}`, resolve: fn };
}

export const WEBHOOK_FIELDS: Record<'responseMode' | 'responseCode' | 'responseData', Field> = {
	responseMode: fromFunction((p) => (p.responseMode === 'onReceived' ? 'onReceived' : 'lastNode')),
	responseCode: fromFunction((p) => (p.responseMode === 'onReceived' ? 202 : 200)),
	// onReceived answers with the webhook's own `webhookResponse` ({status: 'accepted'}).
	responseData: fromFunction((p) => (p.responseMode === 'onReceived' ? '' : 'firstEntryJson')),
};

export function finWebhookDescription(): IWebhookDescription {
	const templates: Record<string, string> = {};
	for (const [name, field] of Object.entries(WEBHOOK_FIELDS)) templates[name] = field.template;
	return {
		name: 'default',
		httpMethod: 'POST',
		path: 'fin',
		...templates,
		[WEBHOOK_RESOLVERS]: WEBHOOK_FIELDS,
	} as IWebhookDescription;
}
