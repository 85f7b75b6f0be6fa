// Answers of the five vendor APIs the newer templates call, written from each vendor's documented
// response shape (field names and nesting as documented; every value invented):
// - Stripe `GET /v1/subscriptions?customer=` (API 2025-03-31.basil and later: the billing period is
//   on the subscription item, `items.data[].current_period_end`; prices in minor units),
// - Zendesk Support `GET /api/v2/search.json?query=` (`results[]` of tickets, `count`, `next_page`),
// - Jira Cloud platform `GET /rest/api/3/search/jql?jql=` (`issues[]` with `key` and `fields`,
//   `isLast`, `nextPageToken`),
// - GitHub REST `GET /repos/{owner}/{repo}/issues?creator=` (a bare array of issues),
// - HubSpot CRM `POST /crm/v3/objects/tickets/search` (`total`, `results[]` with `id`, `properties`
//   as strings, `createdAt`, `updatedAt`, `archived`; `paging.next.after` when there are more).
// Each carries data no template picks (markers below), so a test can check none of it is answered.

/** Who asks: the signed identifiers each vendor reads by. */
export const vendorCustomer = {
	user_id: 'cust-4711',
	email: 'ada.lovelace@example.com',
	stripe_customer_id: 'cus_Qx81LovelaceAda',
	atlassian_account_id: '712020:5f0c4a0e-4c1e-4b8e-9a42-ada0000004711',
	github_login: 'ada-lovelace',
	hubspot_contact_id: '9617',
};

/** Values in the vendor answers that no template picks: never in an answer or an execution. */
export const vendorUnpickedMarkers = [
	'pm_1PaymentMethodAda', // Stripe default payment method
	'internal: churn risk high', // Stripe subscription metadata
	'Agent-only note: refund approved by finance', // Zendesk ticket description
	'+44 20 7946 0958', // Zendesk requester phone, Jira reporter
	'ada.private@example.net', // Jira reporter's private email
	'Stack trace with token=ghp_internal', // GitHub issue body
	'Internal: contact flagged for upsell', // HubSpot ticket content
];

export function stripeSubscriptions(customer: string) {
	return {
		object: 'list',
		url: '/v1/subscriptions',
		has_more: false,
		data: [
			{
				id: 'sub_1QxAda0001',
				object: 'subscription',
				customer,
				status: 'active',
				cancel_at_period_end: false,
				collection_method: 'charge_automatically',
				created: 1767225600,
				currency: 'eur',
				default_payment_method: 'pm_1PaymentMethodAda',
				latest_invoice: 'in_1QxAda0042',
				livemode: false,
				metadata: { crm_note: 'internal: churn risk high' },
				items: {
					object: 'list',
					has_more: false,
					url: '/v1/subscription_items?subscription=sub_1QxAda0001',
					data: [
						{
							id: 'si_QxAda0001',
							object: 'subscription_item',
							created: 1767225600,
							current_period_start: 1793491200,
							current_period_end: 1796169600,
							quantity: 1,
							subscription: 'sub_1QxAda0001',
							price: {
								id: 'price_1QxProMonthly',
								object: 'price',
								active: true,
								currency: 'eur',
								nickname: 'Pro monthly',
								product: 'prod_QxPro',
								recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
								type: 'recurring',
								unit_amount: 4900,
								unit_amount_decimal: '4900',
							},
						},
					],
				},
			},
		],
	};
}

export function zendeskSearch() {
	const ticket = (id: number, subject: string, status: string, updated: string) => ({
		url: `https://example.zendesk.com/api/v2/tickets/${id}.json`,
		id,
		result_type: 'ticket',
		type: 'problem',
		subject,
		raw_subject: subject,
		description: 'Agent-only note: refund approved by finance',
		priority: 'normal',
		status,
		requester_id: 386001,
		submitter_id: 386001,
		assignee_id: 512002,
		organization_id: 509974,
		group_id: 360001,
		tags: ['billing'],
		via: { channel: 'email' },
		custom_fields: [{ id: 27642, value: '+44 20 7946 0958' }],
		created_at: '2026-11-02T09:10:11Z',
		updated_at: updated,
	});
	return {
		results: [
			ticket(35436, 'Invoice shows the wrong VAT number', 'open', '2026-11-29T16:40:00Z'),
			ticket(35412, 'Export to CSV times out', 'pending', '2026-11-27T08:05:00Z'),
		],
		facets: null,
		next_page: null,
		previous_page: null,
		count: 2,
	};
}

