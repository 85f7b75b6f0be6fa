// Ready-made actions, kept as data (templates/actions/*.json) shared with the canvas and the
// workflow templates. The node applies a template generically; no template has code of its own.
import githubIssues from '../../templates/actions/github-issues.json';
import hubspotOpenTickets from '../../templates/actions/hubspot-open-tickets.json';
import jiraRequestStatus from '../../templates/actions/jira-request-status.json';
import shopifyOrderStatus from '../../templates/actions/shopify-order-status.json';
import statuspageIncidents from '../../templates/actions/statuspage-incidents.json';
import stripeSubscription from '../../templates/actions/stripe-subscription.json';
import zendeskOpenTickets from '../../templates/actions/zendesk-open-tickets.json';
import { applyTemplateFields, type NameValue, type RequestTemplate } from './request-builder';

export interface ActionTemplate {
	id: string;
	name: string;
	actionName: string;
	whenToUse: string;
	fields: Array<{ name: string; displayName: string; default: string; description: string }>;
	request: {
		method: string;
		url: string;
		query: NameValue[];
		headers: NameValue[];
		/** A JSON body (a search's filters); its strings may hold customer placeholders. */
		body?: unknown;
		/**
		 * A POST that only reads (a search: HubSpot's CRM search is a POST). Reviewed data in this
		 * repository, so the request is sent without "Allow Writes"; a custom request cannot say so.
		 */
		readOnly?: boolean;
	};
	auth: { credentialType: string; note: string };
	suggestedFields: Array<{ pointer: string; name: string }>;
	/** false: the same data for everyone (no signed attribute needed); default true. */
	customerSpecific?: boolean;
}

export const ACTION_TEMPLATES: ActionTemplate[] = [
	shopifyOrderStatus,
	statuspageIncidents,
	stripeSubscription,
	zendeskOpenTickets,
	jiraRequestStatus,
	githubIssues,
	hubspotOpenTickets,
];

/** Node parameter holding a template field, e.g. `shopifyOrderStatus_shopUrl`. */
export function templateFieldParameter(template: ActionTemplate, field: string): string {
	return `${template.id}_${field}`;
}

/**
 * The request a template makes with the admin's field values (`{{template.<field>}}` filled in,
 * customer placeholders left for the request builder). The node and the canvas's URL preview use it.
 */
export function templateRequest(
	template: ActionTemplate,
	fields: Record<string, string>,
): RequestTemplate {
	const fill = (text: string) => applyTemplateFields(text, fields);
	return {
		method: template.request.method,
		url: fill(template.request.url),
		query: template.request.query.map((entry) => ({ ...entry, value: fill(entry.value) })),
		headers: template.request.headers.map(({ name, value }) => ({ name, value: fill(value) })),
		// As text, like the custom JSON body: the request builder encodes each placeholder for its position.
		...(template.request.body === undefined ? {} : { body: JSON.stringify(template.request.body) }),
	};
}
