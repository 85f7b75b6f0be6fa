// Answers of the real APIs the workflow templates call, shaped after their public documentation:
// Shopify Admin REST API `GET /admin/api/{version}/orders.json` (shopify.dev, Order resource),
// Statuspage public API v2 `GET /api/v2/incidents/unresolved.json` (the status page's /api), and a
// utility's own usage API. Each carries personal or internal data that no template picks, so the
// suite can check that nothing unpicked reaches the answer.

export const customer = {
	user_id: 'cust-4711',
	email: 'ada.lovelace@example.com',
	name: 'Ada Lovelace',
};

/** Values that are in the API answers but must never appear in what the workflows answer. */
export const unpickedMarkers = [
	'+44 20 7946 0958', // customer phone (Shopify)
	'12 Marylebone Road', // shipping address (Shopify)
	'203.0.113.42', // browser IP (Shopify)
	'VIP - do not cancel', // internal order note (Shopify)
	'•••• •••• •••• 4111', // card digits (Shopify payment details)
	'MTR-99-00817', // meter serial (utility)
	'DE89370400440532013000', // bank account (utility)
	'on-call: pager 555-0199', // internal postmortem note (Statuspage component description)
];

export function shopifyOrders(email: string) {
	return {
		orders: [
			{
				id: 450789469,
				admin_graphql_api_id: 'gid://shopify/Order/450789469',
				name: '#1001',
				email,
				phone: '+44 20 7946 0958',
				browser_ip: '203.0.113.42',
				note: 'VIP - do not cancel',
				created_at: '2026-11-20T09:14:03-05:00',
				updated_at: '2026-11-21T16:02:44-05:00',
				processed_at: '2026-11-20T09:14:03-05:00',
				currency: 'EUR',
				total_price: '129.90',
				subtotal_price: '119.90',
				total_tax: '10.00',
				financial_status: 'paid',
				fulfillment_status: 'fulfilled',
				order_status_url:
					'https://shop.example.com/690933842/orders/b1946ac92492d2347c6235b4d2611184/authenticate?key=imasecretipod',
				payment_details: {
					credit_card_bin: '411111',
					credit_card_number: '•••• •••• •••• 4111',
					credit_card_company: 'Visa',
				},
				shipping_address: {
					first_name: 'Ada',
					last_name: 'Lovelace',
					address1: '12 Marylebone Road',
					city: 'London',
					zip: 'NW1 5LR',
					country_code: 'GB',
					phone: '+44 20 7946 0958',
				},
				customer: {
					id: 207119551,
					email,
					first_name: 'Ada',
					last_name: 'Lovelace',
					phone: '+44 20 7946 0958',
				},
				line_items: [
					{
						id: 466157049,
						title: 'Analytical Engine Mug',
						quantity: 2,
						price: '29.95',
						sku: 'MUG-AE-01',
						fulfillment_status: 'fulfilled',
					},
					{
						id: 518995019,
						title: 'Difference Engine Poster',
						quantity: 1,
						price: '60.00',
						sku: 'POS-DE-02',
						fulfillment_status: 'fulfilled',
					},
				],
				fulfillments: [
					{
						id: 255858046,
						order_id: 450789469,
						status: 'success',
						shipment_status: 'in_transit',
						created_at: '2026-11-21T16:02:44-05:00',
						tracking_company: 'DHL Express',
						tracking_number: '1Z2345',
						tracking_numbers: ['1Z2345'],
						tracking_url: 'https://www.dhl.com/track?id=1Z2345',
						tracking_urls: ['https://www.dhl.com/track?id=1Z2345'],
					},
				],
			},
			{
				id: 450789470,
				admin_graphql_api_id: 'gid://shopify/Order/450789470',
				name: '#1002',
				email,
				phone: '+44 20 7946 0958',
				browser_ip: '203.0.113.42',
				note: null,
				created_at: '2026-11-23T11:40:00-05:00',
				updated_at: '2026-11-23T11:40:00-05:00',
				processed_at: '2026-11-23T11:40:00-05:00',
				currency: 'EUR',
				total_price: '19.90',
				subtotal_price: '16.72',
				total_tax: '3.18',
				financial_status: 'pending',
				fulfillment_status: null,
				order_status_url:
					'https://shop.example.com/690933842/orders/c2046ac92492d2347c6235b4d2611185/authenticate?key=imasecretipod2',
				payment_details: {
					credit_card_bin: '411111',
					credit_card_number: '•••• •••• •••• 4111',
					credit_card_company: 'Visa',
				},
				shipping_address: {
					first_name: 'Ada',
					last_name: 'Lovelace',
					address1: '12 Marylebone Road',
					city: 'London',
					zip: 'NW1 5LR',
					country_code: 'GB',
				},
				customer: { id: 207119551, email, first_name: 'Ada', last_name: 'Lovelace' },
				line_items: [
					{
						id: 703073504,
						title: 'Punch Card Notebook',
						quantity: 1,
						price: '16.72',
						sku: 'NB-PC-03',
						fulfillment_status: null,
					},
				],
				fulfillments: [],
			},
		],
	};
}

