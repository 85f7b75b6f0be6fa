// Message times as ISO strings: chat systems send unix seconds, milliseconds or ISO text.
import { fromEpoch } from '../../shared/values';

export function toIsoTimestamp(value: unknown, fallback: Date): string {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
		const date = fromEpoch(value);
		if (date) return date.toJSDate().toISOString();
	}
	if (typeof value === 'string' && value.trim() !== '') {
		const date = new Date(value);
		if (!Number.isNaN(date.getTime())) return date.toISOString();
	}
	return fallback.toISOString();
}