export function jiraSearch(accountId: string) {
	const reporter = {
		accountId,
		accountType: 'customer',
		displayName: 'Ada Lovelace',
		emailAddress: 'ada.private@example.net',
		active: true,
		timeZone: 'Europe/London',
	};
	const issue = (id: string, key: string, summary: string, status: string, category: string) => ({
		expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
		id,
		self: `https://your-site.atlassian.net/rest/api/3/issue/${id}`,
		key,
		fields: {
			summary,
			status: {
				self: `https://your-site.atlassian.net/rest/api/3/status/${id}`,
				description: '',
				name: status,
				id: '10001',
				statusCategory: { id: 4, key: category, colorName: 'yellow', name: status },
			},
			updated: '2026-11-28T14:03:51.000+0000',
			reporter,
			customfield_10010: { requestType: { name: 'Get IT help' }, phone: '+44 20 7946 0958' },
		},
	});
	return {
		issues: [
			issue(
				'10042',
				'SUP-42',
				'Cannot log in after password reset',
				'Waiting for support',
				'indeterminate',
			),
			issue('10037', 'SUP-37', 'Request a new invoice address', 'Resolved', 'done'),
		],
		isLast: true,
	};
}

export function githubIssues(login: string) {
	const user = {
		login,
		id: 583231,
		node_id: 'MDQ6VXNlcjU4MzIzMQ==',
		type: 'User',
		site_admin: false,
	};
	const issue = (number: number, title: string, state: string, updated: string) => ({
		id: 1000000 + number,
		node_id: `I_kwDOAda${number}`,
		url: `https://api.github.com/repos/your-org/your-repo/issues/${number}`,
		repository_url: 'https://api.github.com/repos/your-org/your-repo',
		html_url: `https://github.com/your-org/your-repo/issues/${number}`,
		number,
		state,
		state_reason: state === 'closed' ? 'completed' : null,
		title,
		body: 'Stack trace with token=ghp_internal',
		user,
		labels: [{ id: 208045946, name: 'bug', color: 'f29513', default: true }],
		assignee: null,
		locked: false,
		comments: 3,
		created_at: '2026-11-01T10:00:00Z',
		updated_at: updated,
		closed_at: state === 'closed' ? updated : null,
		author_association: 'NONE',
	});
	return [
		issue(1347, 'Export fails for files over 2 GB', 'open', '2026-11-30T12:00:00Z'),
		issue(1290, 'Dark mode resets after update', 'closed', '2026-11-20T08:30:00Z'),
	];
}

/** HubSpot's ticket search answer: the contact's tickets (none for another contact). */
export function hubspotTicketSearch(contactId: string, forContact: string) {
	const ticket = (id: string, subject: string, stage: string, modified: string) => ({
		id,
		properties: {
			content: 'Internal: contact flagged for upsell',
			createdate: '2026-11-02T09:10:11.000Z',
			hs_lastmodifieddate: modified,
			hs_object_id: id,
			hs_pipeline: '0',
			hs_pipeline_stage: stage,
			hs_ticket_priority: 'MEDIUM',
			subject,
		},
		createdAt: '2026-11-02T09:10:11.000Z',
		updatedAt: modified,
		archived: false,
	});
	if (contactId !== forContact) return { total: 0, results: [] };
	return {
		total: 2,
		results: [
			ticket('31702', 'Invoice PDF is empty', '2', '2026-11-29T16:40:00.000Z'),
			ticket('31655', 'Cannot add a second admin', '3', '2026-11-26T10:15:00.000Z'),
		],
	};
}