export const statuspageUnresolved = {
	page: {
		id: 'y2j98763l56x',
		name: 'Example Cloud',
		url: 'https://status.example.com',
		time_zone: 'Etc/UTC',
		updated_at: '2026-11-25T10:12:00.000Z',
	},
	incidents: [
		{
			id: 'p31zjtct2jer',
			name: 'Elevated API error rates in EU region',
			status: 'identified',
			created_at: '2026-11-25T09:31:00.000Z',
			updated_at: '2026-11-25T10:12:00.000Z',
			monitoring_at: null,
			resolved_at: null,
			impact: 'major',
			shortlink: 'http://stspg.io/p31zjtct2jer',
			started_at: '2026-11-25T09:31:00.000Z',
			page_id: 'y2j98763l56x',
			incident_updates: [
				{
					id: 'h6s8bqgd2zr1',
					status: 'identified',
					body: 'We have identified a faulty load balancer in the EU region and are rolling out a fix.',
					incident_id: 'p31zjtct2jer',
					created_at: '2026-11-25T10:12:00.000Z',
					updated_at: '2026-11-25T10:12:00.000Z',
					display_at: '2026-11-25T10:12:00.000Z',
					affected_components: [
						{
							code: 'ftgks51sfs2d',
							name: 'API',
							old_status: 'operational',
							new_status: 'major_outage',
						},
					],
					deliver_notifications: true,
					custom_tweet: null,
					tweet_id: null,
				},
				{
					id: 'q9w8bqgd2zr0',
					status: 'investigating',
					body: 'We are investigating elevated error rates on the API.',
					incident_id: 'p31zjtct2jer',
					created_at: '2026-11-25T09:31:00.000Z',
					updated_at: '2026-11-25T09:31:00.000Z',
					display_at: '2026-11-25T09:31:00.000Z',
					affected_components: null,
					deliver_notifications: true,
					custom_tweet: null,
					tweet_id: null,
				},
			],
			components: [
				{
					id: 'ftgks51sfs2d',
					name: 'API',
					status: 'major_outage',
					created_at: '2024-01-10T12:00:00.000Z',
					updated_at: '2026-11-25T10:12:00.000Z',
					position: 1,
					description: 'on-call: pager 555-0199',
					showcase: true,
					start_date: null,
					group_id: null,
					page_id: 'y2j98763l56x',
					group: false,
					only_show_if_degraded: false,
				},
			],
		},
	],
};

export function utilityUsage(userId: string) {
	return {
		customer_id: userId,
		period: { start: '2026-10-01', end: '2026-10-31' },
		usage_kwh: 312.4,
		previous_period_kwh: 287.9,
		tariff: 'Green Flex 24',
		estimated_bill: { amount: 98.37, currency: 'EUR' },
		meter: { serial: 'MTR-99-00817', type: 'smart', last_reading_at: '2026-10-31T23:45:00Z' },
		payment: { method: 'direct_debit', iban: 'DE89370400440532013000' },
		daily: [
			{ date: '2026-10-30', kwh: 9.8 },
			{ date: '2026-10-31', kwh: 11.2 },
		],
	};
}
