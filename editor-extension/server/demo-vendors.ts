// The demo backend's stand-ins for the vendor templates (Stripe, Zendesk, Jira, GitHub, HubSpot): each
// answers in the vendor's documented shape (values invented) for whoever the signed attribute
// names, and refuses a request without a token or without that attribute, as the vendor would.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { isObject, readJsonBody, sendJson } from './http';
import type { RouteContext, Router } from './router';

const DAY = 86400;
const now = () => Math.floor(Date.now() / 1000);
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const hasToken = (req: IncomingMessage) =>
	/^(Bearer|Basic)\s+\S+/i.test(req.headers.authorization ?? '');

function guard(req: IncomingMessage, res: ServerResponse, missing: string | undefined): boolean {
	if (!hasToken(req)) {
		sendJson(res, 401, { error: 'unauthorized', message: 'No valid credentials were sent.' });
		return false;
	}
	if (missing) {
		sendJson(res, 400, {
			error: 'invalid_request',
			message: `Missing required param: ${missing}.`,
		});
		return false;
	}
	return true;
}

export function addVendorDemoRoutes(router: Router) {
	router
		.add('GET', '/demo/stripe/v1/subscriptions', stripeSubscriptions)
		.add('GET', '/demo/zendesk/api/v2/search.json', zendeskSearch)
		.add('GET', '/demo/jira/rest/api/3/search/jql', jiraSearch)
		.add('GET', '/demo/github/repos/:owner/:repo/issues', githubIssues)
		.add('POST', '/demo/hubspot/crm/v3/objects/tickets/search', hubspotTicketSearch);
}

/** Stripe: the customer's subscriptions (`customer` is the signed Stripe id). */
function stripeSubscriptions({ req, res, url }: RouteContext) {
	const customer = url.searchParams.get('customer');
	if (!guard(req, res, customer ? undefined : 'customer')) return;
	const periodEnd = now() + 12 * DAY;
	sendJson(res, 200, {
		object: 'list',
		url: '/v1/subscriptions',
		has_more: false,
		data: [
			{
				id: 'sub_demo0001',
				object: 'subscription',
				customer,
				status: 'active',
				cancel_at_period_end: false,
				currency: 'eur',
				default_payment_method: 'pm_demo_card',
				items: {
					object: 'list',
					data: [
						{
							id: 'si_demo0001',
							object: 'subscription_item',
							current_period_start: periodEnd - 30 * DAY,
							current_period_end: periodEnd,
							quantity: 1,
							price: {
								id: 'price_demo_pro',
								object: 'price',
								nickname: 'Pro monthly',
								currency: 'eur',
								unit_amount: 4900,
								recurring: { interval: 'month', interval_count: 1 },
							},
						},
					],
				},
			},
		],
	});
}

/** Zendesk: the requester's tickets (the signed email in the search query). */
function zendeskSearch({ req, res, url }: RouteContext) {
	const query = url.searchParams.get('query') ?? '';
	if (!guard(req, res, /requester:\S+/.test(query) ? undefined : 'query (requester:)')) return;
	const ticket = (id: number, subject: string, status: string, daysAgo: number) => ({
		url: `https://demo.zendesk.com/api/v2/tickets/${id}.json`,
		id,
		result_type: 'ticket',
		subject,
		status,
		priority: 'normal',
		created_at: iso(now() - 10 * DAY),
		updated_at: iso(now() - daysAgo * DAY),
	});
	sendJson(res, 200, {
		results: [
			ticket(35436, 'Invoice shows the wrong VAT number', 'open', 1),
			ticket(35412, 'Export to CSV times out', 'pending', 3),
		],
		facets: null,
		next_page: null,
		previous_page: null,
		count: 2,
	});
}

/** Jira Service Management: the reporter's requests (the signed account id in the JQL). */
function jiraSearch({ req, res, url }: RouteContext) {
	const jql = url.searchParams.get('jql') ?? '';
	if (!guard(req, res, /reporter\s*=\s*"[^"]+"/.test(jql) ? undefined : 'jql (reporter =)')) return;
	const issue = (id: string, key: string, summary: string, status: string) => ({
		id,
		key,
		self: `https://demo.atlassian.net/rest/api/3/issue/${id}`,
		fields: { summary, status: { name: status, id: '10001' }, updated: iso(now() - DAY) },
	});
	sendJson(res, 200, {
		issues: [
			issue('10042', 'SUP-42', 'Cannot log in after password reset', 'Waiting for support'),
			issue('10037', 'SUP-37', 'Request a new invoice address', 'Resolved'),
		],
		isLast: true,
	});
}

/** GitHub: the issues the signed login opened. */
function githubIssues({ req, res, url, params }: RouteContext) {
	const creator = url.searchParams.get('creator');
	if (!guard(req, res, creator ? undefined : 'creator')) return;
	const issue = (number: number, title: string, state: string) => ({
		number,
		title,
		state,
		html_url: `https://github.com/${params.owner}/${params.repo}/issues/${number}`,
		user: { login: creator },
		updated_at: iso(now() - DAY),
	});
	sendJson(res, 200, [
		issue(1347, 'Export fails for files over 2 GB', 'open'),
		issue(1290, 'Dark mode resets after update', 'closed'),
	]);
}

/** HubSpot: the contact's tickets; the CRM search is a POST whose `associations.contact` filter names the contact. */
async function hubspotTicketSearch({ req, res }: RouteContext) {
	const body = await readJsonBody(req);
	const groups = isObject(body) && Array.isArray(body.filterGroups) ? body.filterGroups : [];
	const contact = groups
		.flatMap((group) => (isObject(group) && Array.isArray(group.filters) ? group.filters : []))
		.find((filter) => isObject(filter) && filter.propertyName === 'associations.contact');
	const id = isObject(contact) && typeof contact.value === 'string' ? contact.value : '';
	if (!guard(req, res, id ? undefined : 'filterGroups (associations.contact EQ)')) return;
	const ticket = (ticketId: string, subject: string, stage: string, daysAgo: number) => ({
		id: ticketId,
		properties: {
			createdate: iso(now() - 10 * DAY),
			hs_lastmodifieddate: iso(now() - daysAgo * DAY),
			hs_object_id: ticketId,
			hs_pipeline: '0',
			hs_pipeline_stage: stage,
			subject,
		},
		createdAt: iso(now() - 10 * DAY),
		updatedAt: iso(now() - daysAgo * DAY),
		archived: false,
	});
	sendJson(res, 200, {
		total: 2,
		results: [
			ticket('31702', 'Invoice PDF is empty', '2', 1),
			ticket('31655', 'Cannot add a second admin', '3', 4),
		],
	});
}
