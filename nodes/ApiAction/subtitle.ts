// The subtitle n8n shows under the node on the canvas: the action's name, else the template's name
// ("Shopify order status", never its id), else "Custom request".
import { ACTION_TEMPLATES } from './action-templates';

export function subtitleExpression(): string {
	const names = JSON.stringify(
		Object.fromEntries(ACTION_TEMPLATES.map((template) => [template.id, template.name])),
	);
	return `={{$parameter["actionName"] || ${names}[$parameter["template"]] || "Custom request"}}`;
}
