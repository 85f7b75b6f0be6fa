// Reading numbers, dates and text out of JSON values the way ops teams expect: "42" is a number,
// 1700000000 is a Unix time in seconds, "2024-05-01" is a date. Used by audience rules (greater /
// less than) and by field transforms (number, currency and date formats).
import { DateTime } from 'luxon';

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const ISO_DATE_START = /^\d{4}-\d{2}/;
/** Epoch values below this are seconds (until the year 5138), above it milliseconds. */
const SECONDS_LIMIT = 1e11;

/** A finite number from a number or a numeric string; otherwise undefined. */
export function toFiniteNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && NUMERIC.test(value.trim())) {
		const parsed = Number(value.trim());
		return Number.isFinite(parsed) ? parsed : undefined;
	}
	return undefined;
}

/** The one reading of a Unix time: seconds below 1e11 (until the year 5138), milliseconds above. */
export function fromEpoch(epoch: number): DateTime | undefined {
	if (!Number.isFinite(epoch)) return undefined;
	const date = DateTime.fromMillis(Math.abs(epoch) < SECONDS_LIMIT ? epoch * 1000 : epoch, {
		zone: 'utc',
	});
	return date.isValid ? date : undefined;
}

/**
 * A UTC DateTime from an ISO 8601 string (date-only strings are midnight UTC), an RFC 2822 or HTTP
 * date, or a Unix time (seconds, or milliseconds when larger than 1e11); otherwise undefined.
 */
export function toDateTime(value: unknown): DateTime | undefined {
	if (DateTime.isDateTime(value)) return value.isValid ? value : undefined;
	if (value instanceof Date) return toDateTime(value.getTime());
	const epoch = toFiniteNumber(value);
	if (epoch !== undefined) return fromEpoch(epoch);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const candidates = ISO_DATE_START.test(text)
		? [DateTime.fromISO(text, { zone: 'utc' })]
		: [DateTime.fromRFC2822(text, { zone: 'utc' }), DateTime.fromHTTP(text, { zone: 'utc' })];
	return candidates.find((date) => date.isValid);
}

/** Any value as text: strings, numbers and booleans as written, other values as JSON. */
export function toText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	if (value === undefined) return '';
	return JSON.stringify(value);
}
