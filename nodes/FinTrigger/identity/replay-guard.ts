// Replay guard for signed Intercom notifications. A signature proves Intercom sent the bytes once,
// not that they are sent now: anyone who saw a delivery could post it again. Fin Trigger remembers
// the ids of delivered notifications and starts a run for each id once, in two places:
// - a bounded in-memory record per workflow and node (this process): n8n 2.40.7 does not save a
//   webhook node's static-data change when the call starts an execution (creating the execution's
//   workflow resets the "changed" flag of the same static-data object), so this is what catches a
//   replay, also two copies arriving at once;
// - the workflow's static data, which n8n saves after calls that start nothing and loads for every
//   call, so what it holds survives a restart once saved.
// This is the one piece of module state in the package, on purpose and bounded.
// - Bounded: at most MAX_REMEMBERED ids, each for WINDOW_SECONDS after the notification's signed
//   `created_at`. A notification older than the window, or older than an id that was forgotten
//   to stay in bounds, can no longer be told from a replay, so it starts nothing either.
// - Answered with 200 (Intercom retries any other status, which would only repeat the duplicate).
// - Limit: in queue mode each webhook process remembers its own deliveries; see docs/limits.md.
import type { IDataObject } from 'n8n-workflow';

import { accept, refuse, type Outcome } from '../rejection';

export const WINDOW_SECONDS = 3600;
export const MAX_REMEMBERED = 500;
/** Intercom's clock may run a little ahead of n8n's. */
const CLOCK_SKEW_SECONDS = 300;
const KEY = 'intercomDeliveries';

interface Remembered {
	/** [notification id, created_at in epoch seconds], oldest first. */
	entries: Array<[string, number]>;
	/** The newest created_at ever forgotten to stay within MAX_REMEMBERED. */
	forgottenUpTo: number;
}

export type Delivery = 'new' | 'duplicate' | 'expired';

/** Per process, by workflow and node; bounded in keys and (by MAX_REMEMBERED) in entries. */
const MAX_MEMORY_KEYS = 1000;
const memory = new Map<string, Remembered>();

function remembered(staticData: IDataObject): Remembered {
	const value = staticData[KEY] as Partial<Remembered> | undefined;
	const entries = Array.isArray(value?.entries)
		? value.entries.filter(
				(entry): entry is [string, number] =>
					Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number',
			)
		: [];
	return { entries, forgottenUpTo: Number(value?.forgottenUpTo) || 0 };
}

/** The notification's id and signed creation time, or a refusal when either is missing. */
export function deliveryOf(
	body: Record<string, unknown>,
): Outcome<{ id: string; createdAt: number }> {
	const { id, created_at: createdAt } = body;
	if (typeof id !== 'string' || id === '' || id.length > 200)
		return refuse(
			400,
			'invalid_body',
			'The Intercom notification has no id, so a replay could not be recognised',
		);
	if (typeof createdAt !== 'number' || !Number.isFinite(createdAt))
		return refuse(400, 'invalid_body', 'The Intercom notification has no created_at time');
	return accept({ id, createdAt });
}

/** Both records together: every id either holds, the newer forgetting point. */
function merged(stored: Remembered, kept: Remembered | undefined): Remembered {
	if (!kept) return stored;
	const byId = new Map(stored.entries);
	for (const [id, createdAt] of kept.entries) byId.set(id, createdAt);
	const forgottenUpTo = Math.max(stored.forgottenUpTo, kept.forgottenUpTo);
	// What one record already forgot stays forgotten (and is refused as expired).
	return {
		entries: [...byId.entries()].filter(([, createdAt]) => createdAt > forgottenUpTo),
		forgottenUpTo,
	};
}

/**
 * Records a delivery in memory and in the node's static data; says whether it is new. Runs without
 * any await between reading and writing, so two copies handled at once cannot both be new.
 */
export function recordDelivery(
	staticData: IDataObject,
	memoryKey: string,
	delivery: { id: string; createdAt: number },
	nowSeconds: number,
): Delivery {
	const state = merged(remembered(staticData), memory.get(memoryKey));
	const oldestAccepted = Math.max(nowSeconds - WINDOW_SECONDS, state.forgottenUpTo + 1);
	const entries = state.entries.filter(([, createdAt]) => createdAt >= nowSeconds - WINDOW_SECONDS);
	if (entries.some(([id]) => id === delivery.id)) return 'duplicate';
	if (delivery.createdAt < oldestAccepted || delivery.createdAt > nowSeconds + CLOCK_SKEW_SECONDS)
		return 'expired';
	entries.push([delivery.id, delivery.createdAt]);
	entries.sort((a, b) => a[1] - b[1]);
	let forgottenUpTo = state.forgottenUpTo;
	while (entries.length > MAX_REMEMBERED)
		forgottenUpTo = Math.max(forgottenUpTo, entries.shift()![1]);
	staticData[KEY] = { entries, forgottenUpTo } as unknown as IDataObject;
	memory.delete(memoryKey);
	memory.set(memoryKey, { entries: [...entries], forgottenUpTo });
	// The least recently used workflow is forgotten first.
	if (memory.size > MAX_MEMORY_KEYS) memory.delete(memory.keys().next().value!);
	return 'new';
}
