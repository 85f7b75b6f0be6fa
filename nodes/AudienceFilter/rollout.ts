// Phased rollout: a user's bucket (0..9999) is the first 32 bits of sha256("<action name>:<value>")
// modulo 10,000. Nothing is stored: every run and every worker computes the same bucket, and a user
// is in the rollout when bucket < percentage x 100, so widening 10% to 30% keeps everyone already in.
import { createHash } from 'node:crypto';

export const BUCKET_COUNT = 10000;

/** The stable bucket of `value` for the action named `key`. */
export function rolloutBucket(key: string, value: string): number {
	return createHash('sha256').update(`${key}:${value}`).digest().readUInt32BE(0) % BUCKET_COUNT;
}

/** True when `bucket` lies inside the first `percentage` percent of all buckets (0.01% steps). */
export function isInRollout(bucket: number, percentage: number): boolean {
	return bucket < Math.round(percentage * (BUCKET_COUNT / 100));
}

/** A percentage from 0 to 100, or an explanation of what is wrong. */
export function checkPercentage(percentage: unknown): string | undefined {
	if (
		typeof percentage !== 'number' ||
		!Number.isFinite(percentage) ||
		percentage < 0 ||
		percentage > 100
	) {
		return `the rollout percentage must be a number from 0 to 100, got ${JSON.stringify(percentage)}`;
	}
	return undefined;
}
