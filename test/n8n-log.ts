// What n8n's own logger wrote during this test file (test/setup-env.ts sends it to a file per file).
import { existsSync, readFileSync, statSync } from 'node:fs';

const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : -1);

/**
 * The whole log so far. winston writes through a stream, so wait until the file stops growing
 * (bounded) rather than read a half-flushed tail.
 */
export async function n8nLog(): Promise<string> {
	const path = process.env.N8N_LOG_FILE_LOCATION;
	if (!path) throw new Error('N8N_LOG_FILE_LOCATION is not set: run through jest.config.js');
	let size = sizeOf(path);
	for (let waited = 0; waited < 2000; waited += 100) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		const next = sizeOf(path);
		if (next === size && next >= 0) break;
		size = next;
	}
	return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
