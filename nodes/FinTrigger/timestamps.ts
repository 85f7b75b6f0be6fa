// Message times as ISO strings: chat systems send unix seconds, milliseconds or ISO text.

export function toIsoTimestamp(value: unknown, fallback: Date): string {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
		// Below 10^11 the number is seconds (until the year 5138), above it milliseconds.
		const date = new Date(value < 1e11 ? value * 1000 : value);
		if (!Number.isNaN(date.getTime())) return date.toISOString();
	}
	if (typeof value === 'string' && value.trim() !== '') {
		const date = new Date(value);
		if (!Number.isNaN(date.getTime())) return date.toISOString();
	}
	return fallback.toISOString();
}
