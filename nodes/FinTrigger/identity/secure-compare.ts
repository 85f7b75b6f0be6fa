// Constant-time comparison of secrets and signatures. Both sides are hashed first, so the time
// taken depends neither on where they differ nor on their lengths.
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string | Buffer): Buffer {
	return createHash('sha256').update(value).digest();
}

export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
	return timingSafeEqual(digest(a), digest(b));
}
