// Fixture data for the demo backend, shaped like the real APIs so that an API Action built against
// the demo works unchanged against the real service. Dates are relative to "now" so the data always
// looks recent (a customer asking "where is my order?" about an order from 2019 would confuse).

const DAY = 24 * 60 * 60 * 1000;

function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Shopify and Statuspage format timestamps with an explicit offset and no milliseconds. */
function timestamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function round2(value: number): number {
	return Math.round(value * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Electricity usage (a utility's own customer API)

interface Customer {
	id: string;
	name: string;
	email: string;
	accountNumber: string;
	tariff: {
		name: string;
		type: 'fixed' | 'time_of_use';
		unitRatePerKwh: number;
		standingChargePerDay: number;
	};
	/** kWh for the last 7 complete days, oldest first. */
	dailyKwh: number[];
	meterId: string;
}

export const DEMO_CUSTOMERS: Customer[] = [
	{
		id: 'cus_1001',
		name: 'Ada Lovelace',
		email: 'ada@example.com',
		accountNumber: 'ACC-0041-1001',
		tariff: {
			name: 'Green Flex',
			type: 'time_of_use',
			unitRatePerKwh: 0.2841,
			standingChargePerDay: 0.4915,
		},
		dailyKwh: [9.4, 11.2, 8.7, 10.1, 14.8, 16.3, 12.0],
		meterId: 'SMETS2-7F21A9',
	},
	{
		id: 'cus_1002',
		name: 'Grace Hopper',
		email: 'grace@example.com',
		accountNumber: 'ACC-0041-1002',
		tariff: {
			name: 'Standard Fixed 12M',
			type: 'fixed',
			unitRatePerKwh: 0.2635,
			standingChargePerDay: 0.5322,
		},
		dailyKwh: [21.5, 19.8, 23.1, 22.4, 20.9, 27.6, 25.2],
		meterId: 'SMETS2-3C88D0',
	},
	{
		id: 'cus_1003',
		name: 'Alan Turing',
		email: 'alan@example.com',
		accountNumber: 'ACC-0041-1003',
		tariff: {
			name: 'EV Night Saver',
			type: 'time_of_use',
			unitRatePerKwh: 0.2412,
			standingChargePerDay: 0.4711,
		},
		dailyKwh: [31.0, 6.2, 29.4, 7.1, 33.8, 5.9, 30.6],
		meterId: 'SMETS2-9B04E7',
	},
];

/** kWh on a day: the customer's weekly pattern, so every answer about the same day agrees. */
function kwhOn(customer: Customer, date: Date): number {
	return customer.dailyKwh[Math.floor(date.getTime() / DAY) % customer.dailyKwh.length];
}

/**
 * The usage API answer: the billing period so far (`period`, `usage_kwh`), the last 7 complete days
 * (`daily_usage`, `total_kwh`), the tariff and the estimated bill for the whole period.
 */
export function usageFor(userId: string, now = new Date()) {
	const customer = DEMO_CUSTOMERS.find((candidate) => candidate.id === userId);
	if (!customer) return undefined;
	const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
	const yesterday = new Date(today.getTime() - DAY);
	const rate = customer.tariff.unitRatePerKwh;
	const days = Array.from({ length: 7 }, (_, index) => {
		const date = new Date(today.getTime() - (7 - index) * DAY);
		const kwh = kwhOn(customer, date);
		return { date: isoDate(date), kwh, cost: round2(kwh * rate) };
	});
	const total = round2(days.reduce((sum, day) => sum + day.kwh, 0));
	// The billing period is the calendar month of yesterday (the last complete day).
	const periodStart = new Date(Date.UTC(yesterday.getUTCFullYear(), yesterday.getUTCMonth(), 1));
	const periodEnd = new Date(Date.UTC(yesterday.getUTCFullYear(), yesterday.getUTCMonth() + 1, 0));
	let usage = 0;
	for (let day = periodStart.getTime(); day <= yesterday.getTime(); day += DAY)
		usage += kwhOn(customer, new Date(day));
	const daysElapsed = Math.round((yesterday.getTime() - periodStart.getTime()) / DAY) + 1;
	const daysInPeriod = periodEnd.getUTCDate();
	const previousStart = new Date(
		Date.UTC(periodStart.getUTCFullYear(), periodStart.getUTCMonth() - 1, 1),
	);
	let previous = 0;
	for (let day = previousStart.getTime(); day < periodStart.getTime(); day += DAY)
		previous += kwhOn(customer, new Date(day));
	const projectedKwh = round2((usage / daysElapsed) * daysInPeriod);
	const energy = round2(projectedKwh * rate);
	const standing = round2(daysInPeriod * customer.tariff.standingChargePerDay);
	const vat = round2((energy + standing) * 0.19);
	return {
		customer_id: customer.id,
		account_number: customer.accountNumber,
		unit: 'kWh',
		period: { start: isoDate(periodStart), end: isoDate(yesterday) },
		usage_kwh: round2(usage),
		previous_period_kwh: round2(previous),
		daily_usage: days,
		total_kwh: total,
		average_daily_kwh: round2(total / days.length),
		tariff: customer.tariff.name,
		tariff_details: {
			type: customer.tariff.type,
			unit_rate_per_kwh: rate,
			standing_charge_per_day: customer.tariff.standingChargePerDay,
			currency: 'EUR',
		},
		estimated_bill: {
			amount: round2(energy + standing + vat),
			currency: 'EUR',
			period_start: isoDate(periodStart),
			period_end: isoDate(periodEnd),
			projected_kwh: projectedKwh,
			energy_charge: energy,
			standing_charge: standing,
			vat,
			due_date: isoDate(new Date(periodEnd.getTime() + 15 * DAY)),
		},
		meter: {
			serial: customer.meterId,
			type: 'smart',
			last_reading_at: timestamp(new Date(today.getTime() - 15 * 60 * 1000)),
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Shopify Admin REST API: GET /admin/api/{version}/orders.json (fields as documented by Shopify)

const SHOP = 'fin-actions-demo.myshopify.com';
const SHOP_ID = 73412345;

interface OrderSeed {
	id: number;
	number: number;
	email: string;
	customer: { id: number; first_name: string; last_name: string };
	daysAgo: number;
	financial: 'paid' | 'pending' | 'refunded' | 'partially_refunded';
	fulfillment: null | 'fulfilled' | 'partial';
	cancelled?: {
		reason: 'customer' | 'inventory' | 'fraud' | 'declined' | 'other';
		daysAgo: number;
	};
	lines: Array<{
		id: number;
		product_id: number;
		variant_id: number;
		title: string;
		variant_title: string | null;
		sku: string;
		price: string;
		quantity: number;
		fulfilled: boolean;
	}>;
	tracking?: {
		company: string;
		number: string;
		url: string;
		status: 'success';
		shipment_status: 'in_transit' | 'out_for_delivery' | 'delivered' | 'confirmed';
	};
	address: {
		address1: string;
		city: string;
		zip: string;
		country: string;
		country_code: string;
		province: string | null;
		province_code: string | null;
	};
	token: string;
}

const ORDER_SEEDS: OrderSeed[] = [
	{
		id: 5623908712001,
		number: 1041,
		email: 'ada@example.com',
		customer: { id: 7001001, first_name: 'Ada', last_name: 'Lovelace' },
		daysAgo: 2,
		financial: 'paid',
		fulfillment: null,
		lines: [
			{
				id: 14010001,
				product_id: 8801001,
				variant_id: 45100101,
				title: 'Smart Thermostat',
				variant_title: 'White',
				sku: 'THERM-WH',
				price: '129.00',
				quantity: 1,
				fulfilled: false,
			},
			{
				id: 14010002,
				product_id: 8801002,
				variant_id: 45100201,
				title: 'Radiator Valve',
				variant_title: null,
				sku: 'VALVE-01',
				price: '34.50',
				quantity: 2,
				fulfilled: false,
			},
		],
		address: {
			address1: '12 St James Square',
			city: 'London',
			zip: 'SW1Y 4JH',
			country: 'United Kingdom',
			country_code: 'GB',
			province: 'England',
			province_code: 'ENG',
		},
		token: 'b1946ac92492d2347c6235b4d2611184',
	},
	{
		id: 5623908712002,
		number: 1032,
		email: 'ada@example.com',
		customer: { id: 7001001, first_name: 'Ada', last_name: 'Lovelace' },
		daysAgo: 9,
		financial: 'paid',
		fulfillment: 'fulfilled',
		lines: [
			{
				id: 14020001,
				product_id: 8801003,
				variant_id: 45100301,
				title: 'Energy Monitor Plug',
				variant_title: '2-pack',
				sku: 'PLUG-2P',
				price: '39.99',
				quantity: 1,
				fulfilled: true,
			},
		],
		tracking: {
			company: 'Royal Mail',
			number: 'RM123456785GB',
			url: 'https://www.royalmail.com/track-your-item#/tracking-results/RM123456785GB',
			status: 'success',
			shipment_status: 'in_transit',
		},
		address: {
			address1: '12 St James Square',
			city: 'London',
			zip: 'SW1Y 4JH',
			country: 'United Kingdom',
			country_code: 'GB',
			province: 'England',
			province_code: 'ENG',
		},
		token: '591785b794601e212b260e25925636fd',
	},
	{
		id: 5623908712003,
		number: 1027,
		email: 'grace@example.com',
		customer: { id: 7001002, first_name: 'Grace', last_name: 'Hopper' },
		daysAgo: 5,
		financial: 'paid',
		fulfillment: 'partial',
		lines: [
			{
				id: 14030001,
				product_id: 8801004,
				variant_id: 45100401,
				title: 'Solar Battery Starter Kit',
				variant_title: '5 kWh',
				sku: 'BATT-5K',
				price: '2499.00',
				quantity: 1,
				fulfilled: true,
			},
			{
				id: 14030002,
				product_id: 8801005,
				variant_id: 45100501,
				title: 'Installation Bracket',
				variant_title: null,
				sku: 'BRKT-01',
				price: '59.00',
				quantity: 1,
				fulfilled: false,
			},
		],
		tracking: {
			company: 'DHL Express',
			number: '1234567890',
			url: 'https://www.dhl.com/en/express/tracking.html?AWB=1234567890',
			status: 'success',
			shipment_status: 'out_for_delivery',
		},
		address: {
			address1: '350 Fifth Avenue',
			city: 'New York',
			zip: '10118',
			country: 'United States',
			country_code: 'US',
			province: 'New York',
			province_code: 'NY',
		},
		token: '6f8db599de986fab7a21625b7916589c',
	},
	{
		id: 5623908712004,
		number: 1019,
		email: 'grace@example.com',
		customer: { id: 7001002, first_name: 'Grace', last_name: 'Hopper' },
		daysAgo: 16,
		financial: 'refunded',
		fulfillment: null,
		cancelled: { reason: 'customer', daysAgo: 15 },
		lines: [
			{
				id: 14040001,
				product_id: 8801002,
				variant_id: 45100201,
				title: 'Radiator Valve',
				variant_title: null,
				sku: 'VALVE-01',
				price: '34.50',
				quantity: 4,
				fulfilled: false,
			},
		],
		address: {
			address1: '350 Fifth Avenue',
			city: 'New York',
			zip: '10118',
			country: 'United States',
			country_code: 'US',
			province: 'New York',
			province_code: 'NY',
		},
		token: '8d777f385d3dfec8815d20f7496026dc',
	},
];

function orderFromSeed(seed: OrderSeed, now: Date) {
	const created = new Date(now.getTime() - seed.daysAgo * DAY);
	const currency = seed.address.country_code === 'US' ? 'USD' : 'GBP';
	const subtotal = seed.lines.reduce((sum, line) => sum + Number(line.price) * line.quantity, 0);
	const shipping = subtotal >= 100 ? 0 : 4.95;
	const tax = round2(subtotal * (currency === 'GBP' ? 0.2 / 1.2 : 0.08875));
	// UK prices include VAT; US sales tax is added on top, as Shopify reports taxes_included.
	const taxesIncluded = currency === 'GBP';
	const total = round2(subtotal + shipping + (taxesIncluded ? 0 : tax));
	const cancelledAt = seed.cancelled
		? timestamp(new Date(now.getTime() - seed.cancelled.daysAgo * DAY))
		: null;
	const fulfilledLines = seed.lines.filter((line) => line.fulfilled);
	const money = (value: number) => value.toFixed(2);
	const set = (value: number) => ({
		shop_money: { amount: money(value), currency_code: currency },
		presentment_money: { amount: money(value), currency_code: currency },
	});
	const address = {
		first_name: seed.customer.first_name,
		last_name: seed.customer.last_name,
		name: `${seed.customer.first_name} ${seed.customer.last_name}`,
		address2: null,
		company: null,
		phone: null,
		...seed.address,
	};
	return {
		id: seed.id,
		admin_graphql_api_id: `gid://shopify/Order/${seed.id}`,
		name: `#${seed.number}`,
		order_number: seed.number,
		number: seed.number - 1000,
		email: seed.email,
		contact_email: seed.email,
		created_at: timestamp(created),
		processed_at: timestamp(created),
		updated_at: timestamp(new Date(created.getTime() + DAY / 2)),
		closed_at: null,
		cancelled_at: cancelledAt,
		cancel_reason: seed.cancelled?.reason ?? null,
		confirmed: true,
		test: false,
		currency,
		presentment_currency: currency,
		financial_status: seed.financial,
		fulfillment_status: seed.fulfillment,
		subtotal_price: money(subtotal),
		total_tax: money(tax),
		taxes_included: taxesIncluded,
		total_discounts: '0.00',
		total_shipping_price_set: set(shipping),
		total_price: money(total),
		current_total_price: money(seed.financial === 'refunded' ? 0 : total),
		total_price_set: set(total),
		order_status_url: `https://${SHOP}/${SHOP_ID}/orders/${seed.token}/authenticate?key=${seed.token.split('').reverse().join('')}`,
		tags: '',
		note: null,
		customer: {
			id: seed.customer.id,
			email: seed.email,
			first_name: seed.customer.first_name,
			last_name: seed.customer.last_name,
			admin_graphql_api_id: `gid://shopify/Customer/${seed.customer.id}`,
		},
		billing_address: address,
		shipping_address: address,
		shipping_lines: [
			{
				id: seed.id + 7,
				title: shipping === 0 ? 'Free shipping' : 'Standard',
				code: 'STANDARD',
				price: money(shipping),
				source: 'shopify',
			},
		],
		line_items: seed.lines.map((line) => ({
			id: line.id,
			admin_graphql_api_id: `gid://shopify/LineItem/${line.id}`,
			product_id: line.product_id,
			variant_id: line.variant_id,
			title: line.title,
			variant_title: line.variant_title,
			name: line.variant_title ? `${line.title} - ${line.variant_title}` : line.title,
			sku: line.sku,
			vendor: 'Fin Actions Demo',
			quantity: line.quantity,
			current_quantity: seed.cancelled ? 0 : line.quantity,
			fulfillable_quantity: line.fulfilled || seed.cancelled ? 0 : line.quantity,
			fulfillment_status: line.fulfilled ? 'fulfilled' : null,
			price: line.price,
			price_set: set(Number(line.price)),
			requires_shipping: true,
			taxable: true,
			gift_card: false,
		})),
		fulfillments: seed.tracking
			? [
					{
						id: seed.id + 3,
						admin_graphql_api_id: `gid://shopify/Fulfillment/${seed.id + 3}`,
						order_id: seed.id,
						name: `#${seed.number}.1`,
						status: seed.tracking.status,
						shipment_status: seed.tracking.shipment_status,
						created_at: timestamp(new Date(created.getTime() + DAY)),
						updated_at: timestamp(new Date(created.getTime() + 2 * DAY)),
						tracking_company: seed.tracking.company,
						tracking_number: seed.tracking.number,
						tracking_numbers: [seed.tracking.number],
						tracking_url: seed.tracking.url,
						tracking_urls: [seed.tracking.url],
						line_items: fulfilledLines.map((line) => ({
							id: line.id,
							title: line.title,
							quantity: line.quantity,
							sku: line.sku,
						})),
					},
				]
			: [],
		refunds: [],
	};
}

export type ShopifyOrderStatus = 'open' | 'closed' | 'cancelled' | 'any';

/** Orders newest first, filtered like the real endpoint (status defaults to "open" there too). */
export function shopifyOrders(
	filter: { email?: string; status?: ShopifyOrderStatus; limit?: number },
	now = new Date(),
) {
	const status = filter.status ?? 'open';
	return ORDER_SEEDS.map((seed) => orderFromSeed(seed, now))
		.filter((order) => !filter.email || order.email.toLowerCase() === filter.email.toLowerCase())
		.filter((order) => {
			if (status === 'any') return true;
			if (status === 'cancelled') return order.cancelled_at !== null;
			if (status === 'closed') return order.closed_at !== null;
			return order.closed_at === null && order.cancelled_at === null;
		})
		.sort((a, b) => b.created_at.localeCompare(a.created_at))
		.slice(0, filter.limit ?? 50);
}

// ---------------------------------------------------------------------------------------------
// Statuspage public API v2: GET /api/v2/incidents/unresolved.json

const PAGE = {
	id: 'y2j98763l56x',
	name: 'Fin Actions Demo',
	url: 'https://status.fin-actions.example',
	time_zone: 'Etc/UTC',
};

export function unresolvedIncidents(now = new Date()) {
	const at = (minutesAgo: number) => timestamp(new Date(now.getTime() - minutesAgo * 60 * 1000));
	const component = (id: string, name: string, status: string, position: number) => ({
		id,
		name,
		status,
		created_at: '2023-03-01T09:00:00+00:00',
		updated_at: at(40),
		position,
		description: null,
		showcase: true,
		start_date: '2023-03-01',
		group_id: null,
		page_id: PAGE.id,
		group: false,
		only_show_if_degraded: false,
	});
	const sync = component('b13yz5g2cw10', 'Order sync', 'partial_outage', 2);
	const api = component('k7tq2m9x3v4p', 'Public API', 'degraded_performance', 1);
	return {
		page: { ...PAGE, updated_at: at(12) },
		incidents: [
			{
				id: 'p31zjtct2jer',
				name: 'Delayed order status updates',
				status: 'identified',
				impact: 'major',
				created_at: at(95),
				updated_at: at(12),
				started_at: at(100),
				monitoring_at: null,
				resolved_at: null,
				shortlink: 'https://stspg.io/p31zjtct2jer',
				page_id: PAGE.id,
				incident_updates: [
					{
						id: 'h6dbrnp4ktmw',
						status: 'identified',
						body: 'We identified a backlog in the order sync queue. Order status pages may show updates up to 2 hours late; orders themselves are not affected.',
						incident_id: 'p31zjtct2jer',
						created_at: at(12),
						updated_at: at(12),
						display_at: at(12),
						affected_components: [
							{
								code: sync.id,
								name: sync.name,
								old_status: 'partial_outage',
								new_status: 'partial_outage',
							},
						],
						deliver_notifications: true,
						custom_tweet: null,
						tweet_id: null,
					},
					{
						id: 'x0s8f9kw1qrv',
						status: 'investigating',
						body: 'We are investigating reports of order statuses not updating.',
						incident_id: 'p31zjtct2jer',
						created_at: at(95),
						updated_at: at(95),
						display_at: at(95),
						affected_components: [
							{
								code: sync.id,
								name: sync.name,
								old_status: 'operational',
								new_status: 'partial_outage',
							},
						],
						deliver_notifications: true,
						custom_tweet: null,
						tweet_id: null,
					},
				],
				components: [sync],
			},
			{
				id: 'vq8l2kbrwz7n',
				name: 'Elevated API latency in EU region',
				status: 'monitoring',
				impact: 'minor',
				created_at: at(240),
				updated_at: at(40),
				started_at: at(245),
				monitoring_at: at(40),
				resolved_at: null,
				shortlink: 'https://stspg.io/vq8l2kbrwz7n',
				page_id: PAGE.id,
				incident_updates: [
					{
						id: 'c5n1m7yt0zga',
						status: 'monitoring',
						body: 'A fix has been deployed and latency is back to normal. We are monitoring the results.',
						incident_id: 'vq8l2kbrwz7n',
						created_at: at(40),
						updated_at: at(40),
						display_at: at(40),
						affected_components: [
							{
								code: api.id,
								name: api.name,
								old_status: 'degraded_performance',
								new_status: 'degraded_performance',
							},
						],
						deliver_notifications: true,
						custom_tweet: null,
						tweet_id: null,
					},
				],
				components: [api],
			},
		],
	};
}
